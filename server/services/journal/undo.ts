/**
 * «Отменить»: reverts the actor's last batch on a journal page as a new, logged batch. A cell that somebody changed
 * after that batch is left as it is and reported.
 */
import { and, desc, eq, inArray, notExists, sql } from 'drizzle-orm';
import { inTransaction, queryRows, type Db } from '../../../db/client';
import { cellChanges, changeLog, editBatches } from '../../../db/schema';
import { cellChanges as cellsOf } from '../../../domain/cell-log';
import { alias } from 'drizzle-orm/pg-core';
import type { AttestationField } from '../../../domain/attestation';
import type { CellValue } from '../../../domain/marks';
import type { Actor } from '../../policy/actor';
import { MESSAGES } from '../../policy/messages';
import { editAccess, loadAssignment } from './context';
import { loadRoster } from './roster';
import {
  ConflictDetected,
  EMPTY,
  readAttestation,
  readCells,
  writeAttestation,
  key,
  attKey,
  type AttestationEdit,
  type CellEdit,
  type SavedAttestation,
  type SavedCell,
} from './save';
import { writeCells } from './write-cells';
import { formatDayMonth } from '../../../domain/dates';
import { CLIENT_BATCH_SOURCES } from '../../../domain/edit-batches';
import { conflict, forbidden, outOfScope } from '../refusals';

export type UndoResult =
  | { status: 'nothing' }
  | {
      status: 'undone';
      batchId: number | null;
      revertedBatchId: number;
      cells: SavedCell[];
      attestation: SavedAttestation[];
      refused: string[];
    };

const UNDOABLE: readonly string[] = CLIENT_BATCH_SOURCES;

export async function undoLastBatch(db: Db, actor: Actor, assignmentId: number): Promise<UndoResult> {
  const assignment = await loadAssignment(db, actor, assignmentId, 'journal.read');
  if (!assignment) throw outOfScope();
  const access = await editAccess(db, actor, assignment);
  if (!access.canEdit) throw forbidden(access.reason ?? MESSAGES.forbidden);
  const undo = alias(editBatches, 'undo');
  const [last] = await db
    .select({ id: editBatches.id })
    .from(editBatches)
    .where(
      and(
        eq(editBatches.institutionId, assignment.institutionId),
        eq(editBatches.teachingAssignmentId, assignment.id),
        eq(editBatches.userId, actor.userId),
        inArray(editBatches.source, UNDOABLE),
        notExists(
          db
            .select({ one: sql`1` })
            .from(undo)
            .where(and(eq(undo.institutionId, editBatches.institutionId), eq(undo.revertsBatchId, editBatches.id))),
        ),
      ),
    )
    .orderBy(desc(editBatches.id))
    .limit(1);
  if (!last) return { status: 'nothing' };
  const attEntries = (
    await db
      .select()
      .from(changeLog)
      .where(
        and(
          eq(changeLog.institutionId, assignment.institutionId),
          eq(changeLog.batchId, last.id),
          eq(changeLog.entity, 'attestation'),
        ),
      )
  ).filter((e) => e.studentId !== null && e.field);
  const cellEntries = (
    await db
      .select()
      .from(cellChanges)
      .where(and(eq(cellChanges.institutionId, assignment.institutionId), eq(cellChanges.batchId, last.id)))
  ).flatMap(cellsOf);
  const roster = new Map((await loadRoster(db, assignment)).map((s) => [s.id, s.name]));
  const lessonDates = new Map(
    (
      await queryRows<{ id: number; date: string }>(
        db,
        sql`select id, date::text as date from lessons where institution_id = ${assignment.institutionId} and teaching_assignment_id = ${assignment.id}`,
      )
    ).map((l) => [l.id, formatDayMonth(l.date)]),
  );

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await inTransaction(db, async (tx) => {
        const current = await readCells(
          tx,
          assignment.institutionId,
          cellEntries.map((e) => ({ lessonId: e.lessonId, studentId: e.studentId })),
        );
        const currentAtt = await readAttestation(
          tx,
          assignment,
          attEntries.map((e) => ({ studentId: e.studentId!, field: e.field! })),
        );
        const refused: string[] = [];
        const cellEdits: CellEdit[] = [];
        for (const { lessonId, studentId, before, after } of cellEntries) {
          const now = current.get(key({ lessonId, studentId }));
          if (!after || (now?.version ?? 0) !== after.version) {
            refused.push(
              `${roster.get(studentId) ?? studentId}, ${lessonDates.get(lessonId) ?? 'занятие удалено'}: изменено после этой правки — не отменено`,
            );
            continue;
          }
          const value: CellValue = before
            ? { attendance: before.attendance, grade1: before.grade1, grade2: before.grade2 }
            : EMPTY;
          cellEdits.push({ lessonId, studentId, value, text: '', baseVersion: now!.version });
        }
        const attEdits: AttestationEdit[] = [];
        for (const e of attEntries) {
          const after = e.after as { value: string | null; version: number } | null;
          const before = e.before as { value: string | null; version: number } | null;
          const now = currentAtt.get(attKey({ studentId: e.studentId!, field: e.field! }));
          if (!after || (now?.version ?? 0) !== after.version) {
            refused.push(
              `${roster.get(e.studentId!) ?? e.studentId}, аттестация: изменено после этой правки — не отменено`,
            );
            continue;
          }
          attEdits.push({
            studentId: e.studentId!,
            field: e.field as AttestationField,
            value: before?.value ?? null,
            text: '',
            baseVersion: now!.version,
          });
        }
        let batchId: number | null = null;
        let cells: SavedCell[] = [];
        let attestation: SavedAttestation[] = [];
        if (cellEdits.length || attEdits.length) {
          const written = await writeCells(
            tx,
            {
              institutionId: assignment.institutionId,
              userId: actor.userId,
              teachingAssignmentId: assignment.id,
              source: 'undo',
              clientBatchId: null,
              grantId: access.grant?.id ?? null,
              revertsBatchId: last.id,
            },
            cellEdits,
            { batchAlways: attEdits.length > 0 },
          );
          batchId = written.batchId;
          cells = written.cells;
          if (attEdits.length)
            attestation = await writeAttestation(tx, assignment, actor.userId, written.batchId!, attEdits, currentAtt);
        }
        return { status: 'undone' as const, batchId, revertedBatchId: last.id, cells, attestation, refused };
      });
    } catch (error) {
      if (!(error instanceof ConflictDetected)) throw error; // a write raced us: read again and retry
    }
  }
  throw conflict('Журнал одновременно меняют другие пользователи — повторите отмену');
}
