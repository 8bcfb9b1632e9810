import crypto from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { signInEvents, users, userSessions } from '../../db/schema';

/**
 * Why a session ended (OWASP ASVS 4.0 V3.3.1, V3.3.3): the user signed out of this session; the user changed the
 * password (every other session); an administrator or curator reset the password, or deactivated the account (all).
 */
export type SessionEndReason = 'sign_out' | 'password_change' | 'password_reset' | 'deactivated';

/** Starts the server's record of a session at sign-in; returns its id, which the session cookie carries as `sid`. */
export async function startSession(
  db: Db,
  user: { userId: number; institutionId: number | null },
  ip: string | null,
): Promise<string> {
  const id = crypto.randomBytes(32).toString('base64url');
  await db.insert(userSessions).values({ id, userId: user.userId, institutionId: user.institutionId, ip });
  return id;
}

/** True while the session `sid` of user `userId` has not ended. */
export async function sessionIsLive(db: Db, sid: string, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: userSessions.id })
    .from(userSessions)
    .where(and(eq(userSessions.id, sid), eq(userSessions.userId, userId), isNull(userSessions.endedAt)))
    .limit(1);
  return row !== undefined;
}

/**
 * Sign-out: ends the one session `sid` (the user's other devices stay signed in) and writes «выход» to the sign-in
 * log. Nothing happens for a session that has already ended or is unknown.
 */
export async function endSession(db: Db, sid: string, ip: string | null): Promise<void> {
  await db.execute(sql`with ended as (
      update ${userSessions} set ended_at = now(), end_reason = 'sign_out'
       where id = ${sid} and ended_at is null
       returning user_id, institution_id)
    insert into ${signInEvents} (login, user_id, institution_id, event, success, ip)
    select u.login, e.user_id, e.institution_id, 'sign_out', true, ${ip}
      from ended e join ${users} u on u.id = e.user_id`);
}

/**
 * Ends every live session of the user — all of them, or all but `except` (the session in which the user changed the
 * own password) — inside the caller's transaction, and writes one «сеансы завершены» row to the sign-in log when any
 * ended. Returns how many ended.
 */
export async function endSessionsOf(
  tx: Db,
  userId: number,
  reason: Exclude<SessionEndReason, 'sign_out'>,
  except?: string | null,
): Promise<number> {
  const ended = await tx
    .update(userSessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.endedAt),
        except ? ne(userSessions.id, except) : undefined,
      ),
    )
    .returning({ institutionId: userSessions.institutionId });
  if (ended.length > 0) {
    const [user] = await tx
      .select({ login: users.login, institutionId: users.institutionId })
      .from(users)
      .where(eq(users.id, userId));
    await tx.insert(signInEvents).values({
      login: user!.login,
      userId,
      institutionId: user!.institutionId,
      event: 'sessions_ended',
      success: true,
      reason,
    });
  }
  return ended.length;
}
