import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, customType } from 'drizzle-orm/pg-core';
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
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    unique().on(t.code),
    index().on(t.institutionId, t.groupId, t.kind),
  ],
);
