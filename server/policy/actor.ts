import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guardians, institutions, regionAdmins, studentGuardians, students, userRoles, users } from '../../db/schema';
import { DEFAULT_TIME_ZONE, todayIn, type IsoDate } from '../../domain/dates';
import { isRole, REGIONAL, type AnyRole, type Role } from '../../domain/roles';
import { roleHas, type Permission } from './permissions';

/** The `institutionId` of a region-level grant: it reaches no institution's records. */
export const REGION = 0;

/** A role held in one institution, with its scope (or the region-level role, with `REGION`). */
export interface Grant {
  role: AnyRole;
  institutionId: number;
  /** head: the department. */
  departmentId: number | null;
  /** curator: the group. */
  groupId: number | null;
}

/** Whom the policy decides about: rebuilt from the database on every request, never taken from the client. */
export interface Actor {
  userId: number;
  login: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  position: string | null;
  institutionId: number | null;
  /** The IANA time zone of the actor's college (`DEFAULT_TIME_ZONE` for region-level accounts): «today» is its day. */
  timeZone: string;
  mustChangePassword: boolean;
  grants: Grant[];
  /** student: own student records; parent: linked children. Keyed by institution. */
  ownStudentIds: { institutionId: number; studentId: number }[];
  childStudentIds: { institutionId: number; studentId: number }[];
}

export function grantsFor(actor: Actor, permission: Permission): Grant[] {
  return actor.grants.filter((g) => roleHas(g.role, permission));
}

export function can(actor: Actor, permission: Permission): boolean {
  return grantsFor(actor, permission).length > 0;
}

/** Today in the actor's college, on the server: what «today», «future lesson» and «the current term» are measured by. */
export function todayOf(actor: Actor, now: Date = new Date()): IsoDate {
  return todayIn(actor.timeZone, now);
}

export function rolesOf(actor: Actor): AnyRole[] {
  return [...new Set(actor.grants.map((g) => g.role))];
}

/**
 * Reads the user afresh: a deactivated user, or a session issued before the last password reset (`sessionEpoch`),
 * gets no actor at all.
 */
export async function loadActor(db: Db, userId: number, sessionEpoch?: number): Promise<Actor | null> {
  const [row] = await db
    .select({ user: users, timeZone: institutions.timeZone })
    .from(users)
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.id, userId))
    .limit(1);
  const user = row?.user;
  if (!user || !user.isActive) return null;
  if (sessionEpoch !== undefined && sessionEpoch !== user.sessionEpoch) return null;
  const roleRows = await db.select().from(userRoles).where(eq(userRoles.userId, userId));
  const grants: Grant[] = roleRows
    .filter((r) => isRole(r.role))
    .map((r) => ({
      role: r.role as Role,
      institutionId: r.institutionId,
      departmentId: r.departmentId,
      groupId: r.groupId,
    }));
  const [regional] = await db.select().from(regionAdmins).where(eq(regionAdmins.userId, userId));
  if (regional) grants.push({ role: REGIONAL, institutionId: REGION, departmentId: null, groupId: null });
  const has = (role: Role) => grants.some((g) => g.role === role);
  const ownStudentIds = has('student')
    ? (
        await db
          .select({ institutionId: students.institutionId, studentId: students.id })
          .from(students)
          .where(eq(students.userId, userId))
      ).filter((s) => grants.some((g) => g.role === 'student' && g.institutionId === s.institutionId))
    : [];
  let childStudentIds: Actor['childStudentIds'] = [];
  if (has('parent')) {
    const guardianRows = await db
      .select({ institutionId: guardians.institutionId, id: guardians.id })
      .from(guardians)
      .where(eq(guardians.userId, userId));
    if (guardianRows.length > 0) {
      const links = await db
        .select({
          institutionId: studentGuardians.institutionId,
          guardianId: studentGuardians.guardianId,
          studentId: studentGuardians.studentId,
        })
        .from(studentGuardians)
        .where(
          inArray(
            studentGuardians.guardianId,
            guardianRows.map((g) => g.id),
          ),
        );
      childStudentIds = links
        .filter((l) => guardianRows.some((g) => g.institutionId === l.institutionId && g.id === l.guardianId))
        .filter((l) => grants.some((g) => g.role === 'parent' && g.institutionId === l.institutionId))
        .map(({ institutionId, studentId }) => ({ institutionId, studentId }));
    }
  }
  return {
    userId: user.id,
    login: user.login,
    lastName: user.lastName,
    firstName: user.firstName,
    middleName: user.middleName,
    position: user.position,
    institutionId: user.institutionId,
    timeZone: row.timeZone ?? DEFAULT_TIME_ZONE,
    mustChangePassword: user.mustChangePassword,
    grants,
    ownStudentIds,
    childStudentIds,
  };
}
