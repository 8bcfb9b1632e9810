import { bigint, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './people';

/**
 * Sign-in attempts, successful or not. Also the source of the lockout rule (failures per login in a window), so that
 * throttling holds across restarts and across processes on a server database.
 */
export const signInEvents = pgTable(
  'sign_in_events',
  {
    id: bigint({ mode: 'number' }).generatedByDefaultAsIdentity().primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    login: text().notNull(),
    userId: integer().references(() => users.id),
    institutionId: integer(),
    /** sign_in (an attempt), sign_out (the user ended one session), sessions_ended (every session, see `reason`). */
    event: text().notNull().default('sign_in'),
    success: boolean().notNull(),
    /**
     * sign_in refused: bad_password | unknown_login | inactive | locked; sessions_ended: password_change |
     * password_reset | deactivated (SessionEndReason).
     */
    reason: text(),
    ip: text(),
  },
  (t) => [index().on(t.login, t.at), index().on(t.institutionId, t.at)],
);

/**
 * The server's record of each signed-in session (OWASP ASVS 4.0 V3.3.1: a session ends on the server, not only in the
 * browser). Sign-in makes a row whose random `id` the session cookie carries (`sid`); every way in — pages, server
 * actions, tRPC, report routes, `/api/auth/session` — accepts the cookie only while its row has no `ended_at`.
 * Sign-out ends that row; a password change ends the user's other rows; a reset or deactivation all of them.
 * A reference table like `users` (a region-level account has no college).
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    /** 32 random bytes, base64url. */
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    institutionId: integer(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
    /** sign_out | password_change | password_reset | deactivated */
    endReason: text(),
    ip: text(),
  },
  (t) => [index().on(t.userId)],
);

/**
 * Who opened whose personal data, and when (152-ФЗ): every view of a student card by staff. The administrator reads it.
 */
export const personalDataViews = pgTable(
  'personal_data_views',
  {
    id: bigint({ mode: 'number' }).generatedByDefaultAsIdentity().primaryKey(),
    institutionId: integer().notNull(),
    viewerUserId: integer().notNull(),
    studentId: integer().notNull(),
    what: text().notNull(), // card
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.institutionId, t.at), index().on(t.institutionId, t.studentId)],
);
