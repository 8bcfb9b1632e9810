import { sql } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { institutions } from './core';
import { users } from './people';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * A certified copy of a report (issue #12, item 6): who certified it and when, the report's parameters, the rendered
 * PDF, and the data it shows — a flat map «what → printed value» and its SHA-256 — so that anyone with the code printed
 * on its pages can check whether the journal still says the same, and if not, which cells changed. Never updated.
 */
export const certifiedCopies = pgTable(
  'certified_copies',
  {
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    id: integer().generatedByDefaultAsIdentity(),
    /** The verification code printed on every page (10 characters of an unambiguous alphabet). */
    code: text().notNull(),
    /** journal — «Распечатка классного журнала»; consolidated — «Сводная ведомость». */
    kind: text().notNull(),
    groupId: integer().notNull(),
    /** The report's parameters (group, term, interval, …) as its route reads them. */
    params: jsonb().notNull(),
    /** A title for lists: «ИС-21, 1 семестр 2026/2027, все предметы». */
    title: text().notNull(),
    snapshot: jsonb().notNull(),
    /** SHA-256 (hex) of the snapshot's canonical JSON. */
    fingerprint: text().notNull(),
    pdf: bytea().notNull(),
    pages: integer().notNull(),
    certifiedBy: integer()
      .notNull()
      .references(() => users.id),
    /** «Заведующий отделением …» / «Директор» and the name in full, as printed. */
    certifierPosition: text().notNull(),
    certifierName: text().notNull(),
    certifiedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The academic year whose closing archived this copy (issue #12, item 7); null: certified on request. */
    archiveYearId: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    unique().on(t.code),
    index().on(t.institutionId, t.groupId, t.kind),
    index().on(t.institutionId, t.archiveYearId),
  ],
);

/**
 * A background report job (issue #12, item 5): the printed journals of every group of the college for a term, one PDF
 * per group. A second request for the same set while one runs joins it (`setKey` unique among running jobs). The work
 * itself is queued in pg-boss, one queue job per group, so that with two app instances each group is rendered once and
 * a restart resumes what was left.
 */
export const reportJobs = pgTable(
  'report_jobs',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    /** college-printouts — «Распечатка классного журнала» of every group. */
    kind: text().notNull(),
    termId: integer().notNull(),
    /** The printout's parameters (term, interval, lessons per page, new page per table). */
    params: jsonb().notNull(),
    /** kind and the parameters, canonical: the same set ⇒ the same key. */
    setKey: text().notNull(),
    /** running → done (every group rendered or failed). */
    status: text().notNull().default('running'),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /**
     * The primary's WAL position when the job was made (`X/Y`): its documents may be read on a replica that has
     * replayed it — everything the author wrote before asking (server/read-routing.ts).
     */
    walPosition: text(),
  },
  (t) => [
    uniqueIndex('report_jobs_running_set')
      .on(t.institutionId, t.setKey)
      .where(sql`${t.status} = 'running'`),
    index().on(t.institutionId, t.createdAt),
  ],
);

/** One group of a report job: pending → done (its PDF) or failed (the reason), in the order groups are listed. */
export const reportJobGroups = pgTable(
  'report_job_groups',
  {
    jobId: integer()
      .notNull()
      .references(() => reportJobs.id, { onDelete: 'cascade' }),
    groupId: integer().notNull(),
    position: integer().notNull(),
    groupName: text().notNull(),
    status: text().notNull().default('pending'),
    /** The file's name inside the ZIP, without «.pdf». */
    fileName: text(),
    pdf: bytea(),
    pages: integer(),
    error: text(),
    /** Attempts started (a crash mid-render leaves one counted): after three the group is reported failed. */
    attempts: integer().notNull().default(0),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.groupId] })],
);
