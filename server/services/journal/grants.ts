/** Temporary permission to edit one journal in a closed term or year: given by a head of department or an administrator. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { changeLog, editBatches, journalEditGrants, users } from '../../../db/schema';
import { shortName } from '../../../domain/names';
import type { Actor } from '../../policy/actor';
import { loadAssignment } from './context';
import { idSchema } from '../../../domain/ids';
import { badInput, forbidden, outOfScope } from '../refusals';

export const grantInput = z.object({
  assignmentId: idSchema,
  hours: z.number().int().min(1, 'Срок: от 1 до 168 часов').max(168, 'Срок: от 1 до 168 часов'),
  reason: z
    .string()
    .trim()
    .min(5, 'Причина: опишите причину (не короче 5 символов)')
    .max(500, 'Причина: не длиннее 500 символов'),
});

export async function grantEdit(db: Db, actor: Actor, input: z.infer<typeof grantInput>, now = new Date()) {
  const assignment = await loadAssignment(db, actor, input.assignmentId, 'journal.unlock');
  if (!assignment) throw outOfScope();
  // Only the page's teacher edits a journal: the grant is always made out to them.
  const userId = assignment.teacherUserId;
  if (userId === null) throw badInput('У журнала нет преподавателя: сначала назначьте его в нагрузке');
  // A closed year is the archive: only an administrator opens its journals (regulation §5.2).
  if (
    assignment.yearClosed &&
    !actor.grants.some((g) => g.role === 'admin' && g.institutionId === assignment.institutionId)
  ) {
    throw forbidden('Учебный год закрыт: журнал архива открывает для исправлений только администратор');
  }
  const validUntil = new Date(now.getTime() + input.hours * 3600_000);
  return inTransaction(db, async (tx) => {
    const [grant] = await tx
      .insert(journalEditGrants)
      .values({
        institutionId: assignment.institutionId,
        teachingAssignmentId: assignment.id,
        userId,
        grantedBy: actor.userId,
        reason: input.reason,
        validUntil,
      })
      .returning();
    const [batch] = await tx
      .insert(editBatches)
      .values({
        institutionId: assignment.institutionId,
        userId: actor.userId,
        teachingAssignmentId: assignment.id,
        source: 'grant',
        grantId: grant!.id,
        reason: input.reason,
      })
      .returning({ id: editBatches.id });
    await tx.insert(changeLog).values({
      institutionId: assignment.institutionId,
      batchId: batch!.id,
      entity: 'grant',
      before: null,
      after: { grantId: grant!.id, userId, validUntil: validUntil.toISOString(), reason: input.reason },
      userId: actor.userId,
    });
    return grant!;
  });
}

export async function revokeGrant(db: Db, actor: Actor, input: { assignmentId: number; grantId: number }) {
  const assignment = await loadAssignment(db, actor, input.assignmentId, 'journal.unlock');
  if (!assignment) throw outOfScope();
  return inTransaction(db, async (tx) => {
    const [grant] = await tx
      .update(journalEditGrants)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(journalEditGrants.institutionId, assignment.institutionId),
          eq(journalEditGrants.id, input.grantId),
          eq(journalEditGrants.teachingAssignmentId, assignment.id),
          isNull(journalEditGrants.revokedAt),
        ),
      )
      .returning();
    if (!grant) throw badInput('Разрешение не найдено или уже отозвано');
    const [batch] = await tx
      .insert(editBatches)
      .values({
        institutionId: assignment.institutionId,
        userId: actor.userId,
        teachingAssignmentId: assignment.id,
        source: 'grant',
        grantId: grant.id,
        reason: 'отзыв',
      })
      .returning({ id: editBatches.id });
    await tx.insert(changeLog).values({
      institutionId: assignment.institutionId,
      batchId: batch!.id,
      entity: 'grant',
      before: { grantId: grant.id, validUntil: grant.validUntil.toISOString() },
      after: { grantId: grant.id, revoked: true },
      userId: actor.userId,
    });
    return grant;
  });
}

export async function listGrants(db: Db, actor: Actor, assignmentId: number) {
  const assignment = await loadAssignment(db, actor, assignmentId, 'journal.read');
  if (!assignment) throw outOfScope();
  const rows = await db
    .select({
      id: journalEditGrants.id,
      validUntil: journalEditGrants.validUntil,
      revokedAt: journalEditGrants.revokedAt,
      reason: journalEditGrants.reason,
      createdAt: journalEditGrants.createdAt,
      userId: journalEditGrants.userId,
      byLast: users.lastName,
      byFirst: users.firstName,
      byMiddle: users.middleName,
    })
    .from(journalEditGrants)
    .innerJoin(users, eq(users.id, journalEditGrants.grantedBy))
    .where(
      and(
        eq(journalEditGrants.institutionId, assignment.institutionId),
        eq(journalEditGrants.teachingAssignmentId, assignment.id),
      ),
    )
    .orderBy(desc(journalEditGrants.createdAt));
  return rows.map(({ byLast, byFirst, byMiddle, ...r }) => ({
    ...r,
    grantedBy: shortName({ lastName: byLast, firstName: byFirst, middleName: byMiddle }),
  }));
}
