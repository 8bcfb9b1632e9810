/**
 * The curator proposes, the administrator orders (regulation §5.5): a curator proposes a movement of a student of the
 * own group (transfer, leave, expulsion, reinstatement) with a reason; the administrator carries it out by an order —
 * the movement and the proposal's status change in one transaction — or rejects it with a note.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { groups, movementProposals, students, users } from '../../../db/schema';
import { MOVEMENT_KINDS, MOVEMENT_LABELS, type MovementKind } from '../../../domain/movement-kinds';
import { fullName, shortName } from '../../../domain/names';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/actor';
import { institutionsFor, studentScope } from '../../policy/scope';
import { logAdminChange } from '../admin-log';
import { moveStudent } from './movement';
import { badInput, outOfScope } from '../refusals';
import { idSchema as id, isoDateSchema } from '../../../domain/ids';

export const proposeInput = z.object({
  studentId: id,
  kind: z.enum(MOVEMENT_KINDS),
  toGroupId: id.optional(),
  effectiveOn: isoDateSchema('С какой даты'),
  reason: z.string().trim().min(5, 'Основание: опишите (не короче 5 знаков)').max(500),
});

export const decideInput = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('execute'),
    proposalId: id,
    orderNo: z.string().trim().min(1, 'Номер приказа: заполните').max(50),
    orderDate: isoDateSchema('Дата приказа'),
  }),
  z.object({
    action: z.literal('reject'),
    proposalId: id,
    note: z.string().trim().min(3, 'Причина отказа: укажите').max(500),
  }),
]);

export async function proposeMovement(db: Db, actor: Actor, input: z.infer<typeof proposeInput>) {
  const [student] = await db
    .select()
    .from(students)
    .where(and(eq(students.id, input.studentId), studentScope(actor, 'contingent.propose')));
  if (!student) throw outOfScope();
  if ((input.kind === 'move' || input.kind === 'reinstate') && input.toGroupId === undefined)
    throw badInput('Группа: выберите, в какую группу');
  if (input.toGroupId !== undefined) {
    const [group] = await db
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.institutionId, student.institutionId), eq(groups.id, input.toGroupId)));
    if (!group) throw badInput('Группа: нет такой группы в колледже');
  }
  const [pending] = await db
    .select({ id: movementProposals.id })
    .from(movementProposals)
    .where(
      and(
        eq(movementProposals.institutionId, student.institutionId),
        eq(movementProposals.studentId, student.id),
        eq(movementProposals.status, 'pending'),
      ),
    );
  if (pending) throw badInput(`${fullName(student)}: предложение уже ждёт решения администратора`);
  const proposal = {
    studentId: student.id,
    kind: input.kind,
    toGroupId: input.kind === 'move' || input.kind === 'reinstate' ? input.toGroupId! : null,
    effectiveOn: input.effectiveOn,
    reason: input.reason,
  };
  return inTransaction(db, async (tx) => {
    const [created] = await tx
      .insert(movementProposals)
      .values({ institutionId: student.institutionId, ...proposal, proposedBy: actor.userId })
      .returning({ id: movementProposals.id });
    await logAdminChange(
      tx,
      actor,
      student.institutionId,
      'movement-proposal',
      null,
      { proposalId: created!.id, status: 'pending', ...proposal },
      input.reason,
    );
    return { proposalId: created!.id };
  });
}

/** The administrator: every proposal of the institution, pending first; a curator: the own ones. */
export async function listProposals(db: Db, actor: Actor) {
  const manage = can(actor, 'contingent.manage');
  const institutionIds = institutionsFor(actor, manage ? 'contingent.manage' : 'contingent.propose');
  if (institutionIds.length === 0) return [];
  const proposer = alias(users, 'proposer');
  const target = alias(groups, 'target');
  const rows = await db
    .select({
      p: movementProposals,
      student: { lastName: students.lastName, firstName: students.firstName, middleName: students.middleName },
      proposer: { lastName: proposer.lastName, firstName: proposer.firstName, middleName: proposer.middleName },
      toGroup: target.name,
      currentGroup: sql<
        string | null
      >`(select g.name from group_memberships m join groups g on g.institution_id = m.institution_id and g.id = m.group_id
        where m.institution_id = ${movementProposals.institutionId} and m.student_id = ${movementProposals.studentId} and m.to_date is null limit 1)`,
    })
    .from(movementProposals)
    .innerJoin(
      students,
      and(eq(students.institutionId, movementProposals.institutionId), eq(students.id, movementProposals.studentId)),
    )
    .innerJoin(proposer, eq(proposer.id, movementProposals.proposedBy))
    .leftJoin(
      target,
      and(eq(target.institutionId, movementProposals.institutionId), eq(target.id, movementProposals.toGroupId)),
    )
    .where(
      and(
        inArray(movementProposals.institutionId, institutionIds),
        manage ? undefined : eq(movementProposals.proposedBy, actor.userId),
      ),
    )
    .orderBy(sql`${movementProposals.status} = 'pending' desc`, desc(movementProposals.proposedAt))
    .limit(200);
  return rows.map((r) => ({
    id: r.p.id,
    studentId: r.p.studentId,
    student: fullName(r.student),
    currentGroup: r.currentGroup,
    kind: r.p.kind as MovementKind,
    kindLabel: MOVEMENT_LABELS[r.p.kind as MovementKind],
    toGroup: r.toGroup,
    effectiveOn: r.p.effectiveOn,
    reason: r.p.reason,
    proposedBy: shortName(r.proposer),
    proposedAt: r.p.proposedAt,
    status: r.p.status,
    decisionNote: r.p.decisionNote,
  }));
}

export async function decideProposal(db: Db, actor: Actor, input: z.infer<typeof decideInput>) {
  const institutionIds = institutionsFor(actor, 'contingent.manage');
  const [proposal] = await db
    .select()
    .from(movementProposals)
    .where(
      and(
        eq(movementProposals.id, input.proposalId),
        inArray(movementProposals.institutionId, institutionIds.length ? institutionIds : [-1]),
      ),
    );
  if (!proposal) throw outOfScope();
  if (proposal.status !== 'pending') throw badInput('Предложение уже рассмотрено');
  return inTransaction(db, async (tx) => {
    if (input.action === 'execute') {
      const order = {
        studentId: proposal.studentId,
        effectiveOn: proposal.effectiveOn,
        orderNo: input.orderNo,
        orderDate: input.orderDate,
      };
      if (proposal.kind === 'move' || proposal.kind === 'reinstate')
        await moveStudent(tx, actor, { kind: proposal.kind, toGroupId: proposal.toGroupId!, ...order });
      else if (proposal.kind === 'expel')
        await moveStudent(tx, actor, { kind: 'expel', reason: proposal.reason, ...order });
      else await moveStudent(tx, actor, { kind: 'leave', ...order });
    }
    await tx
      .update(movementProposals)
      .set({
        status: input.action === 'execute' ? 'done' : 'rejected',
        decidedBy: actor.userId,
        decidedAt: new Date(),
        decisionNote: input.action === 'reject' ? input.note : `Приказ № ${input.orderNo}`,
      })
      .where(and(eq(movementProposals.institutionId, proposal.institutionId), eq(movementProposals.id, proposal.id)));
    if (input.action === 'reject') {
      await logAdminChange(
        tx,
        actor,
        proposal.institutionId,
        'movement-proposal',
        { proposalId: proposal.id, status: 'pending' },
        { proposalId: proposal.id, status: 'rejected' },
        input.note,
      );
    }
    return { status: input.action === 'execute' ? ('done' as const) : ('rejected' as const) };
  });
}

/** Current groups of the actor's college, by name only (no people): where a student may be moved to. */
export async function groupChoices(db: Db, actor: Actor) {
  const institutionIds = institutionsFor(actor, 'contingent.proposals');
  if (institutionIds.length === 0) return [];
  return db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(inArray(groups.institutionId, institutionIds), sql`${groups.graduatedOn} is null`))
    .orderBy(groups.name);
}
