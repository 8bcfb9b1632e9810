import { and, asc, eq, gte, isNull, or, sql, type SQLWrapper } from 'drizzle-orm';
import { q } from '../../db/sql';
import type { Db } from '../../db/client';
import {
  attendanceCodes,
  groupMemberships,
  groups,
  journalCells,
  lessons,
  specialties,
  students,
  teachingAssignments,
} from '../../db/schema';
import { compareByName } from '../../domain/names';
import type { Actor } from '../policy/actor';
import { groupScope } from '../policy/scope';
import { currentTerms } from './terms';

export interface GroupListItem {
  id: number;
  name: string;
  course: number;
  specialty: string;
  students: number;
}

const activeOn = (date: string) =>
  sql`${q(groupMemberships.fromDate)} <= ${date} and (${q(groupMemberships.toDate)} is null or ${q(groupMemberships.toDate)} >= ${date})`;

/** Groups whose student lists the actor may read (curator: own group; head: department; admin: institution). */
export async function readableGroups(db: Db, actor: Actor, date: string): Promise<GroupListItem[]> {
  return db
    .select({
      id: groups.id,
      name: groups.name,
      course: groups.course,
      specialty: sql<string>`${q(specialties.code)} || ' ' || ${q(specialties.name)}`,
      students: sql<number>`(select count(*)::int from ${groupMemberships} where ${q(groupMemberships.institutionId)} = ${q(groups.institutionId)}
        and ${q(groupMemberships.groupId)} = ${q(groups.id)} and ${activeOn(date)})`,
    })
    .from(groups)
    .innerJoin(
      specialties,
      and(eq(specialties.institutionId, groups.institutionId), eq(specialties.id, groups.specialtyId)),
    )
    .where(and(groupScope(actor, 'people.read'), sql`${q(groups.graduatedOn)} is null`))
    .orderBy(asc(groups.course), asc(groups.name));
}

export interface GroupRosterRow {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  recordBookNo: string | null;
  /** This term: missed hours in all, of them for valid reasons; grades average. */
  missedHours: number;
  missedValidHours: number;
  average: number | null;
  gradeCount: number;
}

export interface GroupRoster {
  group: { id: number; institutionId: number; name: string; course: number; specialty: string };
  termName: string | null;
  students: GroupRosterRow[];
}

/** The group's students on `date` with this term's attendance and grades; null when the group is out of scope. */
export async function groupRoster(db: Db, actor: Actor, groupId: number, date: string): Promise<GroupRoster | null> {
  const [group] = await db
    .select({
      id: groups.id,
      institutionId: groups.institutionId,
      name: groups.name,
      course: groups.course,
      specialty: sql<string>`${q(specialties.code)} || ' ' || ${q(specialties.name)}`,
    })
    .from(groups)
    .innerJoin(
      specialties,
      and(eq(specialties.institutionId, groups.institutionId), eq(specialties.id, groups.specialtyId)),
    )
    .where(and(eq(groups.id, groupId), groupScope(actor, 'people.read')))
    .limit(1);
  if (!group) return null;
  const term = (await currentTerms(db, [group.institutionId], date)).get(group.institutionId) ?? null;
  const rows = await db
    .select({
      id: students.id,
      lastName: students.lastName,
      firstName: students.firstName,
      middleName: students.middleName,
      birthDate: students.birthDate,
      recordBookNo: students.recordBookNo,
    })
    .from(students)
    .innerJoin(
      groupMemberships,
      and(eq(groupMemberships.institutionId, students.institutionId), eq(groupMemberships.studentId, students.id)),
    )
    .where(
      and(
        eq(groupMemberships.institutionId, group.institutionId),
        eq(groupMemberships.groupId, groupId),
        activeOn(date),
      ),
    );
  const stats = term ? await termStats(db, group.institutionId, groupId, term.id) : new Map<number, StudentTermStats>();
  const roster = rows
    .map((r) => ({
      ...r,
      ...(stats.get(r.id) ?? { missedHours: 0, missedValidHours: 0, average: null, gradeCount: 0 }),
    }))
    .sort(compareByName);
  return { group, termName: term?.name ?? null, students: roster };
}

interface StudentTermStats {
  missedHours: number;
  missedValidHours: number;
  average: number | null;
  gradeCount: number;
}

const isGrade = (column: SQLWrapper) => sql`${column} in ('2', '3', '4', '5')`;

/** Per student of a group: missed hours (all / valid) and plain average of the term's grades, over all its journals. */
async function termStats(
  db: Db,
  institutionId: number,
  groupId: number,
  termId: number,
): Promise<Map<number, StudentTermStats>> {
  const rows = await db
    .select({
      studentId: journalCells.studentId,
      missed: sql<number>`coalesce(sum(${q(lessons.hours)}) filter (where ${q(attendanceCodes.isAbsence)}), 0)::int`,
      missedValid: sql<number>`coalesce(sum(${q(lessons.hours)}) filter (where ${q(attendanceCodes.isAbsence)} and ${q(attendanceCodes.isValid)}), 0)::int`,
      gradeSum: sql<number>`(coalesce(sum(${q(journalCells.grade1)}::int) filter (where ${isGrade(journalCells.grade1)}), 0)
        + coalesce(sum(${q(journalCells.grade2)}::int) filter (where ${isGrade(journalCells.grade2)}), 0))::int`,
      gradeCount: sql<number>`(count(*) filter (where ${isGrade(journalCells.grade1)}) + count(*) filter (where ${isGrade(journalCells.grade2)}))::int`,
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
    .leftJoin(
      attendanceCodes,
      and(
        eq(attendanceCodes.institutionId, journalCells.institutionId),
        eq(attendanceCodes.code, journalCells.attendance),
      ),
    )
    .where(
      and(
        eq(teachingAssignments.institutionId, institutionId),
        eq(teachingAssignments.groupId, groupId),
        eq(teachingAssignments.termId, termId),
      ),
    )
    .groupBy(journalCells.studentId);
  return new Map(
    rows.map((r) => [
      r.studentId,
      {
        missedHours: r.missed,
        missedValidHours: r.missedValid,
        average: r.gradeCount ? Math.round((r.gradeSum / r.gradeCount) * 100) / 100 : null,
        gradeCount: r.gradeCount,
      },
    ]),
  );
}

/**
 * Who is in the group on `from` or joins it later (the people an enrolment from that date could duplicate): names and
 * birth dates, for the duplicate checks of the list import and of a single enrolment (`domain/names.ts` `personKey`).
 */
export async function groupMembersFrom(db: Db, institutionId: number, groupId: number, from: string) {
  return db
    .select({
      lastName: students.lastName,
      firstName: students.firstName,
      middleName: students.middleName,
      birthDate: students.birthDate,
    })
    .from(groupMemberships)
    .innerJoin(
      students,
      and(eq(students.institutionId, groupMemberships.institutionId), eq(students.id, groupMemberships.studentId)),
    )
    .where(
      and(
        eq(groupMemberships.institutionId, institutionId),
        eq(groupMemberships.groupId, groupId),
        or(isNull(groupMemberships.toDate), gte(groupMemberships.toDate, from)),
      ),
    );
}
