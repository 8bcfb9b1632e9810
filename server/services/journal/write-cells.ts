/**
 * The write of a batch of journal cells: one statement that reads each cell as it is, refuses the whole batch when any
 * version moved since the client read it, writes the cells that change, and logs them in `cell_changes` (one row per
 * lesson, `domain/cell-log.ts`) under a new edit batch. Being one statement it is atomic without a transaction.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';
import type { CellValue } from '../../../domain/marks';
import type { JournalCell } from './page';

export interface CellEdit {
  lessonId: number;
  studentId: number;
  value: CellValue;
  text: string;
  /** The version the client read: 0 when the cell did not exist. */
  baseVersion: number;
}

/** A cell as written, with its new version: as the page has it. */
export type SavedCell = JournalCell;

export interface BatchHeader {
  institutionId: number;
  userId: number;
  teachingAssignmentId: number;
  source: string;
  clientBatchId: string | null;
  grantId: number | null;
  revertsBatchId: number | null;
}

/** A cell changed since the client read it: the statement refused itself and nothing of the batch was written. */
export class ConflictDetected extends Error {}

/** A PostgreSQL array literal of ints: two int arrays parse far faster on the server than a JSON list of pairs. */
export const ints = (xs: number[]) => `{${xs.join(',')}}`;

/** A PostgreSQL array literal of texts (with NULLs): arrays parse far faster than JSON on the server. */
function textArray(values: (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

/**
 * Writes the edits that change something. The batch row is made only when something changes, or always with
 * `batchAlways` (attestation results written next to it in the same transaction need it). Returns the batch id (null
 * when nothing changed) and the cells written with their new versions.
 *
 * How it stays exact under concurrent writers: `old` reads each cell with its row address; any version other than
 * the client's fails the batch; the UPDATE goes to that row address and re-checks the version — a row updated by a
 * concurrent writer since has moved, so it drops out of the count — and new cells are inserted ON CONFLICT DO NOTHING,
 * so one inserted meanwhile drops out too. A count short of the changed cells fails the statement as a whole.
 */
export async function writeCells(
  db: Db,
  header: BatchHeader,
  edits: CellEdit[],
  options: { batchAlways?: boolean } = {},
): Promise<{ batchId: number | null; cells: SavedCell[] }> {
  const i = header.institutionId;
  // Cells the client read as existing are updated, the others inserted; the statement leaves out a part it does not need.
  const updates = edits.some((e) => e.baseVersion > 0);
  const inserts = edits.some((e) => e.baseVersion === 0);
  const up = sql`up as (
          update journal_cells c set attendance = o.attendance, grade1 = o.grade1, grade2 = o.grade2, version = o.base + 1,
            updated_by = ${header.userId}, updated_at = now()
          from old o where c.ctid = o.tid and o.changed and c.version = o.base
          returning 1),`;
  const ins = sql`ins as (
          insert into journal_cells (institution_id, lesson_id, student_id, attendance, grade1, grade2, version, updated_by)
          select ${i}, o.lesson_id, o.student_id, o.attendance, o.grade1, o.grade2, 1, ${header.userId}
          from old o where o.changed and o.tid is null and o.base = 0
          on conflict do nothing
          returning 1),`;
  const written = sql`${updates ? sql`(select count(*) from up)` : sql`0`} + ${inserts ? sql`(select count(*) from ins)` : sql`0`}`;
  const [result] = await queryRows<{ batch_id: number | null; changed: number[] | string | null }>(
    db,
    sql`with x as (
          select * from unnest(${ints(edits.map((e) => e.lessonId))}::int[], ${ints(edits.map((e) => e.studentId))}::int[],
            ${textArray(edits.map((e) => e.value.attendance))}::text[], ${textArray(edits.map((e) => e.value.grade1))}::text[],
            ${textArray(edits.map((e) => e.value.grade2))}::text[], ${ints(edits.map((e) => e.baseVersion))}::int[])
            with ordinality as x(lesson_id, student_id, attendance, grade1, grade2, base, ord)),
        old as (
          select x.*, c.ctid as tid, coalesce(c.version, 0) as was_v, c.attendance as was_a, c.grade1 as was_g1, c.grade2 as was_g2,
            (c.attendance, c.grade1, c.grade2) is distinct from (x.attendance, x.grade1, x.grade2) as changed
          from x left join journal_cells c on c.institution_id = ${i} and c.lesson_id = x.lesson_id and c.student_id = x.student_id),
        b as (
          insert into edit_batches (institution_id, user_id, teaching_assignment_id, source, client_batch_id, grant_id, reverts_batch_id)
          select ${i}, ${header.userId}, ${header.teachingAssignmentId}, ${header.source}, ${header.clientBatchId}, ${header.grantId}, ${header.revertsBatchId}
          where ${options.batchAlways ?? false}::boolean or exists (select 1 from old where changed)
          returning id),
        ${updates ? up : sql``}
        ${inserts ? ins : sql``}
        lg as (
          insert into cell_changes (institution_id, batch_id, lesson_id, student_ids, version_before, attendance_before, grade1_before,
            grade2_before, attendance_after, grade1_after, grade2_after, user_id)
          select ${i}, (select id from b), o.lesson_id, array_agg(o.student_id), array_agg(o.was_v), array_agg(coalesce(o.was_a, '')),
            array_agg(coalesce(o.was_g1, '')), array_agg(coalesce(o.was_g2, '')), array_agg(coalesce(o.attendance, '')),
            array_agg(coalesce(o.grade1, '')), array_agg(coalesce(o.grade2, '')), ${header.userId}
          from old o where o.changed
          group by o.lesson_id),
        s as (select count(*) filter (where changed) as n, array_agg(ord::int order by ord) filter (where changed) as changed,
          coalesce(bool_or(was_v <> base), false) as moved from old)
        select (select id from b) as batch_id, s.changed,
          case when not s.moved and ${written} = s.n then 0 else ezh_version_conflict() end as conflict
        from s`,
  ).catch((error: unknown) => {
    for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
      if (String((e as { message?: string }).message ?? '').includes('ezh:version-conflict'))
        throw new ConflictDetected();
    }
    throw error;
  });
  const changed = parseInts(result!.changed);
  return {
    batchId: result!.batch_id,
    cells: changed.map((ord) => {
      const e = edits[ord - 1]!;
      return {
        lessonId: e.lessonId,
        studentId: e.studentId,
        attendance: e.value.attendance,
        grade1: e.value.grade1,
        grade2: e.value.grade2,
        version: e.baseVersion + 1,
      };
    }),
  };
}

/** An int[] as the driver returns it: an array (postgres.js, PGlite) or, through some paths, its text form. */
function parseInts(value: number[] | string | null): number[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.map(Number);
  return value.replace(/[{}]/g, '').split(',').filter(Boolean).map(Number);
}
