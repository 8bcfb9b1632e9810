import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { q } from '../../db/sql';
import type { Db } from '../../db/client';
import { curriculumItems, groups, lessons, subgroups, teachingAssignments, terms, users } from '../../db/schema';
import { shortName } from '../../domain/names';
import type { Actor } from '../policy/actor';
import { assignmentScope, institutionsFor } from '../policy/scope';
import { currentTerms } from './terms';
import { groupNameInTermYear } from './group-in-year';
import { lessonHeld } from './lesson-filled';
import { JOIN } from '../../db/joins';

export interface AssignmentListItem {
  id: number;
  termId: number;
  termName: string;
  groupId: number;
  groupName: string;
  subgroupName: string | null;
  itemCode: string;
  itemName: string;
  teacherName: string;
  plannedHours: number;
  /** Hours of the lessons held so far (server/queries/lesson-filled.ts `lessonHeld`). */
  heldHours: number;
  lessons: number;
  /** The last held lesson's date. */
  lastLessonOn: string | null;
  /** Not the actor's own journal: they reach it as a substitute (or read it by their role). */
  substitute: boolean;
  /** Fill status: held lessons without a topic; students with fewer than 5 grades so far. */
  withoutTopic: number;
  shortOfGrades: number;
  /** The term's last day has passed: «fewer than 5 grades» is a violation, no longer a risk (domain/monitoring.ts). */
  termEnded: boolean;
}

/**
 * Journal pages (teaching assignments) of a term that the actor may read: a teacher's own, a curator's group's,
 * a head's department's, the whole institution for the administration and inspectors.
 */
const ofAssignment = sql`${q(lessons.institutionId)} = ${q(teachingAssignments.institutionId)} and ${q(lessons.teachingAssignmentId)} = ${q(teachingAssignments.id)}`;

export async function readableAssignments(
  db: Db,
  actor: Actor,
  filter: { termId?: number; groupId?: number; mineOnly?: boolean },
  today: string,
): Promise<AssignmentListItem[]> {
  // Without a term asked for, the current term of each institution.
  const termIds =
    filter.termId !== undefined
      ? [filter.termId]
      : [...(await currentTerms(db, institutionsFor(actor, 'journal.read'), today)).values()].map((t) => t.id);
  if (termIds.length === 0) return [];
  const rows = await db
    .select({
      id: teachingAssignments.id,
      termId: terms.id,
      termName: terms.name,
      groupId: groups.id,
      groupName: groupNameInTermYear,
      subgroupName: subgroups.name,
      itemCode: curriculumItems.code,
      itemName: curriculumItems.name,
      teacherLast: users.lastName,
      teacherFirst: users.firstName,
      teacherMiddle: users.middleName,
      plannedHours: teachingAssignments.plannedHours,
      heldHours: sql<number>`(select coalesce(sum(${q(lessons.hours)}), 0)::int from ${lessons} where ${ofAssignment} and ${lessonHeld(today)})`,
      lessons: sql<number>`(select count(*)::int from ${lessons} where ${ofAssignment})`,
      lastLessonOn: sql<
        string | null
      >`(select max(${q(lessons.date)})::text from ${lessons} where ${ofAssignment} and ${lessonHeld(today)})`,
      substitute: sql<boolean>`coalesce(${q(teachingAssignments.teacherUserId)} <> ${actor.userId}, true)`,
      withoutTopic: sql<number>`(select count(*)::int from ${lessons} where ${ofAssignment} and ${q(lessons.date)} <= ${today}
        and coalesce(trim(${q(lessons.topic)}), '') = '')`,
      termEnded: sql<boolean>`${q(terms.endsOn)} < ${today}`,
      shortOfGrades: sql<number>`(select count(*)::int from (select c.student_id from journal_cells c
        join lessons l on l.institution_id = c.institution_id and l.id = c.lesson_id
        where l.institution_id = ${q(teachingAssignments.institutionId)} and l.teaching_assignment_id = ${q(teachingAssignments.id)}
        group by c.student_id
        having count(*) filter (where c.grade1 in ('2','3','4','5')) + count(*) filter (where c.grade2 in ('2','3','4','5')) < 5) short)`,
    })
    .from(teachingAssignments)
    .innerJoin(terms, JOIN.assignmentTerm)
    .innerJoin(groups, JOIN.assignmentGroup)
    .innerJoin(curriculumItems, JOIN.assignmentItem)
    .leftJoin(users, eq(users.id, teachingAssignments.teacherUserId))
    .leftJoin(subgroups, JOIN.assignmentSubgroup)
    .where(
      and(
        assignmentScope(actor, 'journal.read'),
        inArray(teachingAssignments.termId, termIds),
        filter.groupId === undefined ? undefined : eq(teachingAssignments.groupId, filter.groupId),
        // «Мои»: one's own journals and those where one taught a lesson as a substitute.
        filter.mineOnly
          ? sql`(${q(teachingAssignments.teacherUserId)} = ${actor.userId} or exists (select 1 from ${lessons}
              where ${ofAssignment} and ${q(lessons.taughtBy)} = ${actor.userId}))`
          : undefined,
      ),
    )
    .orderBy(asc(groups.name), asc(curriculumItems.sortOrder), asc(subgroups.name));
  return rows.map(({ teacherLast, teacherFirst, teacherMiddle, ...r }) => ({
    ...r,
    teacherName:
      teacherLast === null
        ? 'не назначен'
        : shortName({ lastName: teacherLast, firstName: teacherFirst!, middleName: teacherMiddle }),
  }));
}
