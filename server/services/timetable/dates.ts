/**
 * The timetable of dates (issue #11, item 2): a week of real dates — the template with the dated changes applied
 * (domain/timetable-changes.ts) — for the methodist to change (cancel, move, substitute, add, revert; each with a
 * reason, append-only) and, once published, for the teachers, students and parents it concerns.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { teachingAssignments, timetableChanges } from '../../../db/schema';
import { formatDate, isoWeekday, weekStart, type IsoDate } from '../../../domain/dates';
import {
  datedLessons,
  weekDates,
  type ChangeKind,
  type DatedChange,
  type DatedLesson,
} from '../../../domain/timetable-changes';
import { WEEKDAY_NAMES } from '../../../domain/timetable';
import { CALENDAR_KIND_LABELS, GROUP_PERIOD_LABELS, type BellSlot } from '../../../domain/timetable-setup';
import type { Actor } from '../../policy/actor';
import type { Permission } from '../../policy/permissions';
import { institutionsFor } from '../../policy/scope';
import { openTerms } from '../../queries/terms';
import { badInput } from '../refusals';
import {
  pairsByWeekday,
  roomsOf,
  teacherNames,
  termDaysOff,
  termJournals,
  termPlacements,
  type TimetableTerm,
  type TimetableView,
} from './frame';

/**
 * The open term a date falls in, for the institutions where the actor holds the permission. With `nearest` (a page
 * opened on a vacation day) the next term to start, else the last one, stands in.
 */
export async function termOfDate(
  db: Db,
  actor: Actor,
  permission: Permission,
  date: IsoDate,
  nearest = false,
): Promise<TimetableTerm> {
  const list = await openTerms(db, institutionsFor(actor, permission));
  const term =
    list.find((t) => t.startsOn <= date && date <= t.endsOn) ??
    (nearest ? (list.find((t) => t.startsOn > date) ?? list.at(-1)) : undefined);
  if (!term) throw badInput(`Дата: ${formatDate(date)} не входит ни в один семестр открытого учебного года`);
  return term;
}

/** The term's changes (the draft view: all; the published view: those published). */
export async function termChanges(
  db: Db,
  term: TimetableTerm,
  view: TimetableView,
): Promise<(DatedChange & { createdAt: Date; published: boolean })[]> {
  const rows = await db
    .select({ change: timetableChanges })
    .from(timetableChanges)
    .innerJoin(
      teachingAssignments,
      and(
        eq(teachingAssignments.institutionId, timetableChanges.institutionId),
        eq(teachingAssignments.id, timetableChanges.teachingAssignmentId),
      ),
    )
    .where(
      and(
        eq(timetableChanges.institutionId, term.institutionId),
        eq(teachingAssignments.termId, term.id),
        view === 'published' ? isNotNull(timetableChanges.publicationId) : undefined,
      ),
    )
    .orderBy(asc(timetableChanges.id));
  return rows
    .map((r) => r.change)
    .map((r) => ({
      id: r.id,
      kind: r.kind as ChangeKind,
      assignmentId: r.teachingAssignmentId,
      targetKey: r.targetKey,
      revertsChangeId: r.revertsChangeId,
      toDate: r.toDate,
      toPairNo: r.toPairNo,
      toRoomId: r.toRoomId,
      substituteId: r.substituteUserId,
      reason: r.reason,
      createdAt: r.createdAt,
      published: r.publicationId !== null,
    }));
}

/** A lesson of a date with the names the screen shows and the changes that shaped it. */
export interface DatedLessonView extends DatedLesson {
  subject: string;
  group: string;
  subgroup: string | null;
  teacher: string | null;
  regularTeacher: string | null;
  room: string | null;
  movedToText: string | null;
  changes: { id: number; kind: ChangeKind; reason: string; published: boolean }[];
}

export interface DayView {
  date: IsoDate;
  weekday: number;
  name: string;
  pairs: BellSlot[];
  /** Why there are no lessons that day for everyone («праздничный день», «каникулы»), if so. */
  off: string | null;
}

/**
 * Everything the week of dates needs, for the whole college: the lessons of Monday…Saturday of the date's week with
 * names, the days with their bells and the college's days off. Callers filter by group, teacher or room.
 */
export async function collegeWeek(db: Db, term: TimetableTerm, date: IsoDate, view: TimetableView) {
  const monday = weekStart(date);
  const dates = weekDates(monday);
  const [template, journals, pairsOf, roomList, names, off] = await Promise.all([
    termPlacements(db, term, undefined, view),
    termJournals(db, term),
    pairsByWeekday(db, term.institutionId),
    roomsOf(db, term.institutionId),
    teacherNames(db, term.institutionId),
    termDaysOff(db, term),
  ]);
  const changes = await termChanges(db, term, view);
  const lessons = datedLessons(
    dates[0]!,
    dates[5]!,
    template,
    changes,
    term,
    term.yearStart,
    off.noLessons,
    (assignmentId) => journals.get(assignmentId)?.teacherId ?? null,
  );
  const roomLabel = new Map(roomList.map((r) => [r.id, r.label]));
  const changeById = new Map(changes.map((c) => [c.id, c]));
  const views: DatedLessonView[] = lessons.map((l) => {
    const j = journals.get(l.assignmentId);
    return {
      ...l,
      groupId: j?.groupId ?? l.groupId,
      subject: j?.subject ?? '',
      group: j?.group ?? '',
      subgroup: j?.subgroup ?? null,
      teacher: l.teacherId === null ? null : (names.get(l.teacherId) ?? null),
      regularTeacher: l.regularTeacherId === null ? null : (names.get(l.regularTeacherId) ?? null),
      room: l.roomId === null ? null : (roomLabel.get(l.roomId) ?? null),
      movedToText: l.movedTo ? `${formatDate(l.movedTo.date)}, ${l.movedTo.pairNo}-я пара` : null,
      changes: l.changeIds.map((id) => {
        const c = changeById.get(id)!;
        return { id, kind: c.kind, reason: c.reason, published: c.published };
      }),
    };
  });
  const days: DayView[] = dates.map((d) => {
    const weekday = isoWeekday(d);
    const mark = off.collegeOff.get(d);
    return {
      date: d,
      weekday,
      name: WEEKDAY_NAMES[weekday] ?? '',
      pairs: pairsOf(weekday),
      off: mark ? (mark.note ?? CALENDAR_KIND_LABELS[mark.kind as 'holiday' | 'vacation']) : null,
    };
  });
  return { monday, days, lessons: views, journals, changes, off, roomList, names, template };
}

/** A group's own day off (practice, session) in words, or null. */
export function groupDayOff(
  off: Awaited<ReturnType<typeof termDaysOff>>,
  groupId: number,
  date: IsoDate,
): string | null {
  const kind = off.groupOff.get(`${groupId}:${date}`);
  return kind ? GROUP_PERIOD_LABELS[kind as 'practice' | 'session'] : null;
}
