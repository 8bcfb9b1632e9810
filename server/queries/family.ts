import { and, desc, eq, or, sql } from 'drizzle-orm';
import { q } from '../../db/sql';
import type { Db } from '../../db/client';
import {
  curriculumItems,
  groupMemberships,
  groups,
  guardians,
  journalCells,
  lessons,
  studentGuardians,
  students,
  teachingAssignments,
} from '../../db/schema';
import { accessEndedReason } from '../../domain/adult-consent';
import { compareByName } from '../../domain/names';
import type { Actor } from '../policy/actor';
import { studentScope } from '../policy/scope';
import { JOIN } from '../../db/joins';

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

/** A child the parent no longer sees (18 or older, without the consent): the name and why, nothing else. */
export interface EndedChild {
  id: number;
  institutionId: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** «Студенту исполнилось 18 лет 14.03.2026; согласие отозвано 02.12.2026». */
  reason: string;
}

/**
 * The parent's children whose access has ended (`actor.childAccessEnded`, decided in `loadActor`). Their names are read
 * through the parent's own links only — the guardian records of this login — never through a scope, which no longer
 * reaches them.
 */
export async function endedChildren(db: Db, actor: Actor): Promise<EndedChild[]> {
  if (actor.childAccessEnded.length === 0) return [];
  const rows = await db
    .selectDistinct({
      id: students.id,
      institutionId: students.institutionId,
      lastName: students.lastName,
      firstName: students.firstName,
      middleName: students.middleName,
    })
    .from(guardians)
    .innerJoin(
      studentGuardians,
      and(eq(studentGuardians.institutionId, guardians.institutionId), eq(studentGuardians.guardianId, guardians.id)),
    )
    .innerJoin(
      students,
      and(eq(students.institutionId, studentGuardians.institutionId), eq(students.id, studentGuardians.studentId)),
    )
    .where(
      and(
        eq(guardians.userId, actor.userId),
        or(
          ...actor.childAccessEnded.map((c) =>
            and(eq(studentGuardians.institutionId, c.institutionId), eq(studentGuardians.studentId, c.studentId)),
          ),
        ),
      ),
    );
  return rows.sort(compareByName).map((r) => {
    const ended = actor.childAccessEnded.find((c) => c.institutionId === r.institutionId && c.studentId === r.id)!;
    return { ...r, reason: accessEndedReason(ended) };
  });
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
    .innerJoin(curriculumItems, JOIN.assignmentItem)
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
