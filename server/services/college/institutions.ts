/**
 * The region's institutions (regulation: the regional system serves many colleges): the regional administrator
 * lists them with aggregate figures and creates a new one with its first administrator, who gets a one-time password.
 * Nothing here reads a college's personal data.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { q } from '../../../db/sql';
import { groups, groupMemberships, institutions, userRoles, users } from '../../../db/schema';
import { oneTimePassword } from '../../auth/one-time-password';
import { hashPassword } from '../../../db/password';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/actor';
import { logAdminChange } from '../admin-log';
import { insertInstitution } from './bootstrap';
import { canonicalTimeZone, isTimeZone } from '../../../domain/dates';
import { badInput, forbidden, institutionOf, outOfScope } from '../refusals';
import { idSchema } from '../../../domain/ids';

/** An IANA zone name the runtime knows; the college's «today» and every time shown are computed in it. */
const timeZoneField = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, 'Часовой пояс: неизвестный пояс — выберите из списка (например, Europe/Moscow)')
  .transform(canonicalTimeZone);

export const timeZoneInput = z.object({ timeZone: timeZoneField });
export const institutionTimeZoneInput = timeZoneInput.extend({ institutionId: idSchema });

export const createInstitutionInput = z.object({
  fullName: z.string().trim().min(5, 'Полное название: не короче 5 знаков').max(500),
  shortName: z.string().trim().min(2, 'Краткое название: не короче 2 знаков').max(200),
  city: z.string().trim().max(100).optional(),
  timeZone: timeZoneField.optional(),
  admin: z.object({
    lastName: z.string().trim().min(1, 'Фамилия администратора: заполните').max(100),
    firstName: z.string().trim().min(1, 'Имя администратора: заполните').max(100),
    middleName: z.string().trim().max(100).optional(),
    login: z
      .string()
      .trim()
      .regex(/^[a-z0-9._-]{3,40}$/, 'Логин администратора: латинские строчные буквы, цифры, точка, дефис; 3–40 знаков'),
  }),
});

function mustBeRegional(actor: Actor) {
  if (!can(actor, 'institutions.manage')) throw forbidden();
}

export async function listInstitutions(db: Db, actor: Actor) {
  mustBeRegional(actor);
  return db
    .select({
      id: institutions.id,
      shortName: institutions.shortName,
      fullName: institutions.fullName,
      city: institutions.city,
      timeZone: institutions.timeZone,
      groups: sql<number>`(select count(*)::int from ${groups} where ${q(groups.institutionId)} = ${q(institutions.id)} and ${q(groups.graduatedOn)} is null)`,
      students: sql<number>`(select count(distinct ${q(groupMemberships.studentId)})::int from ${groupMemberships}
        where ${q(groupMemberships.institutionId)} = ${q(institutions.id)} and ${q(groupMemberships.toDate)} is null)`,
      admins: sql<
        string[]
      >`coalesce((select array_agg(${q(users.login)} order by ${q(users.login)}) from ${userRoles} join ${users} on ${q(users.id)} = ${q(userRoles.userId)}
        where ${q(userRoles.institutionId)} = ${q(institutions.id)} and ${q(userRoles.role)} = 'admin'), '{}')`,
    })
    .from(institutions)
    .orderBy(asc(institutions.shortName));
}

export async function createInstitution(db: Db, actor: Actor, input: z.infer<typeof createInstitutionInput>) {
  mustBeRegional(actor);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.login, input.admin.login));
  if (taken) throw badInput(`Логин администратора: «${input.admin.login}» уже занят`);
  const [sameName] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(sql`lower(${institutions.shortName}) = lower(${input.shortName})`);
  if (sameName) throw badInput(`Краткое название: «${input.shortName}» уже есть в регионе`);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const institutionId = await insertInstitution(tx, input);
    const [admin] = await tx
      .insert(users)
      .values({
        institutionId,
        login: input.admin.login,
        passwordHash,
        lastName: input.admin.lastName,
        firstName: input.admin.firstName,
        middleName: input.admin.middleName || null,
        position: 'Системный администратор ЭЖ',
        mustChangePassword: true,
      })
      .returning({ id: users.id });
    await tx.insert(userRoles).values({ institutionId, userId: admin!.id, role: 'admin' });
    // The record belongs to the new institution's log: its administrators see who created it and when.
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'institution',
      null,
      { institutionId, shortName: input.shortName, adminLogin: input.admin.login },
      'Создание колледжа региональным администратором',
    );
    return { institutionId, login: input.admin.login, password };
  });
}

/** Sets a college's time zone (logged in that college's log with the zone before and after). */
async function setTimeZone(db: Db, actor: Actor, institutionId: number, timeZone: string, reason: string) {
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select({ timeZone: institutions.timeZone })
      .from(institutions)
      .where(eq(institutions.id, institutionId))
      .for('update');
    if (!before) throw outOfScope();
    if (before.timeZone === timeZone) return { institutionId, timeZone };
    await tx.update(institutions).set({ timeZone }).where(eq(institutions.id, institutionId));
    await logAdminChange(tx, actor, institutionId, 'institution', { timeZone: before.timeZone }, { timeZone }, reason);
    return { institutionId, timeZone };
  });
}

/** The administrator sets the own college's time zone. */
export async function setOwnTimeZone(db: Db, actor: Actor, input: z.infer<typeof timeZoneInput>) {
  return setTimeZone(db, actor, institutionOf(actor, 'structure.manage'), input.timeZone, 'Часовой пояс колледжа');
}

/** The regional administrator sets the time zone of a college of the region. */
export async function setInstitutionTimeZone(db: Db, actor: Actor, input: z.infer<typeof institutionTimeZoneInput>) {
  mustBeRegional(actor);
  return setTimeZone(
    db,
    actor,
    input.institutionId,
    input.timeZone,
    'Часовой пояс колледжа (региональный администратор)',
  );
}
