/**
 * Who fills a lesson of a journal (issue #11, item 5): the substitute who taught it (`lessons.taught_by`, set from a
 * substitution of the published timetable), else the journal's teacher. Everyone else with access reads it.
 */
import { formatDate } from './dates';

export function lessonTeacher(journalTeacherId: number | null, taughtBy: number | null): number | null {
  return taughtBy ?? journalTeacherId;
}

/** Why `userId` may not fill the lesson, in Russian, or null when they may. */
export function lessonRefusal(
  userId: number,
  journalTeacherId: number | null,
  taughtBy: number | null,
  date: string,
): string | null {
  if (lessonTeacher(journalTeacherId, taughtBy) === userId) return null;
  return taughtBy !== null
    ? `занятие ${formatDate(date)} провёл замещающий преподаватель: заполняет его он, вам оно доступно для чтения`
    : `занятие ${formatDate(date)} ведёт преподаватель журнала: вы заполняете только занятия, на которых замещали`;
}
