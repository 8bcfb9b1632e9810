/**
 * Staff accounts (regulation §5.2: the administrator keeps the staff lists and gives access): deactivate — every
 * session ends at the next request —, reactivate, reset a password to a one-time one that must be changed at sign-in.
 */
import { endSessionsOf } from '../../auth/sessions';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { departments, groups, userRoles, users } from '../../../db/schema';
import { ROLE_LABELS, type Role } from '../../../domain/roles';
import { shortName } from '../../../domain/names';
import { hashPassword } from '../../../db/password';
import { oneTimePassword } from '../../auth/one-time-password';
import type { Actor } from '../../policy/actor';
import { institutionsFor } from '../../policy/scope';
import { logAdminChange } from '../admin-log';
import { idSchema } from '../../../domain/ids';
import { badInput, outOfScope } from '../refusals';

const STAFF_ROLES: Role[] = ['admin', 'head', 'methodist', 'curator', 'teacher', 'inspector'];

export interface StaffMember {
  id: number;
  name: string;
  login: string;
  position: string | null;
  roles: string[];
  /** The roles with their scopes, for the edit form. */
  grants: { role: Role; departmentId: number | null; groupId: number | null }[];
  person: { lastName: string; firstName: string; middleName: string | null };
  isActive: boolean;
  lastSignInAt: Date | null;
}

export async function listStaff(db: Db, actor: Actor): Promise<StaffMember[]> {
  const institutionIds = institutionsFor(actor, 'staff.manage');
  if (institutionIds.length === 0) return [];
  const rows = await db
    .select({
      user: users,
      role: userRoles.role,
      departmentId: userRoles.departmentId,
      groupId: userRoles.groupId,
      department: departments.name,
      group: groups.name,
    })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .leftJoin(
      departments,
      and(eq(departments.institutionId, userRoles.institutionId), eq(departments.id, userRoles.departmentId)),
    )
    .leftJoin(groups, and(eq(groups.institutionId, userRoles.institutionId), eq(groups.id, userRoles.groupId)))
    .where(and(inArray(userRoles.institutionId, institutionIds), inArray(userRoles.role, STAFF_ROLES)))
    .orderBy(asc(users.lastName), asc(users.firstName));
  const byUser = new Map<number, StaffMember>();
  for (const { user, role, departmentId, groupId, department, group } of rows) {
    const member = byUser.get(user.id) ?? {
      id: user.id,
      name: shortName(user),
      login: user.login,
      position: user.position,
      roles: [],
      grants: [],
      person: { lastName: user.lastName, firstName: user.firstName, middleName: user.middleName },
      isActive: user.isActive,
      lastSignInAt: user.lastSignInAt,
    };
    const label = `${ROLE_LABELS[role as Role]}${group ? ` (${group})` : department ? ` (${department})` : ''}`;
    if (!member.roles.includes(label)) member.roles.push(label);
    member.grants.push({ role: role as Role, departmentId, groupId });
    byUser.set(user.id, member);
  }
  return [...byUser.values()];
}

/** The account, if it is a staff member of an institution the actor administers. */
async function staffAccount(db: Db, actor: Actor, userId: number) {
  const institutionIds = institutionsFor(actor, 'staff.manage');
  const [row] = await db
    .select({ user: users })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        eq(users.id, userId),
        inArray(userRoles.institutionId, institutionIds.length ? institutionIds : [-1]),
        inArray(userRoles.role, STAFF_ROLES),
      ),
    )
    .limit(1);
  if (!row) throw outOfScope();
  return row.user;
}

export const setActiveInput = z.object({ userId: idSchema, active: z.boolean() });

export async function setStaffActive(db: Db, actor: Actor, input: z.infer<typeof setActiveInput>) {
  if (input.userId === actor.userId) throw badInput('Свою учётную запись отключить нельзя');
  const user = await staffAccount(db, actor, input.userId);
  await inTransaction(db, async (tx) => {
    await tx.update(users).set({ isActive: input.active }).where(eq(users.id, user.id));
    if (!input.active) await endSessionsOf(tx, user.id, 'deactivated');
    await logAdminChange(
      tx,
      actor,
      institutionsFor(actor, 'staff.manage')[0]!,
      'user',
      { userId: user.id, isActive: user.isActive },
      { userId: user.id, isActive: input.active },
      input.active ? 'включение' : 'отключение',
    );
  });
  return { ok: true as const };
}

export async function resetStaffPassword(db: Db, actor: Actor, input: { userId: number }) {
  const user = await staffAccount(db, actor, input.userId);
  const password = oneTimePassword();
  await inTransaction(db, async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
      })
      .where(eq(users.id, user.id));
    await endSessionsOf(tx, user.id, 'password_reset');
    await logAdminChange(
      tx,
      actor,
      institutionsFor(actor, 'staff.manage')[0]!,
      'user',
      { userId: user.id },
      { userId: user.id, passwordReset: true },
      'сброс пароля',
    );
  });
  return { login: user.login, password };
}
