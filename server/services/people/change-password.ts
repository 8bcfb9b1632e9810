import { endSessionsOf } from '../../auth/sessions';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { users } from '../../../db/schema';
import { hashPassword, verifyPassword } from '../../../db/password';
import type { Actor } from '../../policy/actor';
import { countOf, NOUNS } from '../../../domain/plural';
import { logAdminChange } from '../admin-log';

export const MIN_PASSWORD_LENGTH = 8;

export const changePasswordInput = z
  .object({
    current: z.string().min(1, 'Текущий пароль: введите текущий пароль'),
    next: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Новый пароль: не короче ${countOf(MIN_PASSWORD_LENGTH, NOUNS.charGen)}`)
      .max(200, 'Новый пароль: не длиннее 200 символов'),
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { message: 'Повтор пароля: не совпадает с новым паролем', path: ['confirm'] })
  .refine((v) => v.next !== v.current, { message: 'Новый пароль: должен отличаться от текущего', path: ['next'] });

export type ChangePasswordResult = { ok: true } | { ok: false; error: string };

/**
 * Changes the actor's own password after checking the current one; clears the "must change" flag and ends the user's
 * other sessions (this one stays).
 */
export async function changeOwnPassword(db: Db, actor: Actor, raw: unknown): Promise<ChangePasswordResult> {
  const parsed = changePasswordInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') };
  const input = parsed.data;
  if (input.next.toLowerCase().includes(actor.login.toLowerCase()))
    return { ok: false, error: 'Новый пароль: не должен содержать логин' };
  const [user] = await db
    .select({ passwordHash: users.passwordHash, mustChangePassword: users.mustChangePassword })
    .from(users)
    .where(eq(users.id, actor.userId))
    .limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, input.current)))
    return { ok: false, error: 'Текущий пароль: неверен' };
  const passwordHash = await hashPassword(input.next);
  await inTransaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, actor.userId));
    // A password changed because it may be known to someone: the user's other devices sign in again (ASVS V3.3.3).
    await endSessionsOf(tx, actor.userId, 'password_change', actor.sessionId);
    // In the college's log, never the password or its hash. A regional account belongs to no college's log.
    if (actor.institutionId !== null)
      await logAdminChange(
        tx,
        actor,
        actor.institutionId,
        'password',
        { userId: actor.userId, mustChangePassword: user.mustChangePassword },
        { userId: actor.userId, mustChangePassword: false, passwordChanged: true },
        'Пароль изменён владельцем',
      );
  });
  return { ok: true };
}
