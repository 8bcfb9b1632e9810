/**
 * Adding and editing staff (regulation §5.2): name, position, roles with their scopes — a head over a department, a
 * curator over a group, the others over the whole college; a teacher may also be a curator. A new account gets a
 * one-time password that must be changed at the first sign-in. Roles take effect at the next request.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { departments, groups, userRoles, users } from '../../../db/schema';
import { freeLogin, loginFor } from '../../../domain/login';
import { cleanName, fullName } from '../../../domain/names';
import { hashPassword } from '../../../db/password';
import { oneTimePassword } from '../../auth/one-time-password';
import type { Actor } from '../../policy/actor';
import { logAdminChange } from '../admin-log';
import { badInput, institutionOf, outOfScope } from '../refusals';
import { idSchema as id } from '../../../domain/ids';

const STAFF_ROLES = ['admin', 'head', 'methodist', 'curator', 'teacher', 'inspector'] as const;

const roleGrant = z.object({
  role: z.enum(STAFF_ROLES),
  departmentId: id.nullable().optional(),
  groupId: id.nullable().optional(),
});
// Names cleaned as stored everywhere (spaces, hyphen and apostrophe look-alikes): see domain/names.ts.
const person = {
  lastName: z.string().overwrite(cleanName).min(1, 'Фамилия: заполните').max(100),
  firstName: z.string().overwrite(cleanName).min(1, 'Имя: заполните').max(100),
  middleName: z.string().overwrite(cleanName).max(100).optional(),
  position: z.string().trim().max(200).optional(),
  roles: z.array(roleGrant).min(1, 'Роли: нужна хотя бы одна').max(20),
};
export const createStaffInput = z.object({
  ...person,
  login: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{3,40}$/, 'Логин: латинские строчные буквы, цифры, точка, дефис; от 3 до 40 знаков')
    .optional()
    .or(z.literal('')),
});
export const updateStaffInput = z.object({ userId: id, ...person });

/** Departments and current groups to choose scopes from. */
export async function staffOptions(db: Db, actor: Actor) {
  return optionsOf(db, institutionOf(actor, 'staff.manage'));
}

async function optionsOf(db: Db, institutionId: number) {
  const [deps, grps] = await Promise.all([
    db
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(eq(departments.institutionId, institutionId))
      .orderBy(asc(departments.name)),
    db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(and(eq(groups.institutionId, institutionId), isNull(groups.graduatedOn)))
      .orderBy(asc(groups.name)),
  ]);
  return { departments: deps, groups: grps };
}

/** Roles checked against the institution: a head needs a department, a curator a current group; no duplicates. */
async function checkedRoles(db: Db, institutionId: number, roles: z.infer<typeof roleGrant>[]) {
  const { departments: deps, groups: grps } = await optionsOf(db, institutionId);
  const seen = new Set<string>();
  return roles.map((r) => {
    const departmentId = r.role === 'head' ? (r.departmentId ?? null) : null;
    const groupId = r.role === 'curator' ? (r.groupId ?? null) : null;
    if (r.role === 'head' && (departmentId === null || !deps.some((d) => d.id === departmentId)))
      throw badInput('Заведующий отделением: выберите отделение колледжа');
    if (r.role === 'curator' && (groupId === null || !grps.some((g) => g.id === groupId)))
      throw badInput('Куратор: выберите текущую группу колледжа');
    const key = `${r.role}:${departmentId}:${groupId}`;
    if (seen.has(key)) throw badInput('Роли: одна и та же роль указана дважды');
    seen.add(key);
    return { role: r.role, departmentId, groupId };
  });
}

async function writeRoles(
  tx: Db,
  institutionId: number,
  userId: number,
  roles: { role: string; departmentId: number | null; groupId: number | null }[],
) {
  await tx
    .delete(userRoles)
    .where(
      and(
        eq(userRoles.institutionId, institutionId),
        eq(userRoles.userId, userId),
        inArray(userRoles.role, [...STAFF_ROLES]),
      ),
    );
  await tx.insert(userRoles).values(roles.map((r) => ({ institutionId, userId, ...r })));
  // The group's curator follows the role; a group has one curator.
  await tx
    .update(groups)
    .set({ curatorUserId: null })
    .where(and(eq(groups.institutionId, institutionId), eq(groups.curatorUserId, userId)));
  for (const r of roles.filter((x) => x.groupId !== null)) {
    await tx
      .delete(userRoles)
      .where(
        and(
          eq(userRoles.institutionId, institutionId),
          eq(userRoles.role, 'curator'),
          eq(userRoles.groupId, r.groupId!),
          sql`${userRoles.userId} <> ${userId}`,
        ),
      );
    await tx
      .update(groups)
      .set({ curatorUserId: userId })
      .where(and(eq(groups.institutionId, institutionId), eq(groups.id, r.groupId!)));
  }
}

export async function createStaff(db: Db, actor: Actor, input: z.infer<typeof createStaffInput>) {
  const institutionId = institutionOf(actor, 'staff.manage');
  const roles = await checkedRoles(db, institutionId, input.roles);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    let login = input.login || '';
    if (login) {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.login, login));
      if (taken) throw badInput(`Логин: «${login}» уже занят`);
    } else {
      const base = loginFor(input);
      const similar = await tx
        .select({ login: users.login })
        .from(users)
        .where(sql`${users.login} like ${`${base}%`}`);
      login = freeLogin(base, (l) => similar.some((u) => u.login === l));
    }
    const [user] = await tx
      .insert(users)
      .values({
        institutionId,
        login,
        passwordHash,
        lastName: input.lastName,
        firstName: input.firstName,
        middleName: input.middleName || null,
        position: input.position || null,
        mustChangePassword: true,
      })
      .returning({ id: users.id });
    await writeRoles(tx, institutionId, user!.id, roles);
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'user',
      null,
      { userId: user!.id, login, roles },
      `Новый сотрудник: ${fullName(input)}`,
    );
    return { userId: user!.id, login, password };
  });
}

export async function updateStaff(db: Db, actor: Actor, input: z.infer<typeof updateStaffInput>) {
  const institutionId = institutionOf(actor, 'staff.manage');
  const [user] = await db
    .select()
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        eq(users.id, input.userId),
        eq(userRoles.institutionId, institutionId),
        inArray(userRoles.role, [...STAFF_ROLES]),
      ),
    )
    .limit(1);
  if (!user) throw outOfScope();
  const roles = await checkedRoles(db, institutionId, input.roles);
  if (input.userId === actor.userId && !roles.some((r) => r.role === 'admin'))
    throw badInput('Роли: свою роль администратора снять нельзя');
  const before = await db
    .select()
    .from(userRoles)
    .where(and(eq(userRoles.userId, input.userId), eq(userRoles.institutionId, institutionId)));
  return inTransaction(db, async (tx) => {
    await tx
      .update(users)
      .set({
        lastName: input.lastName,
        firstName: input.firstName,
        middleName: input.middleName || null,
        position: input.position || null,
      })
      .where(eq(users.id, input.userId));
    await writeRoles(tx, institutionId, input.userId, roles);
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'user',
      {
        userId: input.userId,
        name: fullName(user.users),
        position: user.users.position,
        roles: before.map((r) => ({ role: r.role, departmentId: r.departmentId, groupId: r.groupId })),
      },
      { userId: input.userId, name: fullName(input), position: input.position ?? null, roles },
      'Изменение сотрудника',
    );
    return { ok: true as const };
  });
}
