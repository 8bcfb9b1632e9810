import { and, desc, eq, sql } from 'drizzle-orm';
import { q } from '../../db/sql';
import type { Db } from '../../db/client';
import {
  curriculumItems,
  groupMemberships,
  groups,
  journalCells,
  lessons,
  students,
  teachingAssignments,
} from '../../db/schema';
import { compareByName } from '../../domain/names';
import type { Actor } from '../policy/actor';
import { studentScope } from '../policy/scope';

export interface FamilyStudent {
  id: number;
  institutionId: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  groupName: string | null;
}

/** A student's own record, or a parent's children, with the group each is in on `date`. */
export async function familyStudents(db: Db, actor: Actor, date: string): Promise<FamilyStudent[]> {
  const rows = await db
    .select({
      id: students.id,
      institutionId: students.institutionId,
      lastName: students.lastName,
      firstName: students.firstName,
      middleName: students.middleName,
      groupName: sql<
        string | null
      >`(select ${q(groups.name)} from ${groupMemberships} join ${groups} on ${q(groups.institutionId)} = ${q(groupMemberships.institutionId)}
        and ${q(groups.id)} = ${q(groupMemberships.groupId)}
        where ${q(groupMemberships.institutionId)} = ${q(students.institutionId)} and ${q(groupMemberships.studentId)} = ${q(students.id)}
        and ${q(groupMemberships.fromDate)} <= ${date} and (${q(groupMemberships.toDate)} is null or ${q(groupMemberships.toDate)} >= ${date})
        order by ${q(groupMemberships.fromDate)} desc limit 1)`,
    })
    .from(students)
    .where(studentScope(actor, 'family.read'));
  return rows.sort(compareByName);
}

export interface RecentMark {
  date: string;
  subject: string;
  attendance: string | null;
  grades: string[];
  topic: string | null;
}

/** The latest non-empty journal cells of one student in scope; null when the student is out of scope. */
export async function recentMarks(
  db: Db,
  actor: Actor,
  studentId: number,
  limit: number,
): Promise<RecentMark[] | null> {
  const [student] = await db
    .select({ id: students.id, institutionId: students.institutionId })
    .from(students)
    .where(and(eq(students.id, studentId), studentScope(actor, 'family.read')))
    .limit(1);
  if (!student) return null;
  const rows = await db
    .select({
      date: lessons.date,
      subject: curriculumItems.name,
      attendance: journalCells.attendance,
      grade1: journalCells.grade1,
      grade2: journalCells.grade2,
      topic: lessons.topic,
    })
    .from(journalCells)
    .innerJoin(
      lessons,
      and(eq(lessons.institutionId, journalCells.institutionId), eq(lessons.id, journalCells.lessonId)),
    )
    .innerJoin(
      teachingAssignments,
      and(
        eq(teachingAssignments.institutionId, lessons.institutionId),
        eq(teachingAssignments.id, lessons.teachingAssignmentId),
      ),
    )
    .innerJoin(
      curriculumItems,
      and(
        eq(curriculumItems.institutionId, teachingAssignments.institutionId),
        eq(curriculumItems.id, teachingAssignments.curriculumItemId),
      ),
    )
    .where(
      and(
        eq(journalCells.institutionId, student.institutionId),
        eq(journalCells.studentId, student.id),
        sql`(${q(journalCells.attendance)} is not null or ${q(journalCells.grade1)} is not null)`,
      ),
    )
    .orderBy(desc(lessons.date), desc(lessons.pairNo))
    .limit(limit);
  return rows.map((r) => ({
    date: r.date,
    subject: r.subject,
    attendance: r.attendance,
    grades: [r.grade1, r.grade2].filter((g): g is string => g !== null),
    topic: r.topic,
  }));
}
