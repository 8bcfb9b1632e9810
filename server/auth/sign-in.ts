import { and, eq, gt, sql } from 'drizzle-orm';
import { q } from '../../db/sql';
import type { Db } from '../../db/client';
import { signInEvents, users } from '../../db/schema';
import { verifyAgainstDummy, verifyPassword } from '../../db/password';

export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_WINDOW_MINUTES = 15;

export type SignInResult =
  | { ok: true; userId: number; institutionId: number | null; displayName: string }
  | { ok: false; reason: 'invalid' | 'locked' };

export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

/**
 * Checks a login and password. Never tells an unknown login from a wrong password (same answer, same time); after
 * LOCKOUT_FAILURES failures of one login within LOCKOUT_WINDOW_MINUTES it refuses even the right password until the
 * window passes. Every attempt is logged.
 */
export async function checkCredentials(
  db: Db,
  rawLogin: string,
  password: string,
  ip: string | null,
): Promise<SignInResult> {
  const login = normalizeLogin(rawLogin);
  const [user] = login ? await db.select().from(users).where(eq(users.login, login)).limit(1) : [];
  const log = (success: boolean, reason: string | null) =>
    db.insert(signInEvents).values({
      login: login.slice(0, 100),
      userId: user?.id ?? null,
      institutionId: user?.institutionId ?? null,
      success,
      reason,
      ip,
    });

  if (await isLocked(db, login)) {
    await log(false, 'locked');
    return { ok: false, reason: 'locked' };
  }
  const passwordOk = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !passwordOk) {
    await log(false, user ? 'bad_password' : 'unknown_login');
    return { ok: false, reason: 'invalid' };
  }
  if (!user.isActive) {
    await log(false, 'inactive');
    return { ok: false, reason: 'invalid' };
  }
  await log(true, null);
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  return {
    ok: true,
    userId: user.id,
    institutionId: user.institutionId,
    displayName: `${user.lastName} ${user.firstName}`,
  };
}

async function isLocked(db: Db, login: string): Promise<boolean> {
  const since = sql`now() - make_interval(mins => ${LOCKOUT_WINDOW_MINUTES})`;
  const lastSuccess = sql`coalesce((select max(${q(signInEvents.at)}) from ${signInEvents} where ${q(signInEvents.login)} = ${login} and ${q(signInEvents.event)} = 'sign_in' and ${q(signInEvents.success)}), '-infinity')`;
  const [row] = await db
    .select({ failures: sql<number>`count(*)::int` })
    .from(signInEvents)
    .where(
      and(
        eq(signInEvents.login, login),
        eq(signInEvents.event, 'sign_in'),
        eq(signInEvents.success, false),
        gt(signInEvents.at, since),
        gt(signInEvents.at, lastSuccess),
      ),
    );
  return (row?.failures ?? 0) >= LOCKOUT_FAILURES;
}
