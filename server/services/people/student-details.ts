/**
 * Keeping a student's card (curator of the group, administrator): contacts, and the parents linked to the student.
 * A parent with several children is one person linked to each of them (one login sees them all): an existing parent
 * is found by surname and phone together, so the search discloses nobody who is not already known to the searcher.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { guardians, studentGuardians, students } from '../../../db/schema';
import { RELATIONS } from '../../../domain/student-import';
import {
  cleanName,
  fullName,
  nameKey,
  personKey,
  phoneKey,
  RUSSIAN_NAME,
  type PersonName,
} from '../../../domain/names';
import type { Actor } from '../../policy/actor';
import { studentScope } from '../../policy/scope';
import { logAdminChange } from '../admin-log';
import { idSchema as id } from '../../../domain/ids';
import { badInput, outOfScope } from '../refusals';

const phone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || /^[\d\s()+-]{10,}$/.test(v), 'Телефон: не похоже на номер телефона')
  .optional();
// Cleaned before the checks: «Римская‑Корсакова» typed with a non-breaking hyphen is «Римская-Корсакова».
const name = (field: string) =>
  z
    .string()
    .overwrite(cleanName)
    .min(1, `${field}: заполните`)
    .max(100)
    .regex(RUSSIAN_NAME, `${field}: только русские буквы, пробел и дефис`);
const optionalName = (field: string) =>
  z
    .string()
    .overwrite(cleanName)
    .max(100)
    .refine((v) => v === '' || RUSSIAN_NAME.test(v), `${field}: только русские буквы, пробел и дефис`)
    .optional();

export const contactsInput = z.object({
  studentId: id,
  phone,
  email: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Эл. почта: не адрес почты')
    .optional(),
});
export const findGuardianInput = z.object({
  studentId: id,
  lastName: name('Фамилия родителя'),
  phone: z.string().trim().min(10, 'Телефон родителя: не короче 10 знаков').max(30),
});
export const linkGuardianInput = z.object({
  studentId: id,
  relation: z.enum(RELATIONS),
  guardian: z.union([
    z.object({ existingId: id }),
    z.object({
      lastName: name('Фамилия родителя'),
      firstName: name('Имя родителя'),
      middleName: optionalName('Отчество родителя'),
      phone,
    }),
  ]),
});
export const unlinkGuardianInput = z.object({ studentId: id, guardianId: id });

async function studentInScope(db: Db, actor: Actor, studentId: number) {
  const [student] = await db
    .select()
    .from(students)
    .where(and(eq(students.id, studentId), studentScope(actor, 'people.manage')));
  if (!student) throw outOfScope();
  return student;
}

/**
 * Parents of the college with one of these phones. SQL narrows by the phone's last ten digits; the phones are then
 * compared in JS by `phoneKey`, and callers compare names by `nameKey`/`personKey` — the one normalisation (PostgreSQL's
 * lower() folds case but not ё, so names are not compared in SQL). Oldest first.
 */
export async function guardiansWithPhones(db: Db, institutionId: number, phones: (string | null | undefined)[]) {
  const keys = [...new Set(phones.map(phoneKey).filter((k): k is string => k !== null))];
  if (keys.length === 0) return [];
  const rows = await db
    .select({
      id: guardians.id,
      lastName: guardians.lastName,
      firstName: guardians.firstName,
      middleName: guardians.middleName,
      phone: guardians.phone,
      children: sql<number>`(select count(*)::int from ${studentGuardians} sg where sg.institution_id = ${guardians.institutionId} and sg.guardian_id = ${guardians.id})`,
    })
    .from(guardians)
    .where(
      and(
        eq(guardians.institutionId, institutionId),
        inArray(
          sql`right(regexp_replace(coalesce(${guardians.phone}, ''), '\\D', '', 'g'), 10)`,
          keys.map((k) => k.slice(-10)),
        ),
      ),
    );
  return rows.filter((r) => keys.includes(phoneKey(r.phone) ?? '')).sort((a, b) => a.id - b.id);
}

/** The same parent: the same full name (ё as е, any case) and the same phone; without a phone nobody is the same. */
export function sameGuardian(
  a: PersonName & { phone: string | null },
  b: PersonName & { phone: string | null },
): boolean {
  const phone = phoneKey(a.phone);
  return phone !== null && phone === phoneKey(b.phone) && personKey(a) === personKey(b);
}

export async function updateContacts(db: Db, actor: Actor, input: z.infer<typeof contactsInput>) {
  const student = await studentInScope(db, actor, input.studentId);
  return inTransaction(db, async (tx) => {
    await tx
      .update(students)
      .set({ phone: input.phone || null, email: input.email || null })
      .where(and(eq(students.institutionId, student.institutionId), eq(students.id, student.id)));
    await logAdminChange(
      tx,
      actor,
      student.institutionId,
      'student',
      { studentId: student.id, phone: student.phone, email: student.email },
      { studentId: student.id, phone: input.phone || null, email: input.email || null },
      'Контакты студента',
    );
    return { ok: true as const };
  });
}

/** A parent already known to the college, matched by surname (ё as е, any case) and phone together. */
export async function findGuardian(db: Db, actor: Actor, input: z.infer<typeof findGuardianInput>) {
  const student = await studentInScope(db, actor, input.studentId);
  const rows = (await guardiansWithPhones(db, student.institutionId, [input.phone]))
    .filter((r) => nameKey(r.lastName) === nameKey(input.lastName))
    .slice(0, 5);
  return rows.map((r) => ({ id: r.id, name: fullName(r), children: r.children }));
}

export async function linkGuardian(db: Db, actor: Actor, input: z.infer<typeof linkGuardianInput>) {
  const student = await studentInScope(db, actor, input.studentId);
  const institutionId = student.institutionId;
  return inTransaction(db, async (tx) => {
    let guardianId: number;
    if ('existingId' in input.guardian) {
      const [existing] = await tx
        .select({ id: guardians.id })
        .from(guardians)
        .where(and(eq(guardians.institutionId, institutionId), eq(guardians.id, input.guardian.existingId)));
      if (!existing) throw outOfScope();
      guardianId = existing.id;
    } else {
      const g = input.guardian;
      // A parent already known by the same name and phone is linked, not entered twice (two records, two logins).
      const known = (await guardiansWithPhones(tx, institutionId, [g.phone])).find((r) =>
        sameGuardian(r, {
          lastName: g.lastName,
          firstName: g.firstName,
          middleName: g.middleName || null,
          phone: g.phone || null,
        }),
      );
      guardianId =
        known?.id ??
        (
          await tx
            .insert(guardians)
            .values({
              institutionId,
              lastName: g.lastName,
              firstName: g.firstName,
              middleName: g.middleName || null,
              phone: g.phone || null,
            })
            .returning({ id: guardians.id })
        )[0]!.id;
    }
    const [already] = await tx
      .select()
      .from(studentGuardians)
      .where(
        and(
          eq(studentGuardians.institutionId, institutionId),
          eq(studentGuardians.studentId, student.id),
          eq(studentGuardians.guardianId, guardianId),
        ),
      );
    if (already) throw badInput('Родитель уже указан у этого студента');
    await tx
      .insert(studentGuardians)
      .values({ institutionId, studentId: student.id, guardianId, relation: input.relation });
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'guardian',
      null,
      { studentId: student.id, guardianId, relation: input.relation },
      'Родитель указан у студента',
    );
    return { guardianId };
  });
}

export async function unlinkGuardian(db: Db, actor: Actor, input: z.infer<typeof unlinkGuardianInput>) {
  const student = await studentInScope(db, actor, input.studentId);
  return inTransaction(db, async (tx) => {
    const removed = await tx
      .delete(studentGuardians)
      .where(
        and(
          eq(studentGuardians.institutionId, student.institutionId),
          eq(studentGuardians.studentId, student.id),
          eq(studentGuardians.guardianId, input.guardianId),
        ),
      )
      .returning();
    if (removed.length === 0) throw badInput('Этот родитель не указан у студента');
    await logAdminChange(
      tx,
      actor,
      student.institutionId,
      'guardian',
      removed[0],
      null,
      'Родитель больше не связан со студентом',
    );
    return { ok: true as const };
  });
}
