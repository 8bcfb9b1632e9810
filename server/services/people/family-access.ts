/**
 * Access for students and parents (regulation §4.2): the curator of a group (or the administrator) issues logins and
 * one-time passwords to the group's students and their parents, prints them as slips, and the owner must change the
 * password at the first sign-in. Issuing again to somebody who has a login gives a new one-time password.
 */
import { endSessionsOf } from '../../auth/sessions';
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { groupMemberships, groups, guardians, studentGuardians, students, userRoles, users } from '../../../db/schema';
import { freeLogin, loginFor } from '../../../domain/login';
import { compareByName, fullName, shortName } from '../../../domain/names';
import { hashPassword, verifyPassword } from '../../../db/password';
import { oneTimePassword } from '../../auth/one-time-password';
import type { Actor } from '../../policy/actor';
import { groupScope } from '../../policy/scope';
import { logAdminChange } from '../admin-log';
import { idSchema as id } from '../../../domain/ids';
import { badInput, outOfScope } from '../refusals';

export const accessListInput = z.object({ groupId: id });
export const issueAccessInput = z.object({
  groupId: id,
  people: z
    .array(z.object({ kind: z.enum(['student', 'guardian']), id }))
    .min(1, 'Отметьте хотя бы одного студента или родителя')
    .max(300),
});

export interface AccessPerson {
  kind: 'student' | 'guardian';
  id: number;
  name: string;
  login: string | null;
  /** Issued, not yet signed in with it (the one-time password has not been changed). */
  pending: boolean;
}

export interface GroupAccess {
  group: { id: number; name: string };
  students: (AccessPerson & { guardians: (AccessPerson & { relation: string })[] })[];
}

export interface AccessSlip {
  kind: 'student' | 'guardian';
  personId: number;
  fullName: string;
  login: string;
  password: string;
  /** «Студент группы ИС-21» or «Мать: Иванов И. И., ИС-21». */
  whom: string;
}

async function groupInScope(db: Db, actor: Actor, groupId: number) {
  const [group] = await db
    .select({ id: groups.id, institutionId: groups.institutionId, name: groups.name })
    .from(groups)
    .where(and(eq(groups.id, groupId), groupScope(actor, 'access.issue'), isNull(groups.graduatedOn)));
  if (!group) throw outOfScope();
  return group;
}

/** Students in the group today, with their guardians and the logins they have. */
async function groupPeople(db: Db, group: { id: number; institutionId: number }, today: string) {
  const studentRows = await db
    .selectDistinct({
      id: students.id,
      lastName: students.lastName,
      firstName: students.firstName,
      middleName: students.middleName,
      login: users.login,
      pending: users.mustChangePassword,
      userId: students.userId,
    })
    .from(groupMemberships)
    .innerJoin(
      students,
      and(eq(students.institutionId, groupMemberships.institutionId), eq(students.id, groupMemberships.studentId)),
    )
    .leftJoin(users, eq(users.id, students.userId))
    .where(
      and(
        eq(groupMemberships.institutionId, group.institutionId),
        eq(groupMemberships.groupId, group.id),
        lte(groupMemberships.fromDate, today),
        or(isNull(groupMemberships.toDate), gte(groupMemberships.toDate, today)),
      ),
    );
  const ids = studentRows.map((s) => s.id);
  const guardianRows = ids.length
    ? await db
        .select({
          studentId: studentGuardians.studentId,
          relation: studentGuardians.relation,
          id: guardians.id,
          lastName: guardians.lastName,
          firstName: guardians.firstName,
          middleName: guardians.middleName,
          login: users.login,
          pending: users.mustChangePassword,
          userId: guardians.userId,
        })
        .from(studentGuardians)
        .innerJoin(
          guardians,
          and(
            eq(guardians.institutionId, studentGuardians.institutionId),
            eq(guardians.id, studentGuardians.guardianId),
          ),
        )
        .leftJoin(users, eq(users.id, guardians.userId))
        .where(and(eq(studentGuardians.institutionId, group.institutionId), inArray(studentGuardians.studentId, ids)))
    : [];
  return { studentRows: studentRows.sort(compareByName), guardianRows };
}

export async function listGroupAccess(
  db: Db,
  actor: Actor,
  input: z.infer<typeof accessListInput>,
  today: string,
): Promise<GroupAccess> {
  const group = await groupInScope(db, actor, input.groupId);
  const { studentRows, guardianRows } = await groupPeople(db, group, today);
  return {
    group: { id: group.id, name: group.name },
    students: studentRows.map((s) => ({
      kind: 'student' as const,
      id: s.id,
      name: fullName(s),
      login: s.login,
      pending: s.pending ?? false,
      guardians: guardianRows
        .filter((g) => g.studentId === s.id)
        .sort(compareByName)
        .map((g) => ({
          kind: 'guardian' as const,
          id: g.id,
          name: fullName(g),
          relation: g.relation,
          login: g.login,
          pending: g.pending ?? false,
        })),
    })),
  };
}

const RELATION_TITLE: Record<string, string> = {
  мать: 'Мать',
  отец: 'Отец',
  опекун: 'Опекун',
  попечитель: 'Попечитель',
};

type Person = {
  kind: 'student' | 'guardian';
  id: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  userId: number | null;
  whom: string;
};

/** The chosen people, each checked to be a student of the group today or a parent of one; with the slip's «whom». */
async function resolvePeople(
  db: Db,
  group: { id: number; institutionId: number; name: string },
  people: { kind: 'student' | 'guardian'; id: number }[],
  today: string,
) {
  const { studentRows, guardianRows } = await groupPeople(db, group, today);
  const wanted: Person[] = [];
  const seen = new Set<string>();
  for (const p of people) {
    const key = `${p.kind}:${p.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (p.kind === 'student') {
      const s = studentRows.find((r) => r.id === p.id);
      if (!s) throw badInput(`Студент №${p.id}: не состоит в группе ${group.name}`);
      wanted.push({ ...s, kind: 'student', whom: `Студент группы ${group.name}` });
    } else {
      const links = guardianRows.filter((r) => r.id === p.id);
      if (links.length === 0) throw badInput(`Родитель №${p.id}: не связан ни с одним студентом группы ${group.name}`);
      const children = links.map((l) => shortName(studentRows.find((s) => s.id === l.studentId)!)).join(', ');
      wanted.push({
        ...links[0]!,
        kind: 'guardian',
        whom: `${RELATION_TITLE[links[0]!.relation] ?? 'Родитель'} студента ${children}, группа ${group.name}`,
      });
    }
  }
  return wanted;
}

/** Creates or resets the logins in one transaction and returns the slips; the passwords exist only in this answer. */
export async function issueAccess(
  db: Db,
  actor: Actor,
  input: z.infer<typeof issueAccessInput>,
  today: string,
): Promise<AccessSlip[]> {
  const group = await groupInScope(db, actor, input.groupId);
  const institutionId = group.institutionId;
  const wanted = await resolvePeople(db, group, input.people, today);

  // A parent who also works here keeps a staff account: its password is the administrator's to reset, not a curator's.
  const existing = wanted.map((p) => p.userId).filter((u): u is number => u !== null);
  if (existing.length) {
    const staff = await db
      .select({ userId: userRoles.userId })
      .from(userRoles)
      .where(and(inArray(userRoles.userId, existing), sql`${userRoles.role} not in ('student', 'parent')`));
    const person = wanted.find((p) => staff.some((s) => s.userId === p.userId));
    if (person)
      throw badInput(`${fullName(person)}: это учётная запись сотрудника, её пароль сбрасывает администратор`);
  }

  const passwords = wanted.map(() => oneTimePassword());
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  return inTransaction(db, async (tx) => {
    const slips: AccessSlip[] = [];
    for (const [i, person] of wanted.entries()) {
      let login: string;
      let userId = person.userId;
      if (userId !== null) {
        const [updated] = await tx
          .update(users)
          .set({
            passwordHash: hashes[i]!,
            mustChangePassword: true,
            isActive: true,
          })
          .where(eq(users.id, userId))
          .returning({ login: users.login });
        await endSessionsOf(tx, userId, 'password_reset');
        login = updated!.login;
      } else {
        const base = loginFor(person) || `user${person.id}`;
        const similar = await tx
          .select({ login: users.login })
          .from(users)
          .where(sql`${users.login} like ${`${base}%`}`);
        const taken = new Set(similar.map((u) => u.login));
        login = freeLogin(base, (l) => taken.has(l));
        const [created] = await tx
          .insert(users)
          .values({
            institutionId,
            login,
            passwordHash: hashes[i]!,
            lastName: person.lastName,
            firstName: person.firstName,
            middleName: person.middleName,
            position: person.kind === 'student' ? 'Студент' : 'Родитель',
            mustChangePassword: true,
          })
          .returning({ id: users.id });
        userId = created!.id;
        if (person.kind === 'student') {
          await tx
            .update(students)
            .set({ userId })
            .where(and(eq(students.institutionId, institutionId), eq(students.id, person.id)));
        } else {
          await tx
            .update(guardians)
            .set({ userId })
            .where(and(eq(guardians.institutionId, institutionId), eq(guardians.id, person.id)));
        }
      }
      const role = person.kind === 'student' ? 'student' : 'parent';
      const [hasRole] = await tx
        .select({ id: userRoles.id })
        .from(userRoles)
        .where(and(eq(userRoles.userId, userId), eq(userRoles.institutionId, institutionId), eq(userRoles.role, role)));
      if (!hasRole) await tx.insert(userRoles).values({ institutionId, userId, role });
      await logAdminChange(
        tx,
        actor,
        institutionId,
        'access',
        { userId: person.userId },
        { userId, login, kind: person.kind, personId: person.id },
        `Выдача доступа: ${group.name}`,
      );
      slips.push({
        kind: person.kind,
        personId: person.id,
        fullName: fullName(person),
        login,
        password: passwords[i]!,
        whom: person.whom,
      });
    }
    return slips;
  });
}

export const slipsInput = z.object({
  groupId: id,
  slips: z
    .array(z.object({ kind: z.enum(['student', 'guardian']), id, password: z.string().min(1).max(100) }))
    .min(1)
    .max(300),
});

/**
 * The slips to print for passwords just issued: names and logins come from the database, and each password must still
 * be the person's unchanged one-time password — nothing else can be printed on a slip.
 */
export async function slipsFor(
  db: Db,
  actor: Actor,
  input: z.infer<typeof slipsInput>,
  today: string,
): Promise<{ institutionId: number; slips: AccessSlip[] }> {
  const group = await groupInScope(db, actor, input.groupId);
  const people = await resolvePeople(db, group, input.slips, today);
  const userIds = people.map((p) => p.userId).filter((u): u is number => u !== null);
  const accounts = userIds.length ? await db.select().from(users).where(inArray(users.id, userIds)) : [];
  const slips = await Promise.all(
    people.map(async (person) => {
      const account = accounts.find((a) => a.id === person.userId);
      const password = input.slips.find((s) => s.kind === person.kind && s.id === person.id)!.password;
      if (!account || !account.mustChangePassword || !(await verifyPassword(account.passwordHash, password))) {
        throw badInput(`${fullName(person)}: временный пароль уже не действует — выдайте доступ заново`);
      }
      return {
        kind: person.kind,
        personId: person.id,
        fullName: fullName(person),
        login: account.login,
        password,
        whom: person.whom,
      };
    }),
  );
  return { institutionId: group.institutionId, slips };
}
