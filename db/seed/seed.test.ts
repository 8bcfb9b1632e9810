import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client';
import { queryRows } from '../client';
import { groupMemberships, groups, journalCells, lessons, users } from '../schema';
import { isoWeekday } from '../../domain/dates';
import { termCollisions, type Parity, type PlacedEntry } from '../../domain/timetable';
import { openTestDatabase } from '../../test/database';
import { generateGroupTerm } from './lessons';
import { DEMO_LOGINS, planCollege, type Row } from './plan';
import { WHOLE_NAME_MAX } from './catalog';
import { defaultAsOf } from './index';

describe('seed plan', () => {
  it('gives every subject a readable short name: whole words, never a word cut at a letter (issue #29, item 3)', () => {
    const plan = planCollege({ scale: 'demo', seed: 2026, asOf: defaultAsOf('demo') });
    const items = plan.rows.curriculum_items!;
    expect(items.length).toBeGreaterThan(100);
    const cut = items.filter((i) => /[а-яё]\./i.test(String(i.short_name)));
    expect(cut.map((i) => i.short_name)).toEqual([]);
    const long = items.filter((i) => String(i.short_name).length > WHOLE_NAME_MAX);
    expect(long.map((i) => i.short_name)).toEqual([]);
    const operating = items.find((i) => i.name === 'Операционные системы и среды')!;
    expect(operating.short_name).toBe('Операционные системы и среды');
  });

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

  /** Every current term's placements of the plan, checked like the methodist's grid checks them. */
  const expectWeekWithoutCollisions = (plan: ReturnType<typeof planCollege>) => {
    const entries = plan.rows.timetable_entries!;
    const byId = new Map(plan.assignments.map((a) => [a.id, a]));
    const members = new Map<number, Set<number>>();
    for (const g of plan.groups)
      for (const split of g.subgroups.values()) for (const s of split) members.set(s.id, s.studentIds);
    const published = new Set(entries.map((e) => byId.get(Number(e.teaching_assignment_id))!.termId));
    for (const term of plan.terms.filter((t) => published.has(t.id))) {
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
          parity: e.parity as Parity,
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
  };

  it('gives the college scale ~100 rooms and a week for every group of the year without a collision', () => {
    const plan = planCollege({ scale: 'college', seed: 2026, asOf: defaultAsOf('college') });
    expect(plan.rows.rooms!.length).toBe(100);
    expectWeekWithoutCollisions(plan);
    // Nearly every pair found its place (the rest are reported by the seed).
    expect(plan.unplacedPairs).toBeLessThan(plan.rows.timetable_entries!.length / 50);
  });

  it('gives the demo college its whole week, numerator / denominator pairs, and published changes (issue #29, item 1)', () => {
    const plan = planCollege({ scale: 'demo', seed: 2026, asOf: defaultAsOf('demo') });
    expectWeekWithoutCollisions(plan);
    expect(plan.unplacedPairs).toBe(0);
    // The autumn week is published; the spring one is left for the methodist to build.
    const termOf = (e: Row) => plan.assignments.find((a) => a.id === e.teaching_assignment_id)!.termId;
    expect(new Set(plan.rows.timetable_entries!.map(termOf))).toEqual(new Set([plan.terms[0]!.id]));
    const entries = plan.rows.timetable_entries!;
    const slot = (e: Row) => `${Number(e.weekday)}:${Number(e.pair_no)}`;
    const numerators = entries.filter((e) => e.parity === 'numerator');
    const paired = numerators.filter((n) =>
      entries.some(
        (d) =>
          d.parity === 'denominator' &&
          slot(d) === slot(n) &&
          plan.assignments.find((a) => a.id === d.teaching_assignment_id)!.groupId ===
            plan.assignments.find((a) => a.id === n.teaching_assignment_id)!.groupId,
      ),
    );
    expect(paired.length).toBeGreaterThan(0);
    const changes = plan.rows.timetable_changes!;
    expect(changes.map((c) => [c.kind, String(c.target_key).slice(-10)])).toEqual([
      ['cancel', '2026-11-25'],
      ['substitute', '2026-11-26'],
      ['cancel', '2026-12-03'],
      ['substitute', '2026-12-04'],
    ]);
    expect(changes.every((c) => c.publication_id !== null)).toBe(true);
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

  it('holds the lessons of its published week: on its days and pairs, the cancelled one not, the substitute’s theirs', async () => {
    const [facts] = await queryRows<{
      lessons: number;
      keyed: number;
      off: number;
      cancelled: number;
      substituted: number;
    }>(
      database.db,
      sql`select count(*)::int lessons,
        count(*) filter (where l.timetable_key is not null)::int keyed,
        count(*) filter (where e.id is not null and (extract(isodow from l.date) <> e.weekday or l.pair_no <> e.pair_no))::int off,
        (select count(*)::int from lessons x join timetable_changes c on c.target_key = x.timetable_key and c.kind = 'cancel') cancelled,
        (select count(*)::int from lessons x join timetable_changes c on c.target_key = x.timetable_key
          and c.kind = 'substitute' and x.taught_by = c.substitute_user_id) substituted
        from lessons l join teaching_assignments ta on ta.id = l.teaching_assignment_id
        join terms t on t.id = ta.term_id and t.starts_on <= l.date and l.date <= t.ends_on
        left join timetable_entries e on l.timetable_key = 'e' || e.id || '@' || l.date::text
        where t.number = 1`,
    );
    expect(facts!.lessons).toBeGreaterThan(1000);
    expect(facts!.keyed).toBe(facts!.lessons);
    expect(facts!.off).toBe(0);
    expect(facts!.cancelled).toBe(0);
    // The demo teacher's lesson of 26.11 in another's journal (held), another's in hers on 04.12 (ahead, empty).
    expect(facts!.substituted).toBe(2);
  });

  it('holds lessons on study days: marked up to the demo date, the published week’s empty ones on to the term’s end', async () => {
    const rows = await database.db.select({ date: lessons.date }).from(lessons);
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.every((r) => r.date >= '2026-09-01' && r.date <= '2026-12-28')).toBe(true);
    const marked = await database.db
      .selectDistinct({ date: lessons.date })
      .from(lessons)
      .innerJoin(
        journalCells,
        and(eq(journalCells.institutionId, lessons.institutionId), eq(journalCells.lessonId, lessons.id)),
      );
    expect(marked.every((r) => r.date <= defaultAsOf('demo'))).toBe(true);
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
