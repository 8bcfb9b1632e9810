/**
 * Saving a batch of journal edits (typed cells, a pasted block, a filled column): all validated first, then written
 * atomically with a version check per cell, an edit batch and its change-log rows (`write-cells.ts`).
 * Bad input saves nothing; a cell changed by someone else since the client read it saves nothing and comes back as a
 * conflict with the current value; a batch resent after a lost answer (same clientBatchId) is not applied twice.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { queryRows } from '../../../db/client';
import { teachingAssignments, terms } from '../../../db/schema';
import { q } from '../../../db/sql';
import {
  ATTESTATION_FIELDS,
  attestationColumns,
  parseAttestationInput,
  type AttestationField,
} from '../../../domain/attestation';
import { CLIENT_BATCH_SOURCES } from '../../../domain/edit-batches';
import { formatDayMonth } from '../../../domain/dates';
import { cellEditChecker } from '../../../domain/cell-edit';
import { lessonRefusal } from '../../../domain/lesson-teacher';
import { formatCell, type CellValue } from '../../../domain/marks';
import type { Actor } from '../../policy/actor';
import { MESSAGES } from '../../policy/messages';
import { editAccess, loadAssignment, type AssignmentContext, type AssignmentExtra } from './context';
import { rosterFromRows, type RosterStudent } from './roster';
import { ConflictDetected, ints, writeCells, type BatchHeader, type CellEdit, type SavedCell } from './write-cells';
import { idSchema as id } from '../../../domain/ids';
import { forbidden, outOfScope } from '../refusals';

export { ConflictDetected, type CellEdit, type SavedCell };

export const saveInput = z
  .object({
    assignmentId: id,
    source: z.enum(CLIENT_BATCH_SOURCES),
    clientBatchId: z.string().min(8).max(64),
    cells: z
      .array(z.object({ lessonId: id, studentId: id, text: z.string().max(40), baseVersion: z.number().int().min(0) }))
      .max(5000)
      .default([]),
    attestation: z
      .array(
        z.object({
          studentId: id,
          field: z.enum(ATTESTATION_FIELDS),
          text: z.string().max(40),
          baseVersion: z.number().int().min(0),
        }),
      )
      .max(2000)
      .default([]),
  })
  .refine((v) => v.cells.length + v.attestation.length > 0, { message: 'Пустой пакет изменений' });

export type SaveInput = z.infer<typeof saveInput>;

export interface SavedAttestation {
  studentId: number;
  field: string;
  value: string | null;
  version: number;
}

export interface EditError {
  lessonId?: number;
  studentId: number;
  field?: string;
  message: string;
}

export interface Conflict {
  lessonId?: number;
  studentId: number;
  field?: string;
  /** What the client tried to write, and what is there now. */
  mine: string;
  theirs: string;
  version: number;
  by: string | null;
  at: string | null;
}

export type SaveResult =
  | { status: 'saved'; batchId: number | null; cells: SavedCell[]; attestation: SavedAttestation[] }
  | { status: 'invalid'; errors: EditError[] }
  | { status: 'conflict'; conflicts: Conflict[] };

export interface AttestationEdit {
  studentId: number;
  field: AttestationField;
  value: string | null;
  text: string;
  baseVersion: number;
}

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * Everything the save reads before writing, in the statement that checks the policy (one round trip): the page's
 * roster, lesson dates, attendance codes, and whether this batch was already applied. Columns of the outer query
 * (`teaching_assignments`, `terms`) are correlated.
 */
function saveReads(
  actor: Actor,
  input: SaveInput,
): AssignmentExtra<Record<'roster' | 'lessons' | 'codes' | 'previousBatch', SQL>> {
  const ta = teachingAssignments;
  const at = q(ta.institutionId);
  return {
    name: 'save',
    columns: (bind) => ({
      roster: sql`(select coalesce(json_agg(json_build_array(s.id, s.last_name, s.first_name, s.middle_name, m.from_date, m.to_date)), '[]')
        from group_memberships m join students s on s.institution_id = m.institution_id and s.id = m.student_id
        where m.institution_id = ${at} and m.group_id = ${q(ta.groupId)} and m.from_date <= ${q(terms.endsOn)}
          and (m.to_date is null or m.to_date >= ${q(terms.startsOn)})
          and (${q(ta.subgroupId)} is null or exists (select 1 from subgroup_members sm
            where sm.institution_id = m.institution_id and sm.subgroup_id = ${q(ta.subgroupId)} and sm.student_id = m.student_id)))`,
      lessons: sql`(select coalesce(json_agg(json_build_array(l.id, l.date, l.taught_by)), '[]') from lessons l
        where l.institution_id = ${at} and l.teaching_assignment_id = ${q(ta.id)})`,
      codes: sql`(select coalesce(json_agg(json_build_array(ac.code, ac.label, ac.is_absence, ac.is_valid)), '[]') from attendance_codes ac
        where ac.institution_id = ${at})`,
      previousBatch: sql`(select eb.id from edit_batches eb where eb.institution_id = ${at} and eb.user_id = ${bind(actor.userId)}
        and eb.client_batch_id = ${bind(input.clientBatchId)} limit 1)`,
    }),
  };
}

export async function saveJournalEdits(db: Db, actor: Actor, input: SaveInput, today: string): Promise<SaveResult> {
  const loaded = await loadAssignment(db, actor, input.assignmentId, 'journal.read', saveReads(actor, input));
  if (!loaded) throw outOfScope();
  const { extra, ...assignment } = loaded;
  const access = await editAccess(db, actor, assignment);
  if (!access.canEdit) throw forbidden(access.reason ?? MESSAGES.forbidden);

  // Read without locks: the version check in the write refuses anything changed since this read.
  const repeated = (extra.previousBatch as number | null) ?? null;
  if (repeated !== null) return answerOfBatch(db, assignment.institutionId, repeated, input);
  const roster = rosterFromRows(
    parsed<[number, string, string, string | null, string, string | null][]>(extra.roster).map(
      ([id, lastName, firstName, middleName, from, to]) => ({ id, lastName, firstName, middleName, from, to }),
    ),
    assignment,
  );
  const lessonRows = parsed<[number, string, number | null][]>(extra.lessons).map(([id, date, taughtBy]) => ({
    id,
    date,
    taughtBy,
  }));
  const codes = parsed<[string, string, boolean, boolean][]>(extra.codes).map(([code, label, isAbsence, isValid]) => ({
    code,
    label,
    isAbsence,
    isValid,
  }));
  const currentAtt = await readAttestation(db, assignment, input.attestation);
  const validated = validate(assignment, input, today, roster, lessonRows, codes, actor, access.substitute);
  if ('errors' in validated) return { status: 'invalid', errors: validated.errors };
  const { cells, attestation } = validated;

  try {
    if (attestation.some((e) => (currentAtt.get(attKey(e))?.version ?? 0) !== e.baseVersion))
      throw new ConflictDetected();
    const changedAtt = attestation.filter((e) => (currentAtt.get(attKey(e))?.value || null) !== e.value);
    const header: BatchHeader = {
      institutionId: assignment.institutionId,
      userId: actor.userId,
      teachingAssignmentId: assignment.id,
      source: input.source,
      clientBatchId: input.clientBatchId,
      grantId: access.grant?.id ?? null,
      revertsBatchId: null,
    };
    // Cells alone are one self-checking statement, atomic by itself; attestation results add statements, so a transaction.
    if (changedAtt.length === 0) {
      if (cells.length === 0) return { status: 'saved' as const, batchId: null, cells: [], attestation: [] };
      const { batchId, cells: savedCells } = await writeCells(db, header, cells);
      return { status: 'saved' as const, batchId, cells: savedCells, attestation: [] };
    }
    return await inTransaction(db, async (tx) => {
      const { batchId, cells: savedCells } = await writeCells(tx, header, cells, { batchAlways: true });
      const savedAtt = await writeAttestation(tx, assignment, actor.userId, batchId!, changedAtt, currentAtt);
      return { status: 'saved' as const, batchId, cells: savedCells, attestation: savedAtt };
    });
  } catch (error) {
    if (!(error instanceof ConflictDetected) && !isDuplicateBatch(error)) throw error;
    // The same batch sent twice at once (two tabs handing over one outbox): the one that lost finds the winner's batch
    // — its cells then look changed by someone, or its batch row is a duplicate — and answers as the winner did.
    const [again] = await queryRows<{ id: number }>(
      db,
      sql`select id from edit_batches where institution_id = ${assignment.institutionId} and user_id = ${actor.userId}
          and client_batch_id = ${input.clientBatchId}`,
    );
    if (again) return answerOfBatch(db, assignment.institutionId, again.id, input);
    if (!(error instanceof ConflictDetected)) throw error;
    return { status: 'conflict', conflicts: await describeConflicts(db, assignment, cells, attestation) };
  }
}

export const EMPTY: CellValue = { attendance: null, grade1: null, grade2: null };
export const key = (e: { lessonId: number; studentId: number }) => `${e.lessonId}:${e.studentId}`;
export const attKey = (e: { studentId: number; field: string }) => `${e.studentId}:${e.field}`;

function validate(
  a: AssignmentContext,
  input: SaveInput,
  today: string,
  roster: RosterStudent[],
  lessonRows: { id: number; date: string; taughtBy: number | null }[],
  codes: { code: string; label: string; isAbsence: boolean; isValid: boolean }[],
  actor: Actor,
  substitute: boolean,
): { cells: CellEdit[]; attestation: AttestationEdit[] } | { errors: EditError[] } {
  const students = new Map(roster.map((s) => [s.id, s]));
  const lessonDates = new Map(lessonRows.map((l) => [l.id, l.date]));
  const taughtBy = new Map(lessonRows.map((l) => [l.id, l.taughtBy]));
  const refusalOf = (lessonId: number, date: string) =>
    lessonRefusal(actor.userId, a.teacherUserId, taughtBy.get(lessonId) ?? null, date);
  const check = cellEditChecker(codes, today);
  const columns = attestationColumns(a.attestationForm);
  const errors: EditError[] = [];
  const cells: CellEdit[] = [];
  const seen = new Set<string>();
  const fail = (e: { lessonId: number; studentId: number }, message: string) =>
    errors.push({ lessonId: e.lessonId, studentId: e.studentId, message });
  for (const e of input.cells) {
    const student = students.get(e.studentId);
    const date = lessonDates.get(e.lessonId);
    const cellKey = key(e);
    if (!student) fail(e, `Студент ${e.studentId}: его нет в списке этого журнала`);
    else if (!date) fail(e, `${student.name}: занятия ${e.lessonId} нет в этом журнале`);
    else if (seen.has(cellKey)) fail(e, `${student.name}, ${formatDayMonth(date)}: ячейка указана в пакете дважды`);
    else if (refusalOf(e.lessonId, date)) fail(e, `${student.name}: ${refusalOf(e.lessonId, date)}`);
    else {
      seen.add(cellKey);
      const checked = check({ studentName: student.name, spans: student.spans, lessonDate: date }, e.text);
      if (!checked.ok) fail(e, checked.message);
      else
        cells.push({
          lessonId: e.lessonId,
          studentId: e.studentId,
          value: checked.value,
          text: e.text,
          baseVersion: e.baseVersion,
        });
    }
  }
  const attestation: AttestationEdit[] = [];
  for (const e of input.attestation) {
    const student = students.get(e.studentId);
    const column = columns.find((c) => c.field === e.field);
    const where = `${student?.name ?? `студент ${e.studentId}`}, «${column?.header ?? e.field}»`;
    const fail = (message: string) =>
      errors.push({ studentId: e.studentId, field: e.field, message: `${where}: ${message}` });
    if (!student) fail('студента нет в списке этого журнала');
    else if (substitute) fail('аттестацию выставляет преподаватель журнала, замещающий — только отметки своих занятий');
    else if (!column) fail('в этом семестре у дисциплины нет такой формы аттестации');
    else if (seen.has(attKey(e))) fail('ячейка указана в пакете дважды');
    else {
      seen.add(attKey(e));
      const parsed = parseAttestationInput(e.field, e.text);
      if (!parsed.ok) fail(parsed.error);
      else
        attestation.push({
          studentId: e.studentId,
          field: e.field,
          value: parsed.value,
          text: e.text,
          baseVersion: e.baseVersion,
        });
    }
  }
  return errors.length ? { errors } : { cells, attestation };
}

export interface CurrentCell {
  value: CellValue;
  version: number;
}

export async function readCells(
  db: Db,
  institutionId: number,
  edits: { lessonId: number; studentId: number }[],
): Promise<Map<string, CurrentCell>> {
  const result = new Map<string, CurrentCell>();
  if (edits.length === 0) return result;
  const rows = await queryRows<{
    lesson_id: number;
    student_id: number;
    attendance: string | null;
    grade1: string | null;
    grade2: string | null;
    version: number;
  }>(
    db,
    sql`select c.lesson_id, c.student_id, c.attendance, c.grade1, c.grade2, c.version
        from unnest(${ints(edits.map((e) => e.lessonId))}::int[], ${ints(edits.map((e) => e.studentId))}::int[]) as k(lesson_id, student_id)
        join journal_cells c on c.institution_id = ${institutionId} and c.lesson_id = k.lesson_id and c.student_id = k.student_id`,
  );
  for (const r of rows) {
    result.set(`${r.lesson_id}:${r.student_id}`, {
      value: {
        attendance: r.attendance,
        grade1: r.grade1,
        grade2: r.grade2,
      },
      version: r.version,
    });
  }
  return result;
}

export async function readAttestation(
  db: Db,
  a: { institutionId: number; id: number },
  edits: { studentId: number; field: string }[],
): Promise<Map<string, { value: string; version: number }>> {
  const result = new Map<string, { value: string; version: number }>();
  if (edits.length === 0) return result;
  const rows = await queryRows<{ student_id: number; field: string; value: string; version: number }>(
    db,
    sql`select student_id, field, value, version from attestation_results
        where institution_id = ${a.institutionId} and teaching_assignment_id = ${a.id}`,
  );
  for (const r of rows) result.set(`${r.student_id}:${r.field}`, { value: r.value, version: r.version });
  return result;
}

export async function writeAttestation(
  db: Db,
  a: AssignmentContext,
  userId: number,
  batchId: number,
  edits: AttestationEdit[],
  current: Map<string, { value: string; version: number }>,
): Promise<SavedAttestation[]> {
  const saved: SavedAttestation[] = [];
  for (const e of edits) {
    const before = current.get(attKey(e));
    const version = e.baseVersion + 1;
    // A cleared result keeps its row with an empty value, so that its version goes on counting.
    const written = await queryRows<{ version: number }>(
      db,
      sql`insert into attestation_results as r (institution_id, teaching_assignment_id, student_id, field, value, version, updated_by)
          values (${a.institutionId}, ${a.id}, ${e.studentId}, ${e.field}, ${e.value ?? ''}, ${version}, ${userId})
          on conflict (institution_id, teaching_assignment_id, student_id, field) do update
            set value = excluded.value, version = excluded.version, updated_by = excluded.updated_by, updated_at = now()
            where r.version = excluded.version - 1
          returning r.version`,
    );
    if (written.length !== 1) throw new ConflictDetected();
    await db.execute(
      sql`insert into change_log (institution_id, batch_id, entity, student_id, field, before, after, user_id)
          values (${a.institutionId}, ${batchId}, 'attestation', ${e.studentId}, ${e.field},
            ${before ? JSON.stringify({ value: before.value || null, version: before.version }) : null}::jsonb,
            ${JSON.stringify({ value: e.value, version })}::jsonb, ${userId})`,
    );
    saved.push({ studentId: e.studentId, field: e.field, value: e.value, version });
  }
  return saved;
}

/** A unique violation in `edit_batches` (SQLSTATE 23505: its only unique key is the client's batch id), however wrapped. */
function isDuplicateBatch(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, table_name: table, message } = e as { code?: string; table_name?: string; message?: string };
    if (code === '23505' && (table === 'edit_batches' || /edit_batches/i.test(message ?? ''))) return true;
  }
  return false;
}

/**
 * The answer to a batch already applied (resent after its answer was lost: a dropped connection, the app killed),
 * read from what that batch logged: the cells it changed with the values and versions it wrote, in the order sent, and
 * its attestation results — exactly the first answer, however often the batch comes again, and never a value written
 * since by someone else (issue #26, item 8).
 */
async function answerOfBatch(
  db: Db,
  institutionId: number,
  batchId: number,
  input: SaveInput,
): Promise<Extract<SaveResult, { status: 'saved' }>> {
  const [cells, attestation] = await Promise.all([
    queryRows<SavedCell>(
      db,
      sql`select c.lesson_id as "lessonId", u.student_id as "studentId", nullif(u.a, '') as attendance,
            nullif(u.g1, '') as grade1, nullif(u.g2, '') as grade2, u.v + 1 as version
          from cell_changes c, unnest(c.student_ids, c.version_before, c.attendance_after, c.grade1_after, c.grade2_after)
            as u(student_id, v, a, g1, g2)
          where c.institution_id = ${institutionId} and c.batch_id = ${batchId}`,
    ),
    queryRows<{ studentId: number; field: string; after: { value: string | null; version: number } | string }>(
      db,
      sql`select student_id as "studentId", field, after from change_log
          where institution_id = ${institutionId} and batch_id = ${batchId} and entity = 'attestation'`,
    ),
  ]);
  const sent = new Map(input.cells.map((e, i) => [key(e), i]));
  const sentAtt = new Map(input.attestation.map((e, i) => [attKey(e), i]));
  return {
    status: 'saved',
    batchId,
    cells: cells.sort((x, y) => (sent.get(key(x)) ?? 0) - (sent.get(key(y)) ?? 0)),
    attestation: attestation
      .map((r) => {
        const after = parsed<{ value: string | null; version: number }>(r.after);
        return { studentId: r.studentId, field: r.field, value: after.value, version: after.version };
      })
      .sort((x, y) => (sentAtt.get(attKey(x)) ?? 0) - (sentAtt.get(attKey(y)) ?? 0)),
  };
}

async function describeConflicts(
  db: Db,
  a: AssignmentContext,
  cells: CellEdit[],
  attestation: AttestationEdit[],
): Promise<Conflict[]> {
  const keys = JSON.stringify(cells.map((e) => ({ lesson_id: e.lessonId, student_id: e.studentId })));
  const rows = cells.length
    ? await queryRows<{
        lesson_id: number;
        student_id: number;
        attendance: string | null;
        grade1: string | null;
        grade2: string | null;
        version: number;
        by: string | null;
        at: string;
      }>(
        db,
        sql`select c.lesson_id, c.student_id, c.attendance, c.grade1, c.grade2, c.version,
              u.last_name || ' ' || left(u.first_name, 1) || '.' as by, c.updated_at::text as at
            from json_to_recordset(${keys}::json) as k(lesson_id int, student_id int)
            join journal_cells c on c.institution_id = ${a.institutionId} and c.lesson_id = k.lesson_id and c.student_id = k.student_id
            left join users u on u.id = c.updated_by`,
      )
    : [];
  const byKey = new Map(rows.map((r) => [`${r.lesson_id}:${r.student_id}`, r]));
  const conflicts: Conflict[] = [];
  for (const e of cells) {
    const r = byKey.get(key(e));
    if ((r?.version ?? 0) === e.baseVersion) continue;
    conflicts.push({
      lessonId: e.lessonId,
      studentId: e.studentId,
      mine: formatCell(e.value),
      theirs: r
        ? formatCell({
            attendance: r.attendance,
            grade1: r.grade1,
            grade2: r.grade2,
          })
        : '',
      version: r?.version ?? 0,
      by: r?.by ?? null,
      at: r?.at ?? null,
    });
  }
  const currentAtt = await readAttestation(db, a, attestation);
  for (const e of attestation) {
    const c = currentAtt.get(attKey(e));
    if ((c?.version ?? 0) === e.baseVersion) continue;
    conflicts.push({
      studentId: e.studentId,
      field: e.field,
      mine: e.value ?? '',
      theirs: c?.value ?? '',
      version: c?.version ?? 0,
      by: null,
      at: null,
    });
  }
  return conflicts;
}
