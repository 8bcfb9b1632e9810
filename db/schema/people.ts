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
  unique,
} from 'drizzle-orm/pg-core';
import { departments, groups, institutions } from './core';

/**
 * Accounts. A reference table (not distributed): a login is unique across the deployment because the sign-in form
 * does not ask for the college. `institution_id` is the home college; null only for region-level accounts.
 */
export const users = pgTable(
  'users',
  {
    id: integer().generatedByDefaultAsIdentity().primaryKey(),
    institutionId: integer().references(() => institutions.id),
    login: text().notNull(),
    passwordHash: text().notNull(),
    lastName: text().notNull(),
    firstName: text().notNull(),
    middleName: text(),
    position: text(),
    isActive: boolean().notNull().default(true),
    mustChangePassword: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp({ withTimezone: true }),
  },
  (t) => [unique().on(t.login), unique().on(t.institutionId, t.id)],
);

/** A role of a user in one institution, with its scope: department (head), group (curator), or the whole institution. */
export const userRoles = pgTable(
  'user_roles',
  {
    id: integer().generatedByDefaultAsIdentity().primaryKey(),
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    role: text().notNull(),
    departmentId: integer(),
    groupId: integer(),
  },
  (t) => [
    index().on(t.userId),
    foreignKey({
      columns: [t.institutionId, t.departmentId],
      foreignColumns: [departments.institutionId, departments.id],
    }),
    foreignKey({ columns: [t.institutionId, t.groupId], foreignColumns: [groups.institutionId, groups.id] }),
  ],
);

export const students = pgTable(
  'students',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    id: integer().generatedByDefaultAsIdentity(),
    lastName: text().notNull(),
    firstName: text().notNull(),
    middleName: text(),
    birthDate: date(),
    gender: text(), // 'м' | 'ж'
    recordBookNo: text(),
    phone: text(),
    email: text(),
    /** The student's own login, if the curator issued one. */
    userId: integer().references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    index().on(t.userId),
    unique().on(t.institutionId, t.recordBookNo),
  ],
);

/**
 * A student's membership of a group over time, with the order behind it. Journals ask "who was in this group on this
 * date", never "who is in it now". `toDate` is the last day in the group (inclusive); null while the student is there.
 */
export const groupMemberships = pgTable(
  'group_memberships',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    studentId: integer().notNull(),
    groupId: integer().notNull(),
    fromDate: date().notNull(),
    toDate: date(),
    orderNo: text(),
    orderDate: date(),
    reason: text().notNull(), // зачисление, перевод из другой группы…
    endReason: text(), // отчисление, академический отпуск, перевод, выпуск
    endOrderNo: text(),
    endOrderDate: date(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    foreignKey({ columns: [t.institutionId, t.studentId], foreignColumns: [students.institutionId, students.id] }),
    foreignKey({ columns: [t.institutionId, t.groupId], foreignColumns: [groups.institutionId, groups.id] }),
    index().on(t.institutionId, t.groupId, t.fromDate),
    index().on(t.institutionId, t.studentId),
  ],
);

/** A parent or other legal representative. May have a login (`userId`) issued by the curator. */
export const guardians = pgTable(
  'guardians',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    id: integer().generatedByDefaultAsIdentity(),
    lastName: text().notNull(),
    firstName: text().notNull(),
    middleName: text(),
    phone: text(),
    userId: integer().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.id] }), index().on(t.userId)],
);

export const studentGuardians = pgTable(
  'student_guardians',
  {
    institutionId: integer().notNull(),
    studentId: integer().notNull(),
    guardianId: integer().notNull(),
    relation: text().notNull(), // мать, отец, опекун
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.studentId, t.guardianId] }),
    foreignKey({ columns: [t.institutionId, t.studentId], foreignColumns: [students.institutionId, students.id] }),
    foreignKey({ columns: [t.institutionId, t.guardianId], foreignColumns: [guardians.institutionId, guardians.id] }),
    index().on(t.institutionId, t.guardianId),
  ],
);

export const subgroups = pgTable(
  'subgroups',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    groupId: integer().notNull(),
    termId: integer().notNull(),
    name: text().notNull(), // «1 подгруппа»
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    foreignKey({ columns: [t.institutionId, t.groupId], foreignColumns: [groups.institutionId, groups.id] }),
  ],
);

export const subgroupMembers = pgTable(
  'subgroup_members',
  {
    institutionId: integer().notNull(),
    subgroupId: integer().notNull(),
    studentId: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.subgroupId, t.studentId] }),
    foreignKey({ columns: [t.institutionId, t.subgroupId], foreignColumns: [subgroups.institutionId, subgroups.id] }),
    foreignKey({ columns: [t.institutionId, t.studentId], foreignColumns: [students.institutionId, students.id] }),
  ],
);

/**
 * Region-level administrators (the regional system's operators): they create institutions and their first
 * administrators, and see no college's personal data. Their accounts have no home institution.
 */
export const regionAdmins = pgTable('region_admins', {
  userId: integer()
    .primaryKey()
    .references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A curator's proposal of a student's movement (regulation §5.5: the curator proposes, the administration orders):
 * the administrator carries it out by an order, or rejects it with a note.
 */
export const movementProposals = pgTable(
  'movement_proposals',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    studentId: integer().notNull(),
    kind: text().notNull(), // move | leave | expel | reinstate
    toGroupId: integer(),
    effectiveOn: date().notNull(),
    reason: text().notNull(),
    proposedBy: integer()
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: text().notNull().default('pending'), // pending | done | rejected
    decidedBy: integer().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    foreignKey({ columns: [t.institutionId, t.studentId], foreignColumns: [students.institutionId, students.id] }),
    foreignKey({ columns: [t.institutionId, t.toGroupId], foreignColumns: [groups.institutionId, groups.id] }),
    index().on(t.institutionId, t.status),
  ],
);
