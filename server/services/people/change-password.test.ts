import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { users } from '../../../db/schema';
import { DEMO_PASSWORD } from '../../../db/seed';
import { actorByLogin } from '../../../test/actors';
import { openTestDatabase } from '../../../test/database';
import { checkCredentials } from '../../auth/sign-in';
import { changeOwnPassword } from './change-password';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('changeOwnPassword', () => {
  it('refuses bad input with a Russian message naming the field, and changes nothing', async () => {
    const actor = await actorByLogin(database.db, 'roditel');
    const [before] = await database.db.select().from(users).where(eq(users.id, actor.userId));
    expect(
      await changeOwnPassword(database.db, actor, { current: DEMO_PASSWORD, next: 'short', confirm: 'short' }),
    ).toEqual({
      ok: false,
      error: expect.stringContaining('Новый пароль: не короче 8 символов'),
    });
    expect(
      await changeOwnPassword(database.db, actor, {
        current: DEMO_PASSWORD,
        next: 'long-enough-1',
        confirm: 'other-one-2',
      }),
    ).toEqual({
      ok: false,
      error: expect.stringContaining('Повтор пароля'),
    });
    expect(
      await changeOwnPassword(database.db, actor, {
        current: 'wrong',
        next: 'long-enough-1',
        confirm: 'long-enough-1',
      }),
    ).toEqual({
      ok: false,
      error: 'Текущий пароль: неверен',
    });
    const [after] = await database.db.select().from(users).where(eq(users.id, actor.userId));
    expect(after!.passwordHash).toBe(before!.passwordHash);
  });

  it('changes the password and clears the must-change flag', async () => {
    const actor = await actorByLogin(database.db, 'roditel');
    await database.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, actor.userId));
    expect(
      await changeOwnPassword(database.db, actor, {
        current: DEMO_PASSWORD,
        next: 'Новый-пароль-2026',
        confirm: 'Новый-пароль-2026',
      }),
    ).toEqual({ ok: true });
    expect((await checkCredentials(database.db, 'roditel', DEMO_PASSWORD, null)).ok).toBe(false);
    expect((await checkCredentials(database.db, 'roditel', 'Новый-пароль-2026', null)).ok).toBe(true);
    const [user] = await database.db.select().from(users).where(eq(users.id, actor.userId));
    expect(user!.mustChangePassword).toBe(false);
  });
});
