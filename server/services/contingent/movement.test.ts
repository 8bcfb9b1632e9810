import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, groupMemberships, groups, students, teachingAssignments } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { demoJournalId } from '../../../test/journal-fixtures';
import { studentCard } from '../../queries/student-card';
import { loadJournalPage } from '../journal/page';
import { enrolInput, enrolStudent, movementInput, moveStudent } from './movement';

const demo = useDemoDatabase();
const order = { orderNo: '301-к', orderDate: '2026-11-30' };

async function groupId(name: string) {
  return (await demo.database.db.select({ id: groups.id }).from(groups).where(eq(groups.name, name)))[0]!.id;
}

async function journalOf(group: string) {
  const [row] = await demo.database.db
    .select({ id: teachingAssignments.id })
    .from(teachingAssignments)
    .where(
      and(
        eq(teachingAssignments.groupId, await groupId(group)),
        eq(teachingAssignments.termId, 1),
        isNull(teachingAssignments.subgroupId),
      ),
    )
    .limit(1);
  return row!.id;
}

describe('contingent movement by order', () => {
  it('moves a student to another group: each journal shows the dates in its group only', async () => {
    const db = demo.database.db;
    const journal = await demoJournalId(db, demo.actors.teacher);
    const page = (await loadJournalPage(db, demo.actors.admin, journal, '2026-11-29'))!;
    const student = page.students.find((s) => s.spans.length === 1 && s.spans[0]!.to === null)!;
    const is31 = await groupId('ИС-31');
    await expect(
      moveStudent(db, demo.actors.admin, {
        kind: 'move',
        studentId: student.id,
        toGroupId: is31,
        effectiveOn: '2026-11-02',
        ...order,
      }),
    ).rejects.toThrow(
      /с 02\.11\.2026 у студента есть отметки в журналах группы ИС-21 \(\d+ отмет(ка|ки|ок), последняя \d\d\.11\.2026\)/,
    );
    await moveStudent(db, demo.actors.admin, {
      kind: 'move',
      studentId: student.id,
      toGroupId: is31,
      effectiveOn: '2026-12-01',
      ...order,
    });

    const after = (await loadJournalPage(db, demo.actors.admin, journal, '2026-11-29'))!;
    expect(after.students.find((s) => s.id === student.id)!.spans).toEqual([{ from: '2026-09-01', to: '2026-11-30' }]);
    const other = (await loadJournalPage(db, demo.actors.admin, await journalOf('ИС-31'), '2026-11-29'))!;
    expect(other.students.find((s) => s.id === student.id)!.spans).toEqual([{ from: '2026-12-01', to: null }]);
    const card = (await studentCard(db, demo.actors.admin, student.id, 'staff'))!;
    expect(card.history.map((h) => [h.group, h.from, h.to, h.endReason])).toEqual([
      ['ИС-21', expect.any(String), '2026-11-30', 'перевод в группу ИС-31'],
      ['ИС-31', '2026-12-01', null, null],
    ]);
  });

  it('academic leave, then reinstatement not before the leave began; expulsion with its ground; all logged', async () => {
    const db = demo.database.db;
    const is21 = await groupId('ИС-21');
    const members = await db
      .select()
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, is21), isNull(groupMemberships.toDate)));
    const [a, b] = [members[3]!.studentId, members[4]!.studentId];
    await moveStudent(db, demo.actors.admin, { kind: 'leave', studentId: a, effectiveOn: '2026-12-10', ...order });
    await expect(
      moveStudent(db, demo.actors.admin, { kind: 'leave', studentId: a, effectiveOn: '2026-12-20', ...order }),
    ).rejects.toThrow('не числится ни в одной группе');
    await expect(
      moveStudent(db, demo.actors.admin, {
        kind: 'reinstate',
        studentId: a,
        toGroupId: is21,
        effectiveOn: '2026-12-05',
        ...order,
      }),
    ).rejects.toThrow('восстановить можно с 10.12.2026');
    await moveStudent(db, demo.actors.admin, {
      kind: 'reinstate',
      studentId: a,
      toGroupId: is21,
      effectiveOn: '2027-02-01',
      ...order,
    });
    await expect(
      moveStudent(db, demo.actors.admin, {
        kind: 'reinstate',
        studentId: a,
        toGroupId: is21,
        effectiveOn: '2027-03-01',
        ...order,
      }),
    ).rejects.toThrow('уже числится в группе ИС-21');
    const spans = await db.select().from(groupMemberships).where(eq(groupMemberships.studentId, a));
    expect(spans.map((s) => [s.toDate, s.endReason ?? s.reason]).sort()).toEqual(
      [
        ['2026-12-09', 'академический отпуск'],
        [null, 'восстановление'],
      ].sort(),
    );

    const noGround = movementInput.safeParse({
      kind: 'expel',
      studentId: b,
      reason: '',
      effectiveOn: '2026-12-15',
      ...order,
    });
    expect(noGround.error?.issues[0]?.message).toBe('Основание отчисления: укажите');
    await moveStudent(db, demo.actors.admin, {
      kind: 'expel',
      studentId: b,
      reason: 'по собственному желанию',
      effectiveOn: '2026-12-15',
      ...order,
    });
    const [expelled] = await db
      .select()
      .from(groupMemberships)
      .where(and(eq(groupMemberships.studentId, b), eq(groupMemberships.toDate, '2026-12-14')));
    expect(expelled).toMatchObject({ endReason: 'отчисление: по собственному желанию', endOrderNo: '301-к' });
    const log = await db.select().from(changeLog).where(eq(changeLog.entity, 'movement'));
    expect(log.length).toBeGreaterThanOrEqual(4);
  });

  it('enrols a new student by order from a date', async () => {
    const db = demo.database.db;
    const is11 = await groupId('ИС-11');
    const { studentId } = await enrolStudent(db, demo.actors.admin, {
      groupId: is11,
      lastName: 'Новикова',
      firstName: 'Дарья',
      middleName: 'Игоревна',
      birthDate: '2010-03-14',
      recordBookNo: '26-999',
      effectiveOn: '2026-12-01',
      ...order,
    });
    const page = (await loadJournalPage(db, demo.actors.admin, await journalOf('ИС-11'), '2026-11-29'))!;
    expect(page.students.find((s) => s.id === studentId)).toMatchObject({
      name: 'Новикова Д. И.',
      spans: [{ from: '2026-12-01', to: null }],
    });
    await expect(
      enrolStudent(db, demo.actors.admin, {
        groupId: is11,
        lastName: 'Дубль',
        firstName: 'Дубль',
        recordBookNo: '26-999',
        effectiveOn: '2026-12-01',
        ...order,
      }),
    ).rejects.toThrow('№ зачётной книжки: 26-999 уже выдан другому студенту');
    // The same student again, ё or not, any case: refused; a namesake with another birth date is somebody else.
    const enrolAgain = (lastName: string, firstName: string, middleName: string, birthDate: string) =>
      enrolStudent(
        db,
        demo.actors.admin,
        enrolInput.parse({
          groupId: is11,
          lastName,
          firstName,
          middleName,
          birthDate,
          effectiveOn: '2026-12-02',
          ...order,
        }),
      );
    await expect(enrolAgain('НОВИКОВА', 'ДАРЬЯ', 'ИГОРЕВНА', '2010-03-14')).rejects.toThrow(
      'НОВИКОВА ДАРЬЯ ИГОРЕВНА: уже в группе ИС-11',
    );
    await expect(enrolAgain('Новикова', 'Дарья', ' Игоревна ', '2010-03-14')).rejects.toThrow('уже в группе ИС-11');
    await enrolAgain('Новикова', 'Дарья', 'Игоревна', '2009-05-01');
    const { studentId: doubleName } = await enrolAgain('Римская\u2011Корсакова', 'Дарья', 'Игоревна', '2009-05-01');
    const [saved] = await db.select().from(students).where(eq(students.id, doubleName));
    expect(saved!.lastName).toBe('Римская-Корсакова');
  });
});
