import { boolean, date, integer, pgTable, primaryKey, smallint, text, time, unique } from 'drizzle-orm/pg-core';
import { institutions } from './core';

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
