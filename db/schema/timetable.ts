import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
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
    movedFromId: integer(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    removedBy: integer().references(() => users.id),
    removedAt: timestamp({ withTimezone: true }),
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
