/**
 * A real installation: the institution (with the default attendance codes and lesson kinds) and its first
 * administrator with the password given. No demo data.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { attendanceCodes, institutions, lessonKinds, userRoles, users } from '../../../db/schema';
import { LESSON_KINDS } from '../../../domain/lesson-kinds';
import { DEFAULT_ATTENDANCE_CODES } from '../../../domain/marks';
import { hashPassword } from '../../../db/password';
import { normalizeLogin } from '../../auth/sign-in';
import { DEFAULT_TIME_ZONE } from '../../../domain/dates';

export const bootstrapInput = z.object({
  fullName: z.string().trim().min(5, 'Полное название колледжа: не короче 5 символов'),
  shortName: z.string().trim().min(2, 'Краткое название: не короче 2 символов'),
  login: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9._-]{3,40}$/, 'Логин: латиница, цифры, точка, дефис; 3–40 символов'),
  password: z.string().min(10, 'Пароль: не короче 10 символов'),
  lastName: z.string().trim().min(1, 'Фамилия: заполните'),
  firstName: z.string().trim().min(1, 'Имя: заполните'),
  middleName: z.string().trim().optional(),
});

export async function createInstitutionWithAdmin(db: Db, raw: unknown) {
  const input = bootstrapInput.parse(raw);
  const login = normalizeLogin(input.login);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.login, login));
  if (taken) throw new Error(`Логин «${login}» уже занят`);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const institutionId = await insertInstitution(tx, input);
    const [admin] = await tx
      .insert(users)
      .values({
        institutionId,
        login,
        passwordHash,
        lastName: input.lastName,
        firstName: input.firstName,
        middleName: input.middleName ?? null,
        position: 'Системный администратор ЭЖ',
      })
      .returning();
    await tx.insert(userRoles).values({ institutionId, userId: admin!.id, role: 'admin' });
    return { institutionId, adminUserId: admin!.id };
  });
}

/** An institution with its default dictionaries (attendance codes, lesson kinds and their grade weights). */
export async function insertInstitution(
  tx: Db,
  input: { fullName: string; shortName: string; city?: string | null; timeZone?: string },
): Promise<number> {
  const [inst] = await tx
    .insert(institutions)
    .values({
      fullName: input.fullName,
      shortName: input.shortName,
      city: input.city ?? null,
      timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    })
    .returning();
  const institutionId = inst!.id;
  await tx.insert(attendanceCodes).values(
    DEFAULT_ATTENDANCE_CODES.map((c) => ({
      institutionId,
      code: c.code,
      label: c.label,
      isAbsence: c.isAbsence,
      isValid: c.isValid,
    })),
  );
  await tx
    .insert(lessonKinds)
    .values(LESSON_KINDS.map((k) => ({ institutionId, code: k.code, label: k.label, gradeWeight: String(k.weight) })));
  return institutionId;
}
