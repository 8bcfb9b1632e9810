/**
 * The timetable of dates (issue #11, item 2): the weekly template's lessons on each date, with the dated changes
 * applied — cancelled, moved (date, pair, room), taught by a substitute, extra lessons — and changes undone by later
 * reverts. Computed, never copied: the template and the append-only changes are all there is.
 */
import { addDays, isoWeekday, type IsoDate } from './dates';
import { slotDates, type Parity } from './timetable';

export const CHANGE_KINDS = ['cancel', 'move', 'substitute', 'extra', 'revert'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_LABELS: Record<ChangeKind, string> = {
  cancel: 'отмена',
  move: 'перенос',
  substitute: 'замена преподавателя',
  extra: 'дополнительное занятие',
  revert: 'отмена изменения',
};

/** A placement of the template as the dates need it. */
export interface TemplateLesson {
  entryId: number;
  assignmentId: number;
  groupId: number;
  teacherId: number | null;
  weekday: number;
  pairNo: number;
  parity: Parity;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  roomId: number | null;
}

/** A dated change as stored (db/schema/timetable.ts `timetable_changes`). */
export interface DatedChange {
  id: number;
  kind: ChangeKind;
  assignmentId: number;
  /** `e<entryId>@<date>` or `c<changeId>`: the lesson changed (cancel, move, substitute). */
  targetKey: string | null;
  revertsChangeId: number | null;
  toDate: IsoDate | null;
  toPairNo: number | null;
  toRoomId: number | null;
  substituteId: number | null;
  reason: string;
}

/** A lesson on a date, as the timetable of that date holds it. */
export interface DatedLesson {
  /** `e<entryId>@<date>` for a template lesson, `c<changeId>` for one a change made (moved here, extra). */
  key: string;
  entryId: number | null;
  assignmentId: number;
  groupId: number;
  date: IsoDate;
  pairNo: number;
  roomId: number | null;
  /** Who teaches it: the substitute when there is one. */
  teacherId: number | null;
  /** The journal's own teacher, when a substitute teaches instead. */
  regularTeacherId: number | null;
  substituteId: number | null;
  /** `cancelled` and `moved` lessons stay in the day (shown struck out) so the change is visible where it was. */
  status: 'planned' | 'cancelled' | 'moved';
  /** The active changes that shaped it, oldest first. */
  changeIds: number[];
  /** For `moved`: where it went. */
  movedTo: { date: IsoDate; pairNo: number } | null;
}

export function templateKey(entryId: number, date: IsoDate): string {
  return `e${entryId}@${date}`;
}

/**
 * The changes in force: a revert undoes the change it names; a revert reverted brings the change back. Changes are
 * taken newest first, so each revert is judged by the reverts made after it.
 */
export function activeChanges(changes: readonly DatedChange[]): DatedChange[] {
  const undone = new Set<number>();
  for (const change of [...changes].sort((a, b) => b.id - a.id))
    if (change.kind === 'revert' && !undone.has(change.id) && change.revertsChangeId !== null)
      undone.add(change.revertsChangeId);
  return changes.filter((c) => c.kind !== 'revert' && !undone.has(c.id)).sort((a, b) => a.id - b.id);
}

/**
 * The lessons of the dates from…to (inclusive): the template's on each date that has lessons for the group
 * (`noLessons(groupId, date)` — holidays, vacations, the group's practice and session), with the changes applied in
 * the order they were made. `teacherOf` gives a journal's teacher for lessons a change made.
 */
export function datedLessons(
  from: IsoDate,
  to: IsoDate,
  template: readonly TemplateLesson[],
  changes: readonly DatedChange[],
  term: { startsOn: IsoDate; endsOn: IsoDate },
  yearStartsOn: IsoDate,
  noLessons: (groupId: number, date: IsoDate) => boolean,
  teacherOf: (assignmentId: number) => number | null,
): DatedLesson[] {
  const lessons = new Map<string, DatedLesson>();
  const groupOf = new Map(template.map((t) => [t.assignmentId, t.groupId]));
  const span = { startsOn: from > term.startsOn ? from : term.startsOn, endsOn: to < term.endsOn ? to : term.endsOn };
  for (const t of template)
    for (const date of slotDates(t, span, yearStartsOn, (d) => noLessons(t.groupId, d))) {
      const key = templateKey(t.entryId, date);
      lessons.set(key, {
        key,
        entryId: t.entryId,
        assignmentId: t.assignmentId,
        groupId: t.groupId,
        date,
        pairNo: t.pairNo,
        roomId: t.roomId,
        teacherId: t.teacherId,
        regularTeacherId: null,
        substituteId: null,
        status: 'planned',
        changeIds: [],
        movedTo: null,
      });
    }
  for (const change of activeChanges(changes)) {
    const target = change.targetKey ? lessons.get(change.targetKey) : undefined;
    if (change.kind === 'cancel' && target) {
      target.status = 'cancelled';
      target.changeIds.push(change.id);
    } else if (change.kind === 'substitute' && target && change.substituteId !== null) {
      target.regularTeacherId ??= target.teacherId;
      target.teacherId = change.substituteId;
      target.substituteId = change.substituteId;
      target.changeIds.push(change.id);
    } else if ((change.kind === 'move' || change.kind === 'extra') && change.toDate && change.toPairNo) {
      if (target) {
        target.status = 'moved';
        target.movedTo = { date: change.toDate, pairNo: change.toPairNo };
        target.changeIds.push(change.id);
      }
      if (change.toDate < from || change.toDate > to) continue;
      const key = `c${change.id}`;
      const teacher = teacherOf(change.assignmentId);
      lessons.set(key, {
        key,
        entryId: null,
        assignmentId: change.assignmentId,
        groupId: target?.groupId ?? groupOf.get(change.assignmentId) ?? 0,
        date: change.toDate,
        pairNo: change.toPairNo,
        roomId: change.toRoomId ?? (change.kind === 'move' ? (target?.roomId ?? null) : null),
        teacherId: target?.substituteId ?? teacher,
        regularTeacherId: target?.substituteId ? teacher : null,
        substituteId: target?.substituteId ?? null,
        status: 'planned',
        changeIds: [change.id],
        movedTo: null,
      });
    }
  }
  return [...lessons.values()]
    .filter((l) => l.date >= from && l.date <= to)
    .sort((a, b) => a.date.localeCompare(b.date) || a.pairNo - b.pairNo || a.key.localeCompare(b.key));
}

/** The six dates Monday…Saturday of the week that starts on `monday`. */
export function weekDates(monday: IsoDate): IsoDate[] {
  return [0, 1, 2, 3, 4, 5].map((n) => addDays(monday, n));
}

/** Whether a date is a teaching weekday (Monday…Saturday). */
export function isTeachingDay(date: IsoDate): boolean {
  return isoWeekday(date) <= 6;
}

/** A teacher who could take a lesson, with what recommends them. */
export interface SubstituteCandidate {
  id: number;
  name: string;
  /** Already teaches this group (knows the students). */
  teachesGroup: boolean;
  /** Teaches the same subject (in any group). */
  teachesSubject: boolean;
  /** Substitutions already given to them in the lesson's month. */
  substitutionsThisMonth: number;
  /** Marked unavailable on that weekday's pair (proposed last, with the reason shown). */
  unavailable: boolean;
}

/**
 * Free teachers for a substitution (issue #11, item 5), best first: available before unavailable, then those who
 * teach the group, then those who teach the subject, then the fewest substitutions this month, then by name.
 */
export function rankSubstitutes(candidates: readonly SubstituteCandidate[]): SubstituteCandidate[] {
  const collator = new Intl.Collator('ru');
  return [...candidates].sort(
    (a, b) =>
      Number(a.unavailable) - Number(b.unavailable) ||
      Number(b.teachesGroup) - Number(a.teachesGroup) ||
      Number(b.teachesSubject) - Number(a.teachesSubject) ||
      a.substitutionsThisMonth - b.substitutionsThisMonth ||
      collator.compare(a.name, b.name),
  );
}

/** Why a substitute is proposed, in words: «ведёт в группе, ведёт этот предмет, замен в этом месяце: 2». */
export function substituteReasons(c: SubstituteCandidate): string {
  const parts = [
    c.teachesGroup ? 'ведёт в группе' : null,
    c.teachesSubject ? 'ведёт этот предмет' : null,
    `замен в этом месяце: ${c.substitutionsThisMonth}`,
    c.unavailable ? 'отмечен недоступным в эту пару' : null,
  ];
  return parts.filter(Boolean).join(', ');
}
