import { TRPCError } from '@trpc/server';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { changeLog, editBatches, lessons, users } from '../../../db/schema';
import { logRowCells } from '../../../domain/cell-log';
import { shortName } from '../../../domain/names';
import type { Actor } from '../../policy/actor';
import { MESSAGES } from '../../policy/messages';
import { loadAssignment } from './context';

export interface HistoryEntry {
  at: Date;
  by: string;
  source: string;
  batchId: number;
  before: unknown;
  after: unknown;
}

/** Every change of one cell (or one attestation result) of a journal page, oldest first. */
export async function cellHistory(
  db: Db,
  actor: Actor,
  input: { assignmentId: number; studentId: number; lessonId?: number; field?: string },
): Promise<HistoryEntry[]> {
  const assignment = await loadAssignment(db, actor, input.assignmentId, 'journal.read');
  if (!assignment) throw new TRPCError({ code: 'FORBIDDEN', message: MESSAGES.outOfScope });
  if (input.lessonId !== undefined) {
    const [lesson] = await db
      .select({ id: lessons.id })
      .from(lessons)
      .where(and(eq(lessons.institutionId, assignment.institutionId), eq(lessons.id, input.lessonId), eq(lessons.teachingAssignmentId, assignment.id)));
    if (!lesson) throw new TRPCError({ code: 'FORBIDDEN', message: MESSAGES.outOfScope });
  }
  const rows = await db
    .select({
      at: changeLog.at,
      lastName: users.lastName,
      firstName: users.firstName,
      middleName: users.middleName,
      source: editBatches.source,
      entity: changeLog.entity,
      lessonId: changeLog.lessonId,
      studentId: changeLog.studentId,
      batchId: changeLog.batchId,
      before: changeLog.before,
      after: changeLog.after,
    })
    .from(changeLog)
    .innerJoin(editBatches, and(eq(editBatches.institutionId, changeLog.institutionId), eq(editBatches.id, changeLog.batchId)))
    .innerJoin(users, eq(users.id, changeLog.userId))
    .where(
      and(
        eq(changeLog.institutionId, assignment.institutionId),
        input.lessonId !== undefined
          ? and(
              eq(changeLog.lessonId, input.lessonId),
              or(
                and(eq(changeLog.entity, 'cell'), eq(changeLog.studentId, input.studentId)),
                // A row per lesson: the student is among its cells.
                and(eq(changeLog.entity, 'cells'), sql`${changeLog.after}->'s' @> ${JSON.stringify([input.studentId])}::jsonb`),
              ),
            )
          : and(
              eq(changeLog.studentId, input.studentId),
              eq(changeLog.entity, 'attestation'),
              eq(editBatches.teachingAssignmentId, assignment.id),
              eq(changeLog.field, input.field ?? ''),
              isNull(changeLog.lessonId),
            ),
      ),
    )
    .orderBy(asc(changeLog.id));
  return rows.map((r) => {
    const cell = r.entity === 'attestation' ? undefined : logRowCells(r).find((c) => c.studentId === input.studentId);
    return {
      at: r.at,
      by: shortName({ lastName: r.lastName, firstName: r.firstName, middleName: r.middleName }),
      source: r.source,
      batchId: r.batchId,
      before: cell ? cell.before : r.before,
      after: cell ? cell.after : r.after,
    };
  });
}
