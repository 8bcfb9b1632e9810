import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client';
import { queryRows } from '../client';
import { groupMemberships, groups, journalCells, lessons, users } from '../schema';
import { isoWeekday } from '../../domain/dates';
import { termCollisions, type PlacedEntry } from '../../domain/timetable';
import { openTestDatabase } from '../../test/database';
import { generateGroupTerm } from './lessons';
import { DEMO_LOGINS, planCollege } from './plan';
import { defaultAsOf } from './index';

describe('seed plan', () => {
  it('is deterministic: the same seed gives the same college', () => {
    const options = { scale: 'demo' as const, seed: 7, asOf: defaultAsOf('demo') };
    const a = planCollege(options);
    const b = planCollege(options);
    expect(JSON.stringify(a.rows)).toBe(JSON.stringify(b.rows));
    const ids = () => {
      let n = 0;
      return { next: () => ++n };
    };
    expect(JSON.stringify(generateGroupTerm(a, a.groups[1]!, a.terms[0]!, ids()))).toBe(
      JSON.stringify(generateGroupTerm(b, b.groups[1]!, b.terms[0]!, ids())),
    );
    const other = planCollege({ ...options, seed: 8 });
    expect(JSON.stringify(other.rows.students)).not.toBe(JSON.stringify(a.rows.students));
  });

  it('has the college scale of the issue: ~3,000 students in ~120 groups, and last year’s graduates in the archive', () => {
    const plan = planCollege({ scale: 'college', seed: 2026, asOf: defaultAsOf('college') });
    const current = plan.groups.filter((g) => !plan.rows.groups!.find((r) => r.id === g.id)!.graduated_on);
    expect(current.length).toBe(120);
    expect(plan.groups.length - current.length).toBe(32);
    expect(plan.terms.map((t) => t.name)).toEqual([
      '1 семестр 2026/2027',
      '2 семестр 2026/2027',
      '1 семестр 2025/2026',
      '2 семестр 2025/2026',
    ]);
    const graduates = plan.rows.students!.filter((s) =>
      plan.rows.group_memberships!.some((m) => m.student_id === s.id && m.end_reason === 'Выпуск (окончание обучения)'),
    );
    expect(graduates.length).toBeGreaterThan(600);
    const currentStudents = plan.rows.students!.length - graduates.length;
    expect(currentStudents).toBeGreaterThan(2700);
    expect(currentStudents).toBeLessThan(3300);
  });

  it('gives the college scale ~100 rooms and a week for every group of the year without a collision', () => {
    const plan = planCollege({ scale: 'college', seed: 2026, asOf: defaultAsOf('college') });
    expect(plan.rows.rooms!.length).toBe(100);
    const entries = plan.rows.timetable_entries!;
    const byId = new Map(plan.assignments.map((a) => [a.id, a]));
    const members = new Map<number, Set<number>>();
    for (const g of plan.groups)
      for (const split of g.subgroups.values()) for (const s of split) members.set(s.id, s.studentIds);
    for (const term of plan.terms.filter((t) => t.yearStart === 2026)) {
      const placements: PlacedEntry[] = entries
        .map((e) => ({ e, a: byId.get(Number(e.teaching_assignment_id))! }))
        .filter(({ a }) => a.termId === term.id)
        .map(({ e, a }) => ({
          entryId: Number(e.id),
          assignmentId: a.id,
          groupId: a.groupId,
          subgroupId: a.subgroupId,
          teacherId: a.teacherUserId,
          roomId: Number(e.room_id),
          weekday: Number(e.weekday),
          pairNo: Number(e.pair_no),
          parity: 'every',
          validFrom: null,
          validTo: null,
          names: { group: '', subgroup: null, subject: '', teacher: null, room: null },
        }));
      const groupsPlaced = new Set(placements.map((p) => p.groupId));
      expect(groupsPlaced.size).toBe(
        new Set(plan.assignments.filter((a) => a.termId === term.id).map((a) => a.groupId)).size,
      );
      expect(placements.length).toBeGreaterThan(groupsPlaced.size * 10);
      expect(termCollisions(placements, members)).toEqual([]);
    }
    // Nearly every pair found its place (the rest are reported by the seed).
    expect(plan.unplacedPairs).toBeLessThan(entries.length / 50);
  });
});

describe('demo college in the database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('has one account per role with the demo logins', async () => {
    for (const login of Object.values(DEMO_LOGINS)) {
      const [user] = await database.db.select().from(users).where(eq(users.login, login));
      expect(user?.isActive, login).toBe(true);
    }
  });

  it('has real groups and specialties', async () => {
    const rows = await database.db.select({ name: groups.name }).from(groups);
    expect(rows.map((r) => r.name).sort()).toEqual(['ИС-11', 'ИС-21', 'ИС-31', 'ПНК-11', 'ТО-21', 'ЭБ-21']);
  });

  it('holds lessons on study days up to the demo date only', async () => {
    const rows = await database.db.select({ date: lessons.date }).from(lessons);
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.every((r) => r.date >= '2026-09-01' && r.date <= defaultAsOf('demo'))).toBe(true);
    expect(rows.some((r) => isoWeekday(r.date) === 7)).toBe(false);
    expect(rows.some((r) => r.date === '2026-11-04')).toBe(false);
  });

  it('looks like a journal: most cells empty, some absences, grades from 2 to 5 mostly 4 and 5', async () => {
    const [stats] = await queryRows<{
      total: number;
      absent: number;
      ill: number;
      graded: number;
      fives: number;
      twos: number;
    }>(
      database.db,
      sql`select count(*)::int total,
        count(*) filter (where attendance = 'н')::int absent,
        count(*) filter (where attendance = 'б')::int ill,
        count(*) filter (where grade1 is not null)::int graded,
        count(*) filter (where grade1 = '5')::int fives,
        count(*) filter (where grade1 = '2')::int twos
        from journal_cells`,
    );
    expect(stats!.total).toBeGreaterThan(30000);
    expect(stats!.absent / stats!.total).toBeGreaterThan(0.02);
    expect(stats!.absent / stats!.total).toBeLessThan(0.15);
    expect(stats!.ill).toBeGreaterThan(0);
    expect(stats!.graded / stats!.total).toBeGreaterThan(0.15);
    expect(stats!.graded / stats!.total).toBeLessThan(0.5);
    expect(stats!.twos).toBeLessThan(stats!.fives);
  });

  it('writes cells only for the dates a student belonged to the group', async () => {
    const moved = await database.db
      .select()
      .from(groupMemberships)
      .where(sql`${groupMemberships.toDate} is not null or ${groupMemberships.fromDate} > '2026-09-01'`);
    expect(moved.length).toBeGreaterThanOrEqual(2);
    for (const m of moved) {
      const outside = await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(journalCells)
        .innerJoin(
          lessons,
          and(eq(lessons.institutionId, journalCells.institutionId), eq(lessons.id, journalCells.lessonId)),
        )
        .where(
          and(
            eq(journalCells.studentId, m.studentId),
            m.toDate ? gt(lessons.date, m.toDate) : lt(lessons.date, m.fromDate),
          ),
        );
      expect(outside[0]!.n, `student ${m.studentId}`).toBe(0);
    }
  });
});
