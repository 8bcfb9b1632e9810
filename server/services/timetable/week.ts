/**
 * The methodist's week of a group (issue #11, item 3): days × pairs with the placed lessons, the group's journals with
 * their budgets (plan / in the timetable for the term / held), and the collisions of the college's whole week.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { groups, lessons, teachingAssignments } from '../../../db/schema';
import { idSchema as id } from '../../../domain/ids';
import {
  HOURS_PER_PAIR,
  slotDates,
  termCollisions,
  collisionMessage,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type Parity,
} from '../../../domain/timetable';
import type { BellSlot } from '../../../domain/timetable-setup';
import { todayOf, type Actor } from '../../policy/actor';
import { groupScope } from '../../policy/scope';
import { lessonHeld } from '../../queries/lesson-filled';
import { outOfScope } from '../refusals';
import {
  countDate,
  daysWithoutLessons,
  groupStudents,
  pairsByWeekday,
  roomsOf,
  termPlacements,
  termSubgroupStudents,
  journalRows,
} from './frame';
import { pendingCount } from './publish';
import { PERMISSION, termFor } from './template';

export const groupWeekInput = z.object({ termId: id.optional(), groupId: id.optional() });
export const termInput = z.object({ termId: id.optional() });

/** A collision of placed lessons, for the methodist to resolve: the reason and the groups it touches. */
export interface CollisionView {
  rule: 'teacher' | 'room' | 'group';
  message: string;
  entryIds: [number, number];
  groupIds: number[];
}

/**
 * The college's week checked as a whole (issue #11: «the whole college's conflict scan of a week»): every pair of
 * placed lessons that collide — after the load gave a journal to another teacher, or a subgroup was re-divided. The
 * head of department sees those touching the department's groups.
 */
export async function termCollisionsOf(
  db: Db,
  actor: Actor,
  input: z.infer<typeof termInput>,
): Promise<{ term: { id: number; name: string }; collisions: CollisionView[] }> {
  const { term } = await termFor(db, actor, input.termId);
  const [placements, members, inScope] = await Promise.all([
    termPlacements(db, term),
    termSubgroupStudents(db, term),
    db
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.institutionId, term.institutionId), groupScope(actor, PERMISSION))),
  ]);
  const visible = new Set(inScope.map((g) => g.id));
  const collisions = termCollisions(placements, members)
    .filter((c) => visible.has(c.first.groupId) || visible.has(c.second.groupId))
    .map((c) => ({
      rule: c.rule,
      message: collisionMessage(c),
      entryIds: [c.first.entryId!, c.second.entryId!] as [number, number],
      groupIds: [...new Set([c.first.groupId, c.second.groupId])],
    }));
  return { term: { id: term.id, name: term.name }, collisions };
}

/** A journal of the group with its budget: hours by plan, placed in the template for the term, held so far. */
export interface JournalBudget {
  assignmentId: number;
  code: string;
  subject: string;
  subgroup: string | null;
  teacher: string | null;
  plannedHours: number;
  scheduledHours: number;
  heldHours: number;
}

/** A placement as the week grid shows it. */
export interface WeekEntry {
  entryId: number;
  assignmentId: number;
  weekday: number;
  pairNo: number;
  parity: Parity;
  validFrom: string | null;
  validTo: string | null;
  roomId: number | null;
  room: string | null;
  subject: string;
  teacher: string | null;
  subgroup: string | null;
  overrideReason: string | null;
  /** The soft rules it was placed over, with the reason. */
  warnings: string[];
}

export interface GroupWeek {
  term: { id: number; name: string; startsOn: string; endsOn: string };
  terms: { id: number; name: string }[];
  groups: { id: number; name: string }[];
  group: { id: number; name: string; students: number } | null;
  /** Monday…Saturday with the pairs of their bells (Saturday only when it has bells). */
  days: { weekday: number; name: string; pairs: BellSlot[] }[];
  entries: WeekEntry[];
  journals: JournalBudget[];
  rooms: { id: number; label: string; seats: number }[];
  /** Placements, removals and dated changes of the college not yet published (drafts nobody else sees). */
  pending: number;
}

/** The methodist's screen: a group's week (days × pairs), its journals with their budgets, the rooms. */
export async function groupWeek(db: Db, actor: Actor, input: z.infer<typeof groupWeekInput>): Promise<GroupWeek> {
  const { term, list } = await termFor(db, actor, input.termId);
  const groupRows = await db
    .selectDistinct({ id: groups.id, name: groups.name })
    .from(groups)
    .innerJoin(
      teachingAssignments,
      and(eq(teachingAssignments.institutionId, groups.institutionId), eq(teachingAssignments.groupId, groups.id)),
    )
    .where(
      and(
        eq(groups.institutionId, term.institutionId),
        eq(teachingAssignments.termId, term.id),
        groupScope(actor, PERMISSION),
      ),
    )
    .orderBy(asc(groups.name));
  const pairsOf = await pairsByWeekday(db, term.institutionId);
  const days = WEEKDAYS.map((weekday) => ({ weekday, name: WEEKDAY_NAMES[weekday], pairs: pairsOf(weekday) })).filter(
    (d) => d.weekday < 6 || d.pairs.length > 0,
  );
  const roomList = await roomsOf(db, term.institutionId);
  const frame = {
    term: { id: term.id, name: term.name, startsOn: term.startsOn, endsOn: term.endsOn },
    terms: list.map((t) => ({ id: t.id, name: t.name })),
    groups: groupRows,
    days,
    rooms: roomList.filter((r) => r.inUse).map((r) => ({ id: r.id, label: r.label, seats: r.seats })),
    pending: await pendingCount(db, term.institutionId),
  };
  const groupId = input.groupId ?? groupRows[0]?.id;
  if (groupId === undefined) return { ...frame, group: null, entries: [], journals: [] };
  const group = groupRows.find((g) => g.id === groupId);
  if (!group) throw outOfScope();

  const today = todayOf(actor);
  const [placements, journals, held, students, noLessons] = await Promise.all([
    termPlacements(db, term),
    journalRows(
      db,
      term.institutionId,
      and(eq(teachingAssignments.termId, term.id), eq(teachingAssignments.groupId, groupId)),
    ),
    db
      .select({ assignmentId: lessons.teachingAssignmentId, hours: sql<number>`sum(${lessons.hours})::int` })
      .from(lessons)
      .innerJoin(
        teachingAssignments,
        and(
          eq(teachingAssignments.institutionId, lessons.institutionId),
          eq(teachingAssignments.id, lessons.teachingAssignmentId),
        ),
      )
      .where(
        and(
          eq(lessons.institutionId, term.institutionId),
          eq(teachingAssignments.termId, term.id),
          eq(teachingAssignments.groupId, groupId),
          lessonHeld(today),
        ),
      )
      .groupBy(lessons.teachingAssignmentId),
    groupStudents(db, term, groupId, countDate(term, today)),
    daysWithoutLessons(db, term, groupId),
  ]);
  const own = placements.filter((p) => p.groupId === groupId);
  const heldOf = new Map(held.map((h) => [h.assignmentId, h.hours]));
  const scheduled = new Map<number, number>();
  for (const p of own) {
    const dates = slotDates(p, term, term.yearStart, (d) => noLessons.has(d));
    scheduled.set(p.assignmentId, (scheduled.get(p.assignmentId) ?? 0) + dates.length * HOURS_PER_PAIR);
  }
  return {
    ...frame,
    group: { ...group, students: students.sizeOf(null) },
    entries: own
      .map((p) => ({
        entryId: p.entryId,
        assignmentId: p.assignmentId,
        weekday: p.weekday,
        pairNo: p.pairNo,
        parity: p.parity,
        validFrom: p.validFrom,
        validTo: p.validTo,
        roomId: p.roomId,
        room: p.names.room,
        subject: p.names.subject,
        teacher: p.names.teacher,
        subgroup: p.names.subgroup,
        overrideReason: p.overrideReason,
        warnings: p.warnings,
      }))
      .sort(
        (x, y) => x.weekday - y.weekday || x.pairNo - y.pairNo || (x.subgroup ?? '').localeCompare(y.subgroup ?? ''),
      ),
    journals: journals
      .sort((a, b) => a.sortOrder - b.sortOrder || (a.subgroup ?? '').localeCompare(b.subgroup ?? '', 'ru'))
      .map((j) => ({
        assignmentId: j.assignmentId,
        code: j.code,
        subject: j.subject,
        subgroup: j.subgroup,
        teacher: j.teacher,
        plannedHours: j.plannedHours,
        scheduledHours: scheduled.get(j.assignmentId) ?? 0,
        heldHours: heldOf.get(j.assignmentId) ?? 0,
      })),
  };
}
