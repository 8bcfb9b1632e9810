import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { cellChanges, changeLog, editBatches, lessons, users } from '../../../db/schema';
import { cellChanges as cellsOf } from '../../../domain/cell-log';
import { shortName } from '../../../domain/names';
import type { Actor } from '../../policy/actor';
import { loadAssignment } from './context';
import { outOfScope } from '../refusals';

export interface HistoryEntry {
  at: Date;
  by: string;
  source: string;
  batchId: number;
  before: unknown;
  after: unknown;
}

const AUTHOR = {
  lastName: users.lastName,
  firstName: users.firstName,
  middleName: users.middleName,
  source: editBatches.source,
};

/** Every change of one cell (or one attestation result) of a journal page, oldest first. */
export async function cellHistory(
  db: Db,
  actor: Actor,
  input: { assignmentId: number; studentId: number; lessonId?: number; field?: string },
): Promise<HistoryEntry[]> {
  const assignment = await loadAssignment(db, actor, input.assignmentId, 'journal.read');
  if (!assignment) throw outOfScope();
  if (input.lessonId !== undefined) {
    const [lesson] = await db
      .select({ id: lessons.id })
      .from(lessons)
      .where(
        and(
          eq(lessons.institutionId, assignment.institutionId),
          eq(lessons.id, input.lessonId),
          eq(lessons.teachingAssignmentId, assignment.id),
        ),
      );
    if (!lesson) throw outOfScope();
    const rows = await db
      .select({ ...AUTHOR, row: cellChanges })
      .from(cellChanges)
      .innerJoin(
        editBatches,
        and(eq(editBatches.institutionId, cellChanges.institutionId), eq(editBatches.id, cellChanges.batchId)),
      )
      .innerJoin(users, eq(users.id, cellChanges.userId))
      .where(
        and(
          eq(cellChanges.institutionId, assignment.institutionId),
          eq(cellChanges.lessonId, input.lessonId),
          sql`${input.studentId}::int = any(${cellChanges.studentIds})`,
        ),
      )
      .orderBy(asc(cellChanges.batchId));
    return rows.map((r) => {
      const cell = cellsOf(r.row).find((c) => c.studentId === input.studentId)!;
      return {
        at: r.row.at,
        by: shortName(r),
        source: r.source,
        batchId: r.row.batchId,
        before: cell.before,
        after: cell.after,
      };
    });
  }
  const rows = await db
    .select({
      ...AUTHOR,
      at: changeLog.at,
      batchId: changeLog.batchId,
      before: changeLog.before,
      after: changeLog.after,
    })
    .from(changeLog)
    .innerJoin(
      editBatches,
      and(eq(editBatches.institutionId, changeLog.institutionId), eq(editBatches.id, changeLog.batchId)),
    )
    .innerJoin(users, eq(users.id, changeLog.userId))
    .where(
      and(
        eq(changeLog.institutionId, assignment.institutionId),
        eq(changeLog.studentId, input.studentId),
        eq(changeLog.entity, 'attestation'),
        eq(editBatches.teachingAssignmentId, assignment.id),
        eq(changeLog.field, input.field ?? ''),
        isNull(changeLog.lessonId),
      ),
    )
    .orderBy(asc(changeLog.id));
  return rows.map((r) => ({
    at: r.at,
    by: shortName(r),
    source: r.source,
    batchId: r.batchId,
    before: r.before,
    after: r.after,
  }));
}
