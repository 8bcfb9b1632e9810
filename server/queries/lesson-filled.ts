import { sql, type SQL } from 'drizzle-orm';
import { q } from '../../db/sql';
import { lessons } from '../../db/schema';

/**
 * A lesson is filled when anything was written in it: its topic or homework, a mark or attendance in any cell. A
 * lesson planned from the timetable starts empty. Refers to the `lessons` table of the outer query.
 */
export const lessonFilled: SQL = sql`(${q(lessons.topic)} is not null or ${q(lessons.homework)} is not null
  or exists (select 1 from journal_cells c where c.institution_id = ${q(lessons.institutionId)} and c.lesson_id = ${q(lessons.id)}
    and (c.attendance is not null or c.grade1 is not null or c.grade2 is not null)))`;

/**
 * A lesson counts as held (проведено) when its date has come and it is filled: the teacher enters the topic of each
 * lesson, its marks and attendance (regulation §5.6), so a planned lesson nobody filled is not proof it took place.
 */
export function lessonHeld(today: string): SQL {
  return sql`(${q(lessons.date)} <= ${today} and ${lessonFilled})`;
}
