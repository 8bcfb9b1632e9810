import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { parentAccess } from '../../domain/adult-consent';
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
  /** The server's record of the session this request came with (server/auth/sessions.ts); null outside a session. */
  sessionId: string | null;
  grants: Grant[];
  /** student: own student records; parent: linked children. Keyed by institution. */
  ownStudentIds: { institutionId: number; studentId: number }[];
  /**
   * parent: the linked children the parent may see today — under 18, of unknown age, or 18 and older with their consent
   * to this parent in force (152-ФЗ art. 9; domain/adult-consent.ts). Every scope of a parent reads it.
   */
  childStudentIds: { institutionId: number; studentId: number }[];
  /** parent: the linked children of 18 and older without their consent: nothing of them but why (`accessEndedReason`). */
  childAccessEnded: ChildAccessEnded[];
}

/** A child a parent no longer sees: the day the student turned 18, and the day of the withdrawal when there was one. */
export interface ChildAccessEnded {
  institutionId: number;
  studentId: number;
  adultOn: IsoDate;
  /** The college's day of the withdrawal in force; null when the student never gave a consent. */
  withdrawnAt: IsoDate | null;
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
 * Reads the user afresh: a deactivated user gets no actor at all, and neither does a request whose session (`sessionId`,
 * the cookie's `sid`) has ended — signed out, or ended by a password change, reset or deactivation
 * (server/auth/sessions.ts). Without `sessionId` (scripts, tests, jobs) no session is asked for. `now` decides which
 * children have come of age (the college's day of it).
 */
export async function loadActor(
  db: Db,
  userId: number,
  sessionId?: string,
  now: Date = new Date(),
): Promise<Actor | null> {
  // One statement (it runs on every request): the user, the college's zone, the roles, the region, own and children —
  // each child with the birth date and the latest decision of the child about this parent (152-ФЗ: an adult's consent).
  const [row] = await queryRows<ActorRow>(
    db,
    sql`select u.id, u.login, u.last_name, u.first_name, u.middle_name, u.position, u.institution_id, u.is_active,
          u.must_change_password, i.time_zone,
          ${sessionId === undefined ? sql`true` : sql`exists (select 1 from user_sessions us where us.id = ${sessionId} and us.user_id = u.id and us.ended_at is null)`} as session_live,
          (select json_agg(json_build_object('role', r.role, 'institutionId', r.institution_id,
              'departmentId', r.department_id, 'groupId', r.group_id) order by r.id)
             from user_roles r where r.user_id = u.id) as roles,
          exists (select 1 from region_admins ra where ra.user_id = u.id) as regional,
          (select json_agg(json_build_object('institutionId', s.institution_id, 'studentId', s.id))
             from students s where s.user_id = u.id) as own,
          (select json_agg(json_build_object('institutionId', sg.institution_id, 'studentId', sg.student_id,
              'birthDate', s.birth_date, 'granted', pc.granted, 'decidedAt', pc.decided_at)
              order by sg.institution_id, sg.student_id)
             from guardians g join student_guardians sg on sg.institution_id = g.institution_id and sg.guardian_id = g.id
             join students s on s.institution_id = sg.institution_id and s.id = sg.student_id
             left join lateral (select c.granted, c.decided_at from parent_consents c
                 where c.institution_id = sg.institution_id and c.student_id = sg.student_id
                   and c.guardian_id = sg.guardian_id
                 order by c.id desc limit 1) pc on true
            where g.user_id = u.id) as children
        from users u left join institutions i on i.id = u.institution_id
        where u.id = ${userId}`,
  );
  if (!row || !row.is_active) return null;
  if (!row.session_live) return null;
  const grants: Grant[] = (json<Grant[]>(row.roles) ?? [])
    .filter((r) => isRole(r.role))
    .map((r) => ({ role: r.role, institutionId: r.institutionId, departmentId: r.departmentId, groupId: r.groupId }));
  if (row.regional) grants.push({ role: REGIONAL, institutionId: REGION, departmentId: null, groupId: null });
  const holds = (role: Role, institutionId: number) =>
    grants.some((g) => g.role === role && g.institutionId === institutionId);
  type Link = { institutionId: number; studentId: number };
  type ChildLink = Link & { birthDate: IsoDate | null; granted: boolean | null; decidedAt: string | null };
  const timeZone = row.time_zone ?? DEFAULT_TIME_ZONE;
  const today = todayIn(timeZone, now);
  const childStudentIds: Link[] = [];
  const childAccessEnded: ChildAccessEnded[] = [];
  for (const child of json<ChildLink[]>(row.children) ?? []) {
    if (!holds('parent', child.institutionId)) continue;
    const latest =
      child.granted === null || child.decidedAt === null
        ? null
        : { granted: child.granted, on: todayIn(timeZone, new Date(child.decidedAt)) };
    const access = parentAccess(child.birthDate, latest, today);
    const link = { institutionId: child.institutionId, studentId: child.studentId };
    if (access.access) childStudentIds.push(link);
    else childAccessEnded.push({ ...link, adultOn: access.adultOn, withdrawnAt: access.withdrawnAt });
  }
  return {
    userId: row.id,
    login: row.login,
    lastName: row.last_name,
    firstName: row.first_name,
    middleName: row.middle_name,
    position: row.position,
    institutionId: row.institution_id,
    timeZone,
    mustChangePassword: row.must_change_password,
    sessionId: sessionId ?? null,
    grants,
    ownStudentIds: (json<Link[]>(row.own) ?? []).filter((s) => holds('student', s.institutionId)),
    childStudentIds,
    childAccessEnded,
  };
}

interface ActorRow {
  id: number;
  login: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  position: string | null;
  institution_id: number | null;
  is_active: boolean;
  session_live: boolean;
  must_change_password: boolean;
  time_zone: string | null;
  roles: unknown;
  regional: boolean;
  own: unknown;
  children: unknown;
}

/** A json column as the driver gave it (parsed, or text). */
function json<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
