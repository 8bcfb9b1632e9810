import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { teachingAssignments } from './curriculum';
import { guardians, students, users } from './people';

/**
 * An adult student's decisions about a parent's access (issue #13, item 6; 152-ФЗ art. 9: an adult's personal data go
 * to another person with the adult's consent). Append-only: the latest row of a (student, guardian) pair is in force;
 * the earlier ones are the history. Until the student is 18 the parent's access does not depend on it.
 */
export const parentConsents = pgTable(
  'parent_consents',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    studentId: integer().notNull(),
    guardianId: integer().notNull(),
    /** true: consent given; false: withdrawn. */
    granted: boolean().notNull(),
    decidedBy: integer()
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    foreignKey({ columns: [t.institutionId, t.studentId], foreignColumns: [students.institutionId, students.id] }),
    foreignKey({ columns: [t.institutionId, t.guardianId], foreignColumns: [guardians.institutionId, guardians.id] }),
    index().on(t.institutionId, t.studentId, t.guardianId, t.id),
  ],
);

/**
 * A remark (замечание) on journal keeping issued to a teacher from a monitoring flag (issue #13, item 2; regulation
 * §5.2–5.4: the administration checks, §5.6: the teacher fixes the remarks). `flagKey` names the flag
 * (domain/monitoring.ts `flagKey`); one open remark per flag. It closes by itself when its rule no longer fires
 * (`closedBy` null), or when the controller confirms the teacher's «исправлено». Rows are never deleted: the history.
 */
export const remarks = pgTable(
  'remarks',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    flagKey: text().notNull(),
    rule: text().notNull(),
    teachingAssignmentId: integer().notNull(),
    /** Whom it is addressed to: the journal's teacher, or the substitute who taught the lesson. */
    teacherUserId: integer()
      .notNull()
      .references(() => users.id),
    lessonId: integer(),
    studentId: integer(),
    /** The flag's «why» when it was issued, in Russian. */
    text: text().notNull(),
    /** manual — by a controller; scheduled — by the monthly or two-weekly check. */
    source: text().notNull(),
    issuedBy: integer().references(() => users.id),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The teacher's «исправлено», waiting for the controller's confirmation or the rule's silence. */
    fixedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /** Null with `closedAt`: closed by itself, the rule no longer fires. */
    closedBy: integer().references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    foreignKey({
      columns: [t.institutionId, t.teachingAssignmentId],
      foreignColumns: [teachingAssignments.institutionId, teachingAssignments.id],
    }),
    uniqueIndex()
      .on(t.institutionId, t.flagKey)
      .where(sql`${t.closedAt} is null`),
    index().on(t.teacherUserId, t.closedAt),
  ],
);

/**
 * A post on the notice board (доска информации, issue #13, item 3; regulation §5.2: the results of the checks are
 * posted on the board inside the system). The audience: the roles, departments and groups it is for (an empty list:
 * any); `needsRead`: readers confirm they have read it. `kind` 'check' — the results of a monitoring check.
 */
export const notices = pgTable(
  'notices',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    title: text().notNull(),
    body: text().notNull(),
    kind: text().notNull().default('post'),
    roles: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    departmentIds: integer()
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    groupIds: integer()
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    needsRead: boolean().notNull().default(false),
    authorUserId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Taken off the board (by its author or the administrator); kept for the record. */
    withdrawnAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.id] }), index().on(t.institutionId, t.createdAt)],
);

/** «Прочитано» of a reader on a post that asks for it. */
export const noticeReads = pgTable(
  'notice_reads',
  {
    institutionId: integer().notNull(),
    noticeId: integer().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    readAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.noticeId, t.userId] }),
    foreignKey({ columns: [t.institutionId, t.noticeId], foreignColumns: [notices.institutionId, notices.id] }),
  ],
);

/**
 * A controller's scheduled check of journal keeping (issue #13, item 2; regulation §5.2: the administrator monthly,
 * §5.3: the head of department monthly, §5.4: the methodist at least every two weeks). It runs in its owner's scope
 * (the policy decides as for the owner at run time) on `nextRunOn` from 07:00 of the college's time, closes the remarks
 * whose rule no longer fires, issues remarks for the flags found (`issueRemarks`, source `scheduled`) and posts the
 * results on the notice board (`postResults`). One per controller in a college.
 */
export const scheduledChecks = pgTable(
  'scheduled_checks',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    ownerUserId: integer()
      .notNull()
      .references(() => users.id),
    /** `month` or `two-weeks` (domain/scheduled-check.ts). */
    period: text().notNull(),
    issueRemarks: boolean().notNull().default(true),
    postResults: boolean().notNull().default(true),
    enabled: boolean().notNull().default(true),
    /** The college's day of the next run. */
    nextRunOn: date({ mode: 'string' }).notNull(),
    /** Set while a run is in hand; a run older than 30 minutes is taken as died and is done again. */
    runningSince: timestamp({ withTimezone: true }),
    lastRunAt: timestamp({ withTimezone: true }),
    /** What the last run did or why it did not run, in Russian. */
    lastResult: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.id] }), uniqueIndex().on(t.institutionId, t.ownerUserId)],
);
