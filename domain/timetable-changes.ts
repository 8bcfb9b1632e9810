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
 * the order they were made. `teacherOf` gives a journal's teacher for lessons a change made. `rootOf` gives the first
 * placement of a placement's line of moves (`entryLineages`): a change made to a lesson of a placement later given
 * another room (or moved, from a date) still holds for the lesson that placement's successor gives on that date and
 * pair — a cancelled lesson does not come back because its room changed.
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
  rootOf: (entryId: number) => number = (entryId) => entryId,
): DatedLesson[] {
  const lessons = new Map<string, DatedLesson>();
  /** `<root>@<date>` → the key of the template lesson its line gives that day (one placement of a line at a time). */
  const byLine = new Map<string, string>();
  const lineKey = (entryId: number, date: IsoDate) => `${rootOf(entryId)}@${date}`;
  const groupOf = new Map(template.map((t) => [t.assignmentId, t.groupId]));
  const span = { startsOn: from > term.startsOn ? from : term.startsOn, endsOn: to < term.endsOn ? to : term.endsOn };
  for (const t of template)
    for (const date of slotDates(t, span, yearStartsOn, (d) => noLessons(t.groupId, d))) {
      const key = templateKey(t.entryId, date);
      byLine.set(lineKey(t.entryId, date), key);
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
  // A change follows its lesson to the placement of the same line that gives the lesson that day.
  const targetOf = (key: string): DatedLesson | undefined => {
    const found = lessons.get(key);
    const placed = found ? null : /^e(\d+)@(.+)$/.exec(key);
    const successor = placed ? byLine.get(lineKey(Number(placed[1]), placed[2]!)) : undefined;
    return successor ? lessons.get(successor) : found;
  };
  for (const change of activeChanges(changes)) {
    const target = change.targetKey ? targetOf(change.targetKey) : undefined;
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

/** The start of a refusal that a confirmation lifts (issue #26, item 5b): a form shows its confirm box on seeing it. */
export const WARNING_PREFIX = 'Предупреждение: ';

/**
 * «Предупреждение: Преподаватель Петров П. П. недоступен: чт, 2-я пара. Чтобы сохранить…» — why a change with warnings
 * that do not block is refused until the methodist confirms them.
 */
export function warningRefusal(warnings: readonly string[]): string {
  return `${WARNING_PREFIX}${warnings.join('; ')}. Чтобы сохранить изменение вопреки предупреждению, отметьте «Подтверждаю предупреждение»`;
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

/** A placement's place in its line of moves: the first placement of the line, and how many moves led here. */
export interface EntryLineage {
  rootId: number;
  depth: number;
}

/**
 * Each placement's line (`timetable_entries.moved_from_id`: a move or a room change makes a new placement pointing
 * back): from `[entryId, movedFromId]` pairs of every placement, removed ones too.
 */
export function entryLineages(entries: readonly (readonly [number, number | null])[]): Map<number, EntryLineage> {
  const parentOf = new Map(entries);
  const result = new Map<number, EntryLineage>();
  for (const [id] of entries) {
    // Up the line to a placement already known, or to its first (a line that loops or points nowhere known — never
    // written by the app — starts where it stops).
    const path: number[] = [];
    let at: number | null | undefined = id;
    while (at != null && parentOf.has(at) && !result.has(at) && !path.includes(at)) {
      path.push(at);
      at = parentOf.get(at);
    }
    let base = at != null && !path.includes(at) ? (result.get(at) ?? null) : null;
    for (const step of path.reverse()) {
      base = base ? { rootId: base.rootId, depth: base.depth + 1 } : { rootId: step, depth: 0 };
      result.set(step, base);
    }
  }
  return result;
}

/** A lesson's event in a calendar feed (RFC 5545): what identifies it and which version of it this is. */
export interface LessonRevision {
  /** The occurrence the lesson is (stable across moves of the lesson and of its placement): `e<root>@<date>`, `c<id>`. */
  origin: string;
  /** Grows with every published change of this occurrence (SEQUENCE, §3.8.7.4): never goes back. */
  sequence: number;
  /** When the last of them was published (LAST-MODIFIED, §3.8.7.3); null when unknown. */
  modifiedAt: Date | null;
}

/**
 * The revision of a lesson of the timetable of dates, derived from what is stored, so every fetch of a feed gives the
 * same answer: the occurrence it is — a lesson moved (however often) is the occurrence it was moved from, a placement
 * moved or given another room keeps its first placement's occurrences — and how many published changes shaped it:
 * the moves of its placement's line, every change of any of its positions (cancel, move, substitute) and every revert
 * of those (and of those reverts). A change undone still counts: the event changed twice, it did not go back.
 * `changes`: all the changes of the term in the view (reverts and undone ones too), with when each was published;
 * `entryOn(root, date)`: the placement of a line that holds on a date, if any.
 */
export function lessonRevision(
  lesson: Pick<DatedLesson, 'key' | 'entryId'>,
  changes: readonly (DatedChange & { publishedAt: Date | null })[],
  lineage: (entryId: number) => EntryLineage,
  entryPublishedAt: (entryId: number) => Date | null,
  entryOn: (rootId: number, date: IsoDate) => number | undefined = () => undefined,
): LessonRevision {
  const byId = new Map(changes.map((c) => [c.id, c]));
  // A placement's lesson is its line's lesson of that date: `e<root>@<date>` (see `datedLessons`' `rootOf`).
  const canonical = (key: string) => {
    const placed = /^e(\d+)@(.+)$/.exec(key);
    return placed ? `e${lineage(Number(placed[1])).rootId}@${placed[2]}` : key;
  };
  const positions = new Set<string>();
  let key: string | null = lesson.key;
  let first = lesson.key;
  while (key !== null && !positions.has(canonical(key))) {
    positions.add(canonical(key));
    first = key;
    const made: DatedChange | undefined = key.startsWith('c') ? byId.get(Number(key.slice(1))) : undefined;
    key = made?.kind === 'move' ? made.targetKey : null;
  }
  // The placement that gives the lesson: its own; for a lesson moved away from a placement's date, the placement of
  // that line on that date now (`entryOn`; a room given to it since changes the moved lesson too), else the one named.
  const origin = /^e(\d+)@(.+)$/.exec(first);
  const entryId =
    lesson.entryId ?? (origin ? (entryOn(lineage(Number(origin[1])).rootId, origin[2]!) ?? Number(origin[1])) : null);
  const entry = entryId === null ? null : lineage(entryId);
  const counted = new Set(
    changes
      .filter((c) => (c.targetKey !== null && positions.has(canonical(c.targetKey))) || positions.has(`c${c.id}`))
      .map((c) => c.id),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const c of changes)
      if (c.kind === 'revert' && c.revertsChangeId !== null && counted.has(c.revertsChangeId) && !counted.has(c.id)) {
        counted.add(c.id);
        grew = true;
      }
  }
  const times = [...counted].map((id) => byId.get(id)!.publishedAt);
  if (entryId !== null) times.push(entryPublishedAt(entryId));
  const known = times.filter((t): t is Date => t !== null).map((t) => t.getTime());
  return {
    origin: canonical(first),
    sequence: (entry?.depth ?? 0) + counted.size,
    modifiedAt: known.length ? new Date(Math.max(...known)) : null,
  };
}
