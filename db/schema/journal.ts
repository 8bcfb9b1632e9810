import { sql } from 'drizzle-orm';
import {
  bigint,
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
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { teachingAssignments } from './curriculum';
import { students, users } from './people';

/** A held class: one journal column. */
export const lessons = pgTable(
  'lessons',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    teachingAssignmentId: integer().notNull(),
    date: date().notNull(),
    pairNo: smallint(),
    hours: smallint().notNull().default(2),
    kind: text().notNull(),
    topic: text(),
    homework: text(),
    /**
     * The lesson of the published timetable this one was made from or matched to (domain/timetable-changes.ts
     * DatedLesson.key: `e<entryId>@<date>` or `c<changeId>`); null for a lesson added by hand.
     */
    timetableKey: text(),
    /** The substitute who taught it (a substitution of the timetable); null: the journal's own teacher. */
    taughtBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    foreignKey({
      columns: [t.institutionId, t.teachingAssignmentId],
      foreignColumns: [teachingAssignments.institutionId, teachingAssignments.id],
    }),
    index().on(t.institutionId, t.teachingAssignmentId, t.date),
    uniqueIndex().on(t.institutionId, t.timetableKey),
    index()
      .on(t.institutionId, t.taughtBy, t.teachingAssignmentId)
      .where(sql`${t.taughtBy} is not null`),
  ],
);

/**
 * A journal cell: one student at one lesson. Attendance code (null = present) and up to two grades. `version` grows
 * with every change so that a client editing an old copy is refused instead of overwriting silently.
 */
export const journalCells = pgTable(
  'journal_cells',
  {
    institutionId: integer().notNull(),
    lessonId: integer().notNull(),
    studentId: integer().notNull(),
    attendance: text(),
    grade1: text(),
    grade2: text(),
    version: integer().notNull().default(1),
    /** Who changed it last (denormalised from the change log, which has the full story; no foreign key to keep writes light). */
    updatedBy: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.lessonId, t.studentId] }),
    foreignKey({
      columns: [t.institutionId, t.lessonId],
      foreignColumns: [lessons.institutionId, lessons.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.institutionId, t.studentId], foreignColumns: [students.institutionId, students.id] }),
    index().on(t.institutionId, t.studentId),
  ],
);

/** One act of editing: a typed cell, a paste, a fill, an undo, an import. Undo points at the batch it reverts. */
export const editBatches = pgTable(
  'edit_batches',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    teachingAssignmentId: integer(),
    source: text().notNull(), // typing | paste | fill | undo | import | lesson | grant
    revertsBatchId: integer(),
    /** The temporary edit permission this batch was made under (a closed term reopened for the teacher). */
    grantId: integer(),
    reason: text(),
    /** The browser's id of the batch: a batch resent after a lost answer is recognised, not applied twice. */
    clientBatchId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    index().on(t.institutionId, t.teachingAssignmentId, t.createdAt),
    unique().on(t.institutionId, t.userId, t.clientBatchId),
  ],
);

/**
 * Append-only change log of journal data (a trigger refuses UPDATE, DELETE and TRUNCATE). Written only in the same
 * statement as its batch; it keeps no foreign keys, so that history outlives what it describes and costs less to write.
 */
export const changeLog = pgTable(
  'change_log',
  {
    institutionId: integer().notNull(),
    id: bigint({ mode: 'number' }).generatedByDefaultAsIdentity(),
    batchId: integer().notNull(),
    entity: text().notNull(), // cell | attestation | lesson | grant
    lessonId: integer(),
    studentId: integer(),
    /** For attestation results: the column (sem, exam, dz, credit, kp, qual). */
    field: text(),
    before: jsonb(),
    after: jsonb(),
    userId: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    index().on(t.institutionId, t.lessonId, t.studentId),
    index().on(t.institutionId, t.batchId),
  ],
);

/**
 * The change log of journal cells, append-only like `change_log` (same trigger): one row per lesson of a batch, its
 * students' values before and after as parallel typed arrays — a pasted 30 × 20 block is twenty rows, written by the
 * statement that writes the cells (`server/services/journal/write-cells.ts`). A version of 0 means "no cell", an empty
 * string an empty value (not NULL: drivers disagree on reading NULL inside a text array). Batches are numbered in
 * order, so (batch, lesson) keys it and orders a cell's history.
 */
export const cellChanges = pgTable(
  'cell_changes',
  {
    institutionId: integer().notNull(),
    batchId: integer().notNull(),
    lessonId: integer().notNull(),
    studentIds: integer().array().notNull(),
    /** Each cell's version before the batch; after it, one more. */
    versionBefore: integer().array().notNull(),
    attendanceBefore: text().array().notNull(),
    grade1Before: text().array().notNull(),
    grade2Before: text().array().notNull(),
    attendanceAfter: text().array().notNull(),
    grade1After: text().array().notNull(),
    grade2After: text().array().notNull(),
    userId: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.batchId, t.lessonId] }), index().on(t.institutionId, t.lessonId)],
);

/**
 * Attestation results of a journal page: the semester mark and the result of the term's form of attestation
 * (exam, graded credit, credit, course project, qualifying exam), shown after the last lesson.
 */
export const attestationResults = pgTable(
  'attestation_results',
  {
    institutionId: integer().notNull(),
    teachingAssignmentId: integer().notNull(),
    studentId: integer().notNull(),
    field: text().notNull(),
    value: text().notNull(),
    version: integer().notNull().default(1),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.teachingAssignmentId, t.studentId, t.field] }),
    foreignKey({
      columns: [t.institutionId, t.teachingAssignmentId],
      foreignColumns: [teachingAssignments.institutionId, teachingAssignments.id],
    }),
    foreignKey({ columns: [t.institutionId, t.studentId], foreignColumns: [students.institutionId, students.id] }),
  ],
);

/**
 * A head of department or administrator opens one teacher's journal in a closed term (or year) until a moment,
 * with a reason. Everything saved under it carries the grant's id.
 */
export const journalEditGrants = pgTable(
  'journal_edit_grants',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    teachingAssignmentId: integer().notNull(),
    /** Whom the journal is opened for: its teacher. */
    userId: integer()
      .notNull()
      .references(() => users.id),
    grantedBy: integer()
      .notNull()
      .references(() => users.id),
    reason: text().notNull(),
    validUntil: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    foreignKey({
      columns: [t.institutionId, t.teachingAssignmentId],
      foreignColumns: [teachingAssignments.institutionId, teachingAssignments.id],
    }),
    index().on(t.institutionId, t.teachingAssignmentId),
  ],
);

/**
 * The work programme of a teaching assignment as its КТП (calendar-thematic plan, regulation §5.6; domain/ktp.ts):
 * the title block's lines and a version that grows with each save, so a stale editor is refused, not obeyed.
 */
export const workPrograms = pgTable(
  'work_programs',
  {
    institutionId: integer().notNull(),
    teachingAssignmentId: integer().notNull(),
    version: integer().notNull().default(1),
    /** «Заместитель директора по учебной работе Иванова И. И.» */
    approvedBy: text(),
    /** «Рассмотрено на заседании ПЦК …, протокол № 1 от 31.08.2026» */
    reviewedAt: text(),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.teachingAssignmentId] }),
    foreignKey({
      columns: [t.institutionId, t.teachingAssignmentId],
      foreignColumns: [teachingAssignments.institutionId, teachingAssignments.id],
    }),
  ],
);

/** A line of a КТП in order: a section heading or a topic with its hours and kind of lesson. */
export const plannedTopics = pgTable(
  'planned_topics',
  {
    institutionId: integer().notNull(),
    teachingAssignmentId: integer().notNull(),
    position: smallint().notNull(),
    section: boolean().notNull().default(false),
    title: text().notNull(),
    hours: smallint().notNull().default(0),
    kind: text(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.teachingAssignmentId, t.position] }),
    foreignKey({
      columns: [t.institutionId, t.teachingAssignmentId],
      foreignColumns: [workPrograms.institutionId, workPrograms.teachingAssignmentId],
    }).onDelete('cascade'),
  ],
);
