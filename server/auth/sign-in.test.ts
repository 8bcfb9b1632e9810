import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { signInEvents, users } from '../../db/schema';
import { DEMO_PASSWORD } from '../../db/seed';
import { openTestDatabase } from '../../test/database';
import { loadActor } from '../policy/actor';
import { endSession, startSession } from './sessions';
import { checkCredentials, LOCKOUT_FAILURES } from './sign-in';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const events = (login: string) =>
  database.db.select().from(signInEvents).where(eq(signInEvents.login, login)).orderBy(signInEvents.id);

describe('checkCredentials', () => {
  it('signs in a demo account with the right password (login case-insensitive) and logs it', async () => {
    const result = await checkCredentials(database.db, '  Prepod ', DEMO_PASSWORD, '127.0.0.1');
    expect(result.ok).toBe(true);
    const log = await events('prepod');
    expect(log.at(-1)).toMatchObject({ success: true, ip: '127.0.0.1' });
  });

  it('answers a wrong password and an unknown login the same way, and logs both', async () => {
    const wrong = await checkCredentials(database.db, 'kurator', 'wrong-password', null);
    const unknown = await checkCredentials(database.db, 'no-such-user', 'whatever', null);
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
    expect((await events('kurator')).at(-1)).toMatchObject({ success: false, reason: 'bad_password' });
    expect((await events('no-such-user')).at(-1)).toMatchObject({
      success: false,
      reason: 'unknown_login',
      userId: null,
    });
  });

  it(`locks a login after ${LOCKOUT_FAILURES} failures, even for the right password, and not other logins`, async () => {
    for (let i = 0; i < LOCKOUT_FAILURES; i++) {
      expect(await checkCredentials(database.db, 'metodist', `bad-${i}`, null)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    expect(await checkCredentials(database.db, 'metodist', DEMO_PASSWORD, null)).toEqual({
      ok: false,
      reason: 'locked',
    });
    expect((await events('metodist')).at(-1)).toMatchObject({ success: false, reason: 'locked' });
    expect((await checkCredentials(database.db, 'zav', DEMO_PASSWORD, null)).ok).toBe(true);
    // An unknown login is locked the same way: the lock tells nothing about whether a login exists.
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await checkCredentials(database.db, 'ghost', 'x', null);
    expect(await checkCredentials(database.db, 'ghost', 'x', null)).toEqual({ ok: false, reason: 'locked' });
  });

  it('refuses a deactivated user, and a deactivated user loses the actor at the next request', async () => {
    const [user] = await database.db.select().from(users).where(eq(users.login, 'inspektor'));
    const sid = await startSession(database.db, { userId: user!.id, institutionId: user!.institutionId }, null);
    expect(await loadActor(database.db, user!.id, sid)).not.toBeNull();
    await database.db.update(users).set({ isActive: false }).where(eq(users.id, user!.id));
    expect(await loadActor(database.db, user!.id, sid)).toBeNull();
    expect(await checkCredentials(database.db, 'inspektor', DEMO_PASSWORD, null)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const [last] = await database.db
      .select()
      .from(signInEvents)
      .where(and(eq(signInEvents.login, 'inspektor'), eq(signInEvents.reason, 'inactive')));
    expect(last).toBeDefined();
  });

  it('a sign-out in the log does not open a lock window: failures count from the last sign-in', async () => {
    const [user] = await database.db.select().from(users).where(eq(users.login, 'student'));
    for (let i = 0; i < LOCKOUT_FAILURES - 1; i++) await checkCredentials(database.db, 'student', 'x', null);
    const sid = await startSession(database.db, { userId: user!.id, institutionId: user!.institutionId }, null);
    await endSession(database.db, sid, null);
    expect((await events('student')).at(-1)).toMatchObject({ event: 'sign_out', success: true });
    await checkCredentials(database.db, 'student', 'x', null);
    expect(await checkCredentials(database.db, 'student', DEMO_PASSWORD, null)).toEqual({
      ok: false,
      reason: 'locked',
    });
  });
});
