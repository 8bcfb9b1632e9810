/**
 * Lessons of a journal from the published timetable (issue #11, item 6; regulation §5.4: the journal is kept by the
 * timetable). One journal's planned lessons of the term (domain/timetable-changes.ts `datedLessons`, status `planned`)
 * are matched to the lessons it already has; the result says what to create, change and delete, and which lessons are
 * kept though the timetable no longer has them. A lesson with marks, a topic or homework is never deleted.
 */
import type { IsoDate } from './dates';
import type { DatedLesson } from './timetable-changes';

/** A lesson the journal has (db/schema/journal.ts `lessons`). */
export interface JournalLessonRow {
  id: number;
  date: IsoDate;
  pairNo: number | null;
  timetableKey: string | null;
  taughtBy: number | null;
  /** Has marks, attendance, a topic or homework: kept whatever the timetable says. */
  filled: boolean;
}

/** What the journal's lesson should become to agree with the timetable. */
export interface LessonUpdate {
  id: number;
  date: IsoDate;
  pairNo: number | null;
  timetableKey: string | null;
  taughtBy: number | null;
}

export interface LessonCreate {
  date: IsoDate;
  pairNo: number;
  timetableKey: string;
  taughtBy: number | null;
}

/** A lesson with marks or a topic that the timetable has no place for: kept as «вне расписания», and said so. */
export interface UnmatchedLesson {
  id: number;
  date: IsoDate;
  pairNo: number | null;
}

export interface LessonPlan {
  create: LessonCreate[];
  update: LessonUpdate[];
  /** Lessons the timetable no longer has and nothing was written in: deleted. */
  remove: number[];
  unmatched: UnmatchedLesson[];
}

/**
 * Matches one journal's lessons to its planned lessons of the timetable:
 * 1. a lesson made from a timetable lesson keeps it (its date, pair and substitute follow the timetable);
 * 2. one whose timetable lesson was moved follows it to its new date and pair, however often it moved;
 * 3. a planned lesson with no lesson yet takes a lesson added by hand on its date and pair (or on its date with no
 *    pair), else a new one is made;
 * 4. a timetable lesson the timetable no longer has (cancelled; a day made a holiday) is deleted when empty, else kept
 *    as added by hand and reported in `unmatched`.
 *
 * `planned`: the journal's planned lessons; `all`: every dated lesson of the journal's term, moved and cancelled too
 * (to follow moves). Lessons added by hand that match nothing stay as they are (the journal shows «вне расписания»).
 */
export function planJournalLessons(
  planned: readonly DatedLesson[],
  all: readonly DatedLesson[],
  existing: readonly JournalLessonRow[],
): LessonPlan {
  const plannedByKey = new Map(planned.map((l) => [l.key, l]));
  const byKey = new Map(all.map((l) => [l.key, l]));
  const claimed = new Set<string>();
  const plan: LessonPlan = { create: [], update: [], remove: [], unmatched: [] };
  const byHand: JournalLessonRow[] = [];

  const assign = (row: JournalLessonRow, target: DatedLesson) => {
    claimed.add(target.key);
    const taughtBy = target.substituteId;
    if (
      row.timetableKey !== target.key ||
      row.date !== target.date ||
      row.pairNo !== target.pairNo ||
      row.taughtBy !== taughtBy
    )
      plan.update.push({ id: row.id, date: target.date, pairNo: target.pairNo, timetableKey: target.key, taughtBy });
  };

  // Lessons made from the timetable: the same lesson, or where it moved to.
  const keyed = existing.filter((r) => r.timetableKey !== null).sort((a, b) => a.id - b.id);
  const keys = new Set(keyed.map((r) => r.timetableKey!));
  const left: JournalLessonRow[] = [];
  for (const row of keyed) {
    const same = plannedByKey.get(row.timetableKey!);
    if (same && !claimed.has(same.key)) {
      assign(row, same);
      continue;
    }
    left.push(row);
  }
  for (const row of left) {
    const moved = followMoves(row.timetableKey!, byKey, plannedByKey);
    if (moved && !claimed.has(moved.key) && !keys.has(moved.key)) {
      assign(row, moved);
      continue;
    }
    if (row.filled) byHand.push({ ...row, timetableKey: null });
    else plan.remove.push(row.id);
  }

  // Lessons added by hand take the planned lessons of their date: the same pair first, then one without a pair.
  byHand.push(...existing.filter((r) => r.timetableKey === null));
  const taken = new Set<number>();
  const open = planned.filter((l) => !claimed.has(l.key));
  const pick = (l: DatedLesson, samePair: boolean) =>
    byHand.find((r) => !taken.has(r.id) && r.date === l.date && (samePair ? r.pairNo === l.pairNo : r.pairNo === null));
  const unplaced: DatedLesson[] = [];
  for (const l of open) {
    const row = pick(l, true);
    if (row) {
      taken.add(row.id);
      assign(row, l);
    } else unplaced.push(l);
  }
  for (const l of unplaced) {
    const row = pick(l, false);
    if (row) {
      taken.add(row.id);
      assign(row, l);
    } else {
      claimed.add(l.key);
      plan.create.push({ date: l.date, pairNo: l.pairNo, timetableKey: l.key, taughtBy: l.substituteId });
    }
  }
  for (const row of byHand) {
    if (taken.has(row.id)) continue;
    const wasKeyed = existing.find((r) => r.id === row.id)?.timetableKey ?? null;
    if (wasKeyed !== null) {
      plan.update.push({ id: row.id, date: row.date, pairNo: row.pairNo, timetableKey: null, taughtBy: null });
      plan.unmatched.push({ id: row.id, date: row.date, pairNo: row.pairNo });
    }
  }
  return plan;
}

/** Where a moved lesson is now: the lesson its move made, followed through later moves. */
function followMoves(
  key: string,
  byKey: ReadonlyMap<string, DatedLesson>,
  planned: ReadonlyMap<string, DatedLesson>,
): DatedLesson | null {
  const seen = new Set<string>();
  let lesson = byKey.get(key);
  while (lesson && lesson.status === 'moved' && !seen.has(lesson.key)) {
    seen.add(lesson.key);
    const from = lesson.key;
    const next = [...lesson.changeIds]
      .reverse()
      .map((id) => byKey.get(`c${id}`))
      .find((l) => l !== undefined && l.key !== from);
    if (!next) return null;
    if (planned.has(next.key)) return planned.get(next.key)!;
    lesson = next;
  }
  return null;
}
