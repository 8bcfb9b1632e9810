import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { curriculumItems, groups, teachingAssignments } from '../db/schema';
import type { Actor } from '../server/policy/actor';
import { JOIN } from '../db/joins';

/** The demo teacher's ОП.04 journal in ИС-21 (the curator's group, where one student left and one joined mid-term). */
export async function demoJournalId(db: Db, teacher: Actor): Promise<number> {
  const [row] = await db
    .select({ id: teachingAssignments.id })
    .from(teachingAssignments)
    .innerJoin(groups, JOIN.assignmentGroup)
    .innerJoin(curriculumItems, JOIN.assignmentItem)
    .where(
      and(
        eq(teachingAssignments.teacherUserId, teacher.userId),
        eq(groups.name, 'ИС-21'),
        eq(curriculumItems.code, 'ОП.04'),
        eq(teachingAssignments.termId, 1),
      ),
    );
  return row!.id;
}

/** An assignment of another teacher (the ИС-21 history course, say). */
export async function foreignJournalId(db: Db, teacher: Actor): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select ta.id from teaching_assignments ta join groups g on g.institution_id = ta.institution_id and g.id = ta.group_id
        where ta.teacher_user_id <> ${teacher.userId} and g.name = 'ИС-21' and ta.term_id = 1 and ta.subgroup_id is null order by ta.id limit 1`,
  );
  return row!.id;
}
