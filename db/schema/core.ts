import {
  boolean,
  date,
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  index,
} from 'drizzle-orm/pg-core';

/** A college. Not a tenant table itself: every tenant table points here by `institution_id`. */
export const institutions = pgTable('institutions', {
  id: integer().generatedByDefaultAsIdentity().primaryKey(),
  shortName: text().notNull(),
  fullName: text().notNull(),
  city: text(),
  /** IANA time zone of the college: «today», «now» and every displayed time are computed in it. */
  timeZone: text().notNull().default('Europe/Moscow'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const academicYears = pgTable(
  'academic_years',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    id: integer().generatedByDefaultAsIdentity(),
    name: text().notNull(), // «2026/2027»
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    closedAt: timestamp({ withTimezone: true }),
    /** When the year's journal data (lessons, marks, their logs) was destroyed after 5 years (regulation §6.1). */
    journalPurgedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.id] }), unique().on(t.institutionId, t.name)],
);

export const terms = pgTable(
  'terms',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    academicYearId: integer().notNull(),
    number: smallint().notNull(), // 1 — осенний семестр, 2 — весенний
    name: text().notNull(),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    locked: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    unique().on(t.institutionId, t.academicYearId, t.number),
    foreignKey({
      columns: [t.institutionId, t.academicYearId],
      foreignColumns: [academicYears.institutionId, academicYears.id],
    }),
  ],
);

/** Per-institution dictionary of attendance codes (н, у, б, о by default). */
export const attendanceCodes = pgTable(
  'attendance_codes',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    code: text().notNull(),
    label: text().notNull(),
    isAbsence: boolean().notNull(),
    isValid: boolean().notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.code] })],
);

export const departments = pgTable(
  'departments',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    id: integer().generatedByDefaultAsIdentity(),
    name: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.id] }), unique().on(t.institutionId, t.name)],
);

export const specialties = pgTable(
  'specialties',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    id: integer().generatedByDefaultAsIdentity(),
    code: text().notNull(), // 09.02.07
    name: text().notNull(),
    qualification: text().notNull(),
    durationMonths: smallint().notNull(), // 46 = 3 г. 10 мес.
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.id] }), unique().on(t.institutionId, t.code)],
);

export const groups = pgTable(
  'groups',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    name: text().notNull(), // ИС-21
    specialtyId: integer().notNull(),
    departmentId: integer().notNull(),
    course: smallint().notNull(),
    admissionYear: smallint().notNull(),
    studyForm: text().notNull().default('очная'),
    curatorUserId: integer(),
    graduatedOn: date(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    unique().on(t.institutionId, t.name, t.admissionYear),
    foreignKey({
      columns: [t.institutionId, t.specialtyId],
      foreignColumns: [specialties.institutionId, specialties.id],
    }),
    foreignKey({
      columns: [t.institutionId, t.departmentId],
      foreignColumns: [departments.institutionId, departments.id],
    }),
    index().on(t.institutionId, t.departmentId),
    index().on(t.curatorUserId),
  ],
);

/**
 * The name and course a group had in a past academic year, written when the group moved on to the next course. The
 * group keeps its identity (cohort, curator, curriculum), so last year's journals show it as it was then.
 */
export const groupYearNames = pgTable(
  'group_year_names',
  {
    institutionId: integer().notNull(),
    groupId: integer().notNull(),
    academicYearId: integer().notNull(),
    name: text().notNull(),
    course: smallint().notNull(),
    /** The order that moved the group on (перевод на следующий курс or выпуск). */
    orderNo: text().notNull(),
    orderDate: date().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.groupId, t.academicYearId] }),
    foreignKey({ columns: [t.institutionId, t.groupId], foreignColumns: [groups.institutionId, groups.id] }),
    foreignKey({
      columns: [t.institutionId, t.academicYearId],
      foreignColumns: [academicYears.institutionId, academicYears.id],
    }),
  ],
);
