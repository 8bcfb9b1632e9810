/**
 * The timetable of dates (issue #11, item 2): a week of real dates — the template with the dated changes applied
 * (domain/timetable-changes.ts) — for the methodist to change (cancel, move, substitute, add, revert; each with a
 * reason, append-only) and, once published, for the teachers, students and parents it concerns.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { teachingAssignments, timetableChanges, timetablePublications } from '../../../db/schema';
import { addDays, formatDate, isoWeekday, weekStart, type IsoDate } from '../../../domain/dates';
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
  daysOffBetween,
  entryLineagesOf,
  pairsByWeekday,
  roomsOf,
  teacherNames,
  termJournals,
  termPlacements,
  type TimetableTerm,
  type TimetableView,
} from './frame';

/**
 * The open terms of the college a week of `date` is read in, and the term that week stands for (its journals, the
 * page's term): the one the date falls in; with no date, today's (a page opened on a vacation day: the next term to
 * start, else the last); a date in a vacation between the open terms, or in the week of a term's first or last day,
 * the term before it (or that term). A week is not one term's: its lessons are those of every term it overlaps, each
 * clipped to its own bounds (`collegeWeek`). A date outside the open years: 400.
 */
export async function weekTerms(
  db: Db,
  actor: Actor,
  permission: Permission,
  asked: IsoDate | undefined,
  today: IsoDate,
): Promise<{ term: TimetableTerm; terms: TimetableTerm[]; date: IsoDate }> {
  const all = await openTerms(db, institutionsFor(actor, permission));
  const date = asked ?? today;
  const weekOf = (t: TimetableTerm) => weekStart(t.startsOn) <= date && date <= addDays(weekStart(t.endsOn), 6);
  const term =
    all.find((t) => t.startsOn <= date && date <= t.endsOn) ??
    (asked === undefined
      ? (all.find((t) => t.startsOn > date) ?? all.at(-1))
      : (all.find(weekOf) ??
        all
          .filter((t) => t.endsOn < date && all.some((n) => n.institutionId === t.institutionId && n.startsOn > date))
          .at(-1)));
  if (!term) throw badInput(`Дата: ${formatDate(date)} не входит ни в один семестр открытого учебного года`);
  const terms = all.filter((t) => t.institutionId === term.institutionId);
  const within = asked ?? (today < term.startsOn ? term.startsOn : today > term.endsOn ? term.endsOn : today);
  return { term, terms, date: within };
}

/** A change as the views read it: when made, whether and when published, the warnings confirmed with it. */
export type TermChange = DatedChange & {
  createdAt: Date;
  published: boolean;
  publishedAt: Date | null;
  warnings: string[];
};

/** The term's changes (the draft view and a publish preview: all; the published view: those published). */
export async function termChanges(db: Db, term: TimetableTerm, view: TimetableView): Promise<TermChange[]> {
  const rows = await db
    .select({ change: timetableChanges, publishedAt: timetablePublications.publishedAt })
    .from(timetableChanges)
    .innerJoin(
      teachingAssignments,
      and(
        eq(teachingAssignments.institutionId, timetableChanges.institutionId),
        eq(teachingAssignments.id, timetableChanges.teachingAssignmentId),
      ),
    )
    .leftJoin(
      timetablePublications,
      and(
        eq(timetablePublications.institutionId, timetableChanges.institutionId),
        eq(timetablePublications.id, timetableChanges.publicationId),
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
  return rows.map(({ change: r, publishedAt }) => ({
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
    publishedAt,
    warnings: r.warnings ?? [],
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
  changes: { id: number; kind: ChangeKind; reason: string; published: boolean; warnings: string[] }[];
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
 * names, the days with their bells and the college's days off. The lessons are those of every term of `terms` the
 * week overlaps, each clipped to its term's own bounds (a term ending on a Monday still has that Monday; a week
 * astride two terms has both). Callers filter by group, teacher or room.
 */
export async function collegeWeek(db: Db, terms: readonly TimetableTerm[], date: IsoDate, view: TimetableView) {
  const monday = weekStart(date);
  const dates = weekDates(monday);
  const saturday = dates[5]!;
  const institutionId = terms[0]!.institutionId;
  const inWeek = terms.filter((t) => t.startsOn <= saturday && t.endsOn >= monday);
  const [pairsOf, roomList, names, off, lineages, parts] = await Promise.all([
    pairsByWeekday(db, institutionId),
    roomsOf(db, institutionId),
    teacherNames(db, institutionId),
    daysOffBetween(db, institutionId, monday, saturday),
    entryLineagesOf(db, institutionId),
    Promise.all(
      inWeek.map(async (term) => {
        const [template, journals, changes] = await Promise.all([
          termPlacements(db, term, undefined, view),
          termJournals(db, term),
          termChanges(db, term, view),
        ]);
        return { term, template, journals, changes };
      }),
    ),
  ]);
  const journals = new Map(parts.flatMap((p) => [...p.journals]));
  const changes = parts.flatMap((p) => p.changes);
  const template = parts.flatMap((p) => p.template);
  const lessons = parts
    .flatMap((p) =>
      datedLessons(
        monday,
        saturday,
        p.template,
        p.changes,
        p.term,
        p.term.yearStart,
        off.noLessons,
        (assignmentId) => journals.get(assignmentId)?.teacherId ?? null,
        (entryId) => lineages.get(entryId)?.rootId ?? entryId,
      ),
    )
    .sort((a, b) => a.date.localeCompare(b.date) || a.pairNo - b.pairNo || a.key.localeCompare(b.key));
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
        return { id, kind: c.kind, reason: c.reason, published: c.published, warnings: c.warnings };
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
  return { monday, days, lessons: views, journals, changes, off, roomList, names, template, terms: inWeek, lineages };
}

/** A group's own day off (practice, session) in words, or null. */
export function groupDayOff(
  off: Awaited<ReturnType<typeof daysOffBetween>>,
  groupId: number,
  date: IsoDate,
): string | null {
  const kind = off.groupOff.get(`${groupId}:${date}`);
  return kind ? GROUP_PERIOD_LABELS[kind as 'practice' | 'session'] : null;
}
