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
    success: boolean().notNull(),
    reason: text(), // bad_password | unknown_login | inactive | locked
    ip: text(),
  },
  (t) => [index().on(t.login, t.at), index().on(t.institutionId, t.at)],
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
