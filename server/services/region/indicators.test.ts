/**
 * The region's view on the demo college and a second one in another zone: the scope of each role, each college on its
 * own day, small cells withheld, and — the point of it — a college's row equal to the figures of the college's own
 * pages for the same term and day: the monitoring's counts (server/services/control/monitoring.ts), the consolidated
 * sheets' totals (server/reports/consolidated/load.ts), the hours report's total row.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import {
  attestationResults,
  groupMemberships,
  journalCells,
  lessons,
  teachingAssignments,
  terms,
  userRoles,
} from '../../../db/schema';
import { DEMO_REGIONAL_LOGIN } from '../../../db/seed';
import { addDays, todayIn, type IsoDate } from '../../../domain/dates';
import {
  columnTally,
  emptyStandings,
  emptyTally,
  standingTotals,
  tallyIndicators,
  type ResultTally,
} from '../../../domain/indicators';
import { REGION_RULES, type RegionCollegeRow } from '../../../domain/region-view';
import type { Role } from '../../../domain/roles';
import { actorByLogin, demoActors } from '../../../test/actors';
import { openTestDatabase } from '../../../test/database';
import { createSecondInstitution } from '../../../test/second-institution';
import type { Actor } from '../../policy/actor';
import { loadConsolidatedSheet } from '../../reports/consolidated/load';
import { monitorTerm } from '../control/monitoring';
import { openTerms } from '../../queries/terms';
import { setInstitutionTimeZone } from '../college/institutions';
import { hoursDelivered } from '../timetable/hours';
import { regionIndicators, regionInput } from './indicators';

let database: Database;
let demo: Record<Role, Actor>;
let regional: Actor;
let second: Awaited<ReturnType<typeof createSecondInstitution>>;

beforeAll(async () => {
  database = await openTestDatabase();
  second = await createSecondInstitution(database.db);
  demo = await demoActors(database.db);
  regional = await actorByLogin(database.db, DEMO_REGIONAL_LOGIN);
  await setInstitutionTimeZone(database.db, regional, {
    institutionId: second.institutionId,
    timeZone: 'Asia/Kamchatka',
  });

  // Results of the autumn term in one group's journals, every kind the indicators tell apart (and «осв.»).
  const db = database.db;
  const inst = demo.admin.institutionId!;
  const groupId = demo.curator.grants.find((g) => g.role === 'curator')!.groupId!;
  const [autumn] = await db
    .select()
    .from(terms)
    .where(and(eq(terms.institutionId, inst), eq(terms.startsOn, '2026-09-01')));
  const journals = await db
    .select({ id: teachingAssignments.id, subgroupId: teachingAssignments.subgroupId })
    .from(teachingAssignments)
    .where(and(eq(teachingAssignments.groupId, groupId), eq(teachingAssignments.termId, autumn!.id)));
  const members = await db
    .select({ id: groupMemberships.studentId })
    .from(groupMemberships)
    .where(eq(groupMemberships.groupId, groupId));
  const values = ['5', '4', '3', '2', 'н/а', 'осв.', '5', '4', '3'];
  const whole = journals.filter((j) => j.subgroupId === null);
  for (const [j, journal] of whole.slice(0, 3).entries())
    await db
      .insert(attestationResults)
      .values(
        members.slice(0, values.length).map((m, i) => ({
          institutionId: inst,
          teachingAssignmentId: journal.id,
          studentId: m.id,
          field: 'sem',
          value: values[(i + j) % values.length]!,
        })),
      )
      .onConflictDoNothing();
}, 120_000);
afterAll(async () => {
  await database?.close();
});

/** The college's own figures for its term on `today`, from its own pages' code. */
async function ownFigures(actor: Actor, termId: number, today: IsoDate) {
  const db = database.db;
  const inst = actor.institutionId!;
  const list = await openTerms(db, [inst]);
  const term = list.find((t) => t.id === termId)!;
  const monitoring = await monitorTerm(db, term, list, today, actor.timeZone, sql`true`);
  // Every group with a journal in the term: its consolidated sheet, pooled.
  const groupIds = [
    ...new Set(
      (
        await db
          .select({ groupId: teachingAssignments.groupId })
          .from(teachingAssignments)
          .where(and(eq(teachingAssignments.institutionId, inst), eq(teachingAssignments.termId, termId)))
      ).map((r) => r.groupId),
    ),
  ];
  const byStanding = emptyStandings();
  const graded: ResultTally = emptyTally();
  for (const groupId of groupIds) {
    const { sheet } = await loadConsolidatedSheet(db, demo.admin, {
      groupId,
      termId,
      period: 'term',
    });
    for (const [k, v] of Object.entries(sheet.totals.byStanding)) byStanding[k as keyof typeof byStanding] += v;
    const counted = sheet.rows.map((r) => r.counted);
    sheet.columns.forEach((_, c) => {
      const t = columnTally(
        sheet.rows.map((r) => r.values[c] ?? null),
        counted,
      );
      if (t.fives + t.fours + t.threes + t.twos === 0) return;
      for (const k of Object.keys(graded) as (keyof ResultTally)[]) graded[k] += t[k];
    });
  }
  const totals = standingTotals(byStanding);
  return {
    journals: monitoring.journals.length,
    flags: Object.fromEntries(REGION_RULES.map((r) => [r, monitoring.totals[r] - monitoring.riskTotals[r]])),
    students: totals.counted,
    progress: totals.progress,
    quality: totals.quality,
    sou: tallyIndicators(graded).sou,
    incomplete: byStanding.incomplete,
  };
}

const rowOf = (rows: RegionCollegeRow[], inst: number) => rows.find((r) => r.institutionId === inst)!;

describe('the region’s view of its colleges', () => {
  it('the regional administrator sees every college, each on its own day; an inspector only the own college', async () => {
    // 15:30 UTC on 10 December: 18:30 in Moscow, already 03:30 on the 11th in Kamchatka.
    const now = new Date('2026-12-10T15:30:00Z');
    const all = await regionIndicators(database.db, regional, {}, now);
    expect(all.rows.map((r) => r.institutionId).sort()).toEqual(
      [demo.admin.institutionId!, second.institutionId].sort(),
    );
    const other = rowOf(all.rows, second.institutionId);
    expect(other).toMatchObject({ timeZone: 'Asia/Kamchatka', today: '2026-12-11', journals: 1, students: 1 });
    expect(rowOf(all.rows, demo.admin.institutionId!)).toMatchObject({
      timeZone: 'Europe/Moscow',
      today: '2026-12-10',
    });
    expect(other.term).toMatchObject({ startsOn: '2026-09-01', endsOn: '2026-12-28' });

    const own = await regionIndicators(database.db, demo.inspector, {}, now);
    expect(own.rows.map((r) => r.institutionId)).toEqual([demo.admin.institutionId]);
    const theirs = await regionIndicators(database.db, await actorByLogin(database.db, 'other-inspector'), {}, now);
    expect(theirs.rows.map((r) => r.institutionId)).toEqual([second.institutionId]);
    expect(JSON.stringify(theirs)).not.toContain('Колледж информационных технологий');

    for (const role of ['admin', 'head', 'methodist', 'curator', 'teacher', 'student', 'parent'] as const)
      await expect(regionIndicators(database.db, demo[role], {})).rejects.toMatchObject({ status: 403 });
  });

  it('a college of fewer than 5 students shows no student-derived figure; the lessons’ flags and hours stay', async () => {
    const { rows } = await regionIndicators(database.db, regional, {}, new Date('2027-01-15T09:00:00Z'));
    const other = rowOf(rows, second.institutionId);
    expect(other).toMatchObject({ withheld: true, progress: null, quality: null, sou: null, incomplete: null });
    expect(other.flags.shortOfGrades).toBeNull();
    expect(other.flags.noAttestation).toBeNull();
    expect(other.plannedHours).toBe(60);
    expect(other.flags.unfilledLesson).toBe(0);
    expect(rowOf(rows, demo.admin.institutionId!).withheld).toBe(false);
    // Aggregates only: no person's name anywhere.
    const text = JSON.stringify(rows);
    for (const name of ['Чужой', 'Петрова', 'other-']) expect(text).not.toContain(name);
  });

  it('a college’s row equals its own monitoring, consolidated sheets and hours report — the current term, today', async () => {
    const db = database.db;
    const { methodist } = demo;
    const inst = methodist.institutionId!;
    // Flags of each kind, for sure: an empty lesson 5 days old, one with marks but no topic.
    const today = todayIn(methodist.timeZone);
    const monitoringNow = await monitorTerm(
      db,
      (await openTerms(db, [inst])).find((t) => t.startsOn <= today && today <= t.endsOn)!,
      await openTerms(db, [inst]),
      today,
      methodist.timeZone,
      sql`true`,
    );
    const journal = monitoringNow.journals[0]!;
    const [empty, unnamed] = await db
      .insert(lessons)
      .values(
        [addDays(today, -5), addDays(today, -6)].map((date) => ({
          institutionId: inst,
          teachingAssignmentId: journal.assignmentId,
          date,
          hours: 2,
          kind: 'lecture',
        })),
      )
      .returning({ id: lessons.id });
    const [member] = await db
      .select({ id: groupMemberships.studentId })
      .from(groupMemberships)
      .where(eq(groupMemberships.groupId, journal.groupId))
      .limit(1);
    await db
      .insert(journalCells)
      .values({ institutionId: inst, lessonId: unnamed!.id, studentId: member!.id, grade1: '4' });
    expect(empty).toBeDefined();

    const region = await regionIndicators(db, regional, {});
    const row = rowOf(region.rows, inst);
    const own = await ownFigures(methodist, monitoringNow.term.id, today);
    expect(row.term?.startsOn).toBe(monitoringNow.term.startsOn);
    expect(row.flags).toEqual(own.flags);
    expect(row.flags.unfilledLesson).toBeGreaterThan(0);
    expect(row.flags.noTopic).toBeGreaterThan(0);
    expect(row).toMatchObject({
      journals: own.journals,
      students: own.students,
      progress: own.progress,
      quality: own.quality,
      sou: own.sou,
      incomplete: own.incomplete,
    });
    const hours = await hoursDelivered(db, methodist, { by: 'group' });
    const total = hours.rows.at(-1)!;
    expect(total.key).toBe('total');
    expect([row.plannedHours, row.deliveredHours, row.deliveredPercent]).toEqual([
      total.planned,
      total.delivered,
      total.percent,
    ]);
    expect(row.deliveredHours).toBeGreaterThan(0);
  });

  it('an ended term (the autumn one in January): the attestation flags and results equal the college’s own too', async () => {
    const db = database.db;
    const inst = demo.admin.institutionId!;
    const now = new Date('2027-01-15T09:00:00Z');
    const { rows, period, periods } = await regionIndicators(db, regional, { period: '2026-1' }, now);
    expect(period).toBe('2026-1');
    expect(periods.map((p) => p.key)).toContain('2026-1');
    const row = rowOf(rows, inst);
    const [autumn] = await db
      .select()
      .from(terms)
      .where(and(eq(terms.institutionId, inst), eq(terms.startsOn, '2026-09-01')));
    const own = await ownFigures(demo.methodist, autumn!.id, '2027-01-15');
    expect(row.flags).toEqual(own.flags);
    expect(row.flags.noAttestation).toBeGreaterThan(0);
    expect(row).toMatchObject({
      students: own.students,
      progress: own.progress,
      quality: own.quality,
      sou: own.sou,
      incomplete: own.incomplete,
    });
    // The seeded results make the indicators real numbers, not «—».
    expect(row.sou).not.toBeNull();
    expect(row.progress).not.toBeNull();
    // The period of a college without that term: the row stays, empty.
    const later = await regionIndicators(db, regional, { period: '2026-2' }, now);
    expect(rowOf(later.rows, second.institutionId)).toMatchObject({ term: null, journals: 0 });
  });

  it('a period not of the form year-term is refused naming the field', () => {
    const parsed = regionInput.safeParse({ period: '2026/2027' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('Период');
  });

  it('an inspector granted two colleges sees both (the scope is the grants’)', async () => {
    const db = database.db;
    await db
      .insert(userRoles)
      .values({ institutionId: second.institutionId, userId: demo.inspector.userId, role: 'inspector' });
    const both = await actorByLogin(db, 'inspektor');
    const { rows } = await regionIndicators(db, both, {});
    expect(rows.map((r) => r.institutionId).sort()).toEqual([demo.admin.institutionId!, second.institutionId].sort());
    await db
      .delete(userRoles)
      .where(and(eq(userRoles.userId, demo.inspector.userId), eq(userRoles.institutionId, second.institutionId)));
  });
});
