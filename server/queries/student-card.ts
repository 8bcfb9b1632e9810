import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { groupMemberships, groups, guardians, personalDataViews, studentGuardians, students } from '../../db/schema';
import { fullName } from '../../domain/names';
import type { Actor } from '../policy/actor';
import { institutionsFor, studentScope } from '../policy/scope';

export interface StudentCard {
  id: number;
  fullName: string;
  /** The actor may keep this card (contacts, parents): the curator of the group, the administrator. */
  canManage: boolean;
  /** Personal data beyond the name: for staff in scope only (and a student or parent sees a card without it). */
  details: {
    birthDate: string | null;
    recordBookNo: string | null;
    phone: string | null;
    email: string | null;
    guardians: { id: number; name: string; relation: string; phone: string | null }[];
  } | null;
  history: {
    group: string;
    from: string;
    to: string | null;
    reason: string;
    orderNo: string | null;
    orderDate: string | null;
    endReason: string | null;
    endOrderNo: string | null;
  }[];
}

/**
 * A student's card. Staff with `people.read` in scope see it all, and each view is logged; a student (oneself) or a
 * parent (one's child) see the name and the groups only. Null when out of every scope.
 */
export async function studentCard(
  db: Db,
  actor: Actor,
  studentId: number,
  as: 'staff' | 'family',
): Promise<StudentCard | null> {
  const staff = as === 'staff';
  const scope = studentScope(actor, staff ? 'people.read' : 'family.read');
  const [student] = await db
    .select()
    .from(students)
    .where(and(eq(students.id, studentId), scope))
    .limit(1);
  if (!student) return null;
  const history = await db
    .select({
      group: groups.name,
      from: groupMemberships.fromDate,
      to: groupMemberships.toDate,
      reason: groupMemberships.reason,
      orderNo: groupMemberships.orderNo,
      orderDate: groupMemberships.orderDate,
      endReason: groupMemberships.endReason,
      endOrderNo: groupMemberships.endOrderNo,
    })
    .from(groupMemberships)
    .innerJoin(
      groups,
      and(eq(groups.institutionId, groupMemberships.institutionId), eq(groups.id, groupMemberships.groupId)),
    )
    .where(and(eq(groupMemberships.institutionId, student.institutionId), eq(groupMemberships.studentId, student.id)))
    .orderBy(asc(groupMemberships.fromDate));
  let details: StudentCard['details'] = null;
  if (staff) {
    const family = await db
      .select({
        id: guardians.id,
        last: guardians.lastName,
        first: guardians.firstName,
        middle: guardians.middleName,
        phone: guardians.phone,
        relation: studentGuardians.relation,
      })
      .from(studentGuardians)
      .innerJoin(
        guardians,
        and(eq(guardians.institutionId, studentGuardians.institutionId), eq(guardians.id, studentGuardians.guardianId)),
      )
      .where(
        and(eq(studentGuardians.institutionId, student.institutionId), eq(studentGuardians.studentId, student.id)),
      );
    details = {
      birthDate: student.birthDate,
      recordBookNo: student.recordBookNo,
      phone: student.phone,
      email: student.email,
      guardians: family.map((g) => ({
        id: g.id,
        name: fullName({ lastName: g.last, firstName: g.first, middleName: g.middle }),
        relation: g.relation,
        phone: g.phone,
      })),
    };
    await db.insert(personalDataViews).values({
      institutionId: student.institutionId,
      viewerUserId: actor.userId,
      studentId: student.id,
      what: 'card',
    });
  }
  const [manage] = staff
    ? await db
        .select({ id: students.id })
        .from(students)
        .where(and(eq(students.id, student.id), studentScope(actor, 'people.manage')))
    : [];
  return { id: student.id, fullName: fullName(student), canManage: Boolean(manage), details, history };
}

/** The log of card views in the institutions where the actor reads the audit, newest first. */
export async function cardViews(db: Db, actor: Actor, limit: number) {
  const institutionIds = institutionsFor(actor, 'audit.read');
  if (institutionIds.length === 0) return [];
  const rows = await queryRows<{ at: string | Date; viewer: string; login: string; student: string; what: string }>(
    db,
    sql`select v.at, u.last_name || ' ' || u.first_name || coalesce(' ' || u.middle_name, '') as viewer, u.login,
      s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') as student, v.what
    from personal_data_views v join users u on u.id = v.viewer_user_id
    join students s on s.institution_id = v.institution_id and s.id = v.student_id
    where v.institution_id in (${sql.join(
      institutionIds.map((i) => sql`${i}`),
      sql`, `,
    )})
    order by v.id desc limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}
