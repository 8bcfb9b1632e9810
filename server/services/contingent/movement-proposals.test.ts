import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groupMemberships, groups } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { decideProposal, listProposals, proposeMovement } from './movement-proposals';

const demo = useDemoDatabase();
const curatorGroup = () => demo.actors.curator.grants.find((g) => g.role === 'curator')!.groupId!;
const members = async (groupId: number) =>
  demo.database.db
    .select()
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), isNull(groupMemberships.toDate)));

describe('the curator proposes, the administrator orders', () => {
  it('carries out a proposal by an order in one transaction; the curator sees it done', async () => {
    const db = demo.database.db;
    const [first] = await members(curatorGroup());
    const { proposalId } = await proposeMovement(db, demo.actors.curator, {
      studentId: first!.studentId,
      kind: 'leave',
      effectiveOn: '2027-01-15',
      reason: 'Заявление студента, справка о болезни',
    });
    await expect(
      proposeMovement(db, demo.actors.curator, {
        studentId: first!.studentId,
        kind: 'expel',
        effectiveOn: '2027-01-15',
        reason: 'Второе предложение',
      }),
    ).rejects.toThrow('предложение уже ждёт решения');
    const pending = await listProposals(db, demo.actors.admin);
    expect(pending[0]).toMatchObject({
      id: proposalId,
      status: 'pending',
      kindLabel: 'академический отпуск',
      currentGroup: 'ИС-21',
      proposedBy: 'Морозова О. С.',
    });

    await decideProposal(db, demo.actors.admin, {
      action: 'execute',
      proposalId,
      orderNo: '12-к',
      orderDate: '2027-01-12',
    });
    const [ended] = await db
      .select()
      .from(groupMemberships)
      .where(and(eq(groupMemberships.studentId, first!.studentId), eq(groupMemberships.toDate, '2027-01-14')));
    expect(ended).toMatchObject({ endReason: 'академический отпуск', endOrderNo: '12-к' });
    expect((await listProposals(db, demo.actors.curator)).find((p) => p.id === proposalId)).toMatchObject({
      status: 'done',
      decisionNote: 'Приказ № 12-к',
    });
    await expect(
      decideProposal(db, demo.actors.admin, { action: 'reject', proposalId, note: 'поздно' }),
    ).rejects.toThrow('уже рассмотрено');
  });

  it('a proposal that cannot be carried out stays pending; a rejected one keeps its note', async () => {
    const db = demo.database.db;
    const [, second, third] = await members(curatorGroup());
    const [is31] = await db.select().from(groups).where(eq(groups.name, 'ИС-31'));
    // Marks after 01.10.2026 would fall outside the group: the move is refused and nothing changes.
    const { proposalId } = await proposeMovement(db, demo.actors.curator, {
      studentId: second!.studentId,
      kind: 'move',
      toGroupId: is31!.id,
      effectiveOn: '2026-10-01',
      reason: 'Перевод по заявлению',
    });
    await expect(
      decideProposal(db, demo.actors.admin, {
        action: 'execute',
        proposalId,
        orderNo: '13-к',
        orderDate: '2026-09-28',
      }),
    ).rejects.toThrow('у студента есть отметки');
    expect((await listProposals(db, demo.actors.admin)).find((p) => p.id === proposalId)!.status).toBe('pending');
    await decideProposal(db, demo.actors.admin, {
      action: 'reject',
      proposalId,
      note: 'Дата раньше последних отметок',
    });
    expect((await listProposals(db, demo.actors.curator)).find((p) => p.id === proposalId)).toMatchObject({
      status: 'rejected',
      decisionNote: 'Дата раньше последних отметок',
    });
    await expect(
      proposeMovement(db, demo.actors.curator, {
        studentId: third!.studentId,
        kind: 'move',
        effectiveOn: '2027-01-15',
        reason: 'Без группы',
      }),
    ).rejects.toThrow('выберите, в какую группу');
  });

  it('a curator proposes for the own group only', async () => {
    const db = demo.database.db;
    const [other] = await db.select().from(groups).where(eq(groups.name, 'ИС-31'));
    const [stranger] = await members(other!.id);
    await expect(
      proposeMovement(db, demo.actors.curator, {
        studentId: stranger!.studentId,
        kind: 'leave',
        effectiveOn: '2027-01-15',
        reason: 'Чужой студент',
      }),
    ).rejects.toThrow('Нет доступа');
  });
});
