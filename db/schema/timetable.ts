import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { groups, institutions } from './core';
import { teachingAssignments } from './curriculum';
import { users } from './people';

/**
 * The bells of a college (звонки): for each kind of day (domain/timetable-setup.ts `DAY_KINDS`) its numbered pairs with
 * times. A pair is two academic hours; the timetable places lessons on pairs.
 */
export const bellSlots = pgTable(
  'bell_slots',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    dayKind: text().notNull(), // 'weekday' | 'saturday' | 'short'
    pairNo: smallint().notNull(),
    startsAt: time().notNull(),
    endsAt: time().notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.dayKind, t.pairNo] })],
);

/** A room (аудитория, кабинет) where lessons are held: its number, building, seats and kind. */
export const rooms = pgTable(
  'rooms',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    id: integer().generatedByDefaultAsIdentity(),
    number: text().notNull(),
    /** Null in a college of one building. */
    building: text(),
    seats: smallint().notNull(),
    kind: text().notNull(), // domain/timetable-setup.ts ROOM_KINDS
    /** A room out of use (repairs) stays for the history of the timetable but is not proposed. */
    inUse: boolean().notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    unique('rooms_number_unique').on(t.institutionId, t.building, t.number).nullsNotDistinct(),
  ],
);

/**
 * The college calendar: dates without lessons (public holidays, vacations) and shortened days. A date not here is an
 * ordinary day; the timetable and the journal's planned lessons skip the dates without lessons.
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    date: date().notNull(),
    kind: text().notNull(), // domain/timetable-setup.ts CALENDAR_KINDS
    note: text(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.date] })],
);

/**
 * A group's own dates without classroom lessons: practice (учебная, производственная) and the examination session.
 * The timetable and the journal's planned lessons skip them for that group only.
 */
export const groupCalendarDays = pgTable(
  'group_calendar_days',
  {
    institutionId: integer().notNull(),
    groupId: integer().notNull(),
    date: date().notNull(),
    kind: text().notNull(), // domain/timetable-setup.ts GROUP_PERIOD_KINDS
    note: text(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.groupId, t.date] }),
    foreignKey({ columns: [t.institutionId, t.groupId], foreignColumns: [groups.institutionId, groups.id] }),
  ],
);

/** A teacher's pairs when he cannot teach (another job, a standing duty): a soft rule of the timetable. */
export const teacherUnavailability = pgTable(
  'teacher_unavailability',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    weekday: smallint().notNull(), // 1 = Monday … 6 = Saturday
    pairNo: smallint().notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.userId, t.weekday, t.pairNo] })],
);

/**
 * The weekly template of the timetable (domain/timetable.ts): a journal (teaching assignment — its group or subgroup,
 * teacher and term) on a weekday's pair, in a room, on every week or only numerator / denominator ones, optionally
 * from/to a date inside the term. Rows are never deleted: removing or moving a placement marks it removed (and a move
 * adds the new placement pointing back), so the template's history stays readable.
 */
export const timetableEntries = pgTable(
  'timetable_entries',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    teachingAssignmentId: integer().notNull(),
    weekday: smallint().notNull(),
    pairNo: smallint().notNull(),
    parity: text().notNull().default('every'), // domain/timetable.ts PARITIES
    roomId: integer(),
    validFrom: date(),
    validTo: date(),
    /** The methodist's stated reason for placing over a soft rule (pairs a day, room size, unavailable time). */
    overrideReason: text(),
    /** The soft rules' messages the reason was given for, as shown when placed (`string[]`; null: none). */
    warnings: jsonb().$type<string[]>(),
    movedFromId: integer(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    removedBy: integer().references(() => users.id),
    removedAt: timestamp({ withTimezone: true }),
    /** The publication that made the placement visible (null: a draft). */
    publishedIn: integer(),
    /** The publication that made its removal visible (null: still shown, if published). */
    removalPublishedIn: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    foreignKey({
      columns: [t.institutionId, t.teachingAssignmentId],
      foreignColumns: [teachingAssignments.institutionId, teachingAssignments.id],
    }),
    foreignKey({ columns: [t.institutionId, t.roomId], foreignColumns: [rooms.institutionId, rooms.id] }),
    index().on(t.institutionId, t.teachingAssignmentId),
    index().on(t.institutionId, t.weekday, t.pairNo),
  ],
);

/**
 * A publication of the timetable (issue #11, item 4): the placements and dated changes made since the last one become
 * visible to the teachers, students and parents they touch. `summary` keeps the difference as published.
 */
export const timetablePublications = pgTable(
  'timetable_publications',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    id: integer().generatedByDefaultAsIdentity(),
    publishedBy: integer()
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The difference as lines: `{ assignmentId, date | null, text }[]` (domain/timetable-changes.ts `DiffLine`). */
    summary: jsonb().notNull(),
    /**
     * The date the published placements take effect from (issue #26, item 5): placements it publishes hold from it,
     * removals it publishes (and moves) end the day before. Null for publications made before it existed: the whole
     * term, as they were synced.
     */
    effectiveFrom: date(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.id] })],
);

/**
 * A dated change of the timetable (issue #11, item 2): cancel a lesson, move it (date, pair, room), replace its
 * teacher, add an extra lesson — or revert an earlier change. Append-only: a change is never edited or deleted, so the
 * timetable's history is readable and any change is undone by a new one. The timetable of a date is the template
 * with its changes applied (domain/timetable-changes.ts), computed, never copied.
 */
export const timetableChanges = pgTable(
  'timetable_changes',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    kind: text().notNull(), // domain/timetable-changes.ts CHANGE_KINDS
    teachingAssignmentId: integer().notNull(),
    /** The lesson changed: `e<entryId>@<date>` (a placement on a date) or `c<changeId>` (a lesson a change made). */
    targetKey: text(),
    /** The change a `revert` undoes. */
    revertsChangeId: integer(),
    toDate: date(),
    toPairNo: smallint(),
    toRoomId: integer(),
    substituteUserId: integer().references(() => users.id),
    reason: text().notNull(),
    /**
     * The warnings that did not block the change (the substitute marked unavailable, a room too small, too many pairs a
     * day) as the methodist confirmed them (`string[]`; null: none) — shown in the change list and the hours report.
     */
    warnings: jsonb().$type<string[]>(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Null while a draft; the publication that made it visible. */
    publicationId: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    foreignKey({
      columns: [t.institutionId, t.teachingAssignmentId],
      foreignColumns: [teachingAssignments.institutionId, teachingAssignments.id],
    }),
    foreignKey({ columns: [t.institutionId, t.toRoomId], foreignColumns: [rooms.institutionId, rooms.id] }),
    foreignKey({
      columns: [t.institutionId, t.publicationId],
      foreignColumns: [timetablePublications.institutionId, timetablePublications.id],
    }),
    index().on(t.institutionId, t.toDate),
    index().on(t.institutionId, t.teachingAssignmentId),
  ],
);

/**
 * A person's calendar subscription (issue #11, item 4): the published timetable as an iCal feed at a secret address.
 * Only the token's SHA-256 is kept; a new link revokes the old one.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tokenHash] }), index().on(t.userId)],
);
