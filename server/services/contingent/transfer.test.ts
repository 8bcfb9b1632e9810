import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, groupMemberships, groups, userRoles } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { demoJournalId } from '../../../test/journal-fixtures';
import { loadJournalPage } from '../journal/page';
import { readableAssignments } from '../../queries/journal';
import { previewTransfer, runTransfer } from './transfer';
import { openYear } from '../college/years';

const demo = useDemoDatabase();
const order = { orderNo: '245-к', orderDate: '2027-06-28' };

async function openNextYear() {
  return openYear(demo.database.db, demo.actors.admin, {
    name: '2027/2028',
    startsOn: '2027-09-01',
    endsOn: '2028-06-30',
    terms: [
      { name: '1 семестр 2027/2028', startsOn: '2027-09-01', endsOn: '2027-12-28' },
      { name: '2 семестр 2027/2028', startsOn: '2028-01-12', endsOn: '2028-06-30' },
    ],
  });
}

/** The demo college has no final-year group: one of 38.02.01 (2 г. 10 мес.) on its 3rd course, with a curator. */
async function addFinalYearGroup() {
  const db = demo.database.db;
  const eb21 = (await groupsByName()).get('ЭБ-21')!;
  const [eb31] = await db
    .insert(groups)
    .values({ ...eb21, id: undefined, name: 'ЭБ-31', course: 3, admissionYear: 2024 })
    .returning();
  const members = await db.select().from(groupMemberships).where(eq(groupMemberships.groupId, eb21.id)).limit(3);
  await db.insert(groupMemberships).values(
    members.map((m) => ({
      institutionId: m.institutionId,
      studentId: m.studentId,
      groupId: eb31!.id,
      fromDate: '2024-09-01',
      toDate: '2025-06-30',
      reason: 'зачисление',
    })),
  );
  await db.insert(groupMemberships).values({
    institutionId: eb21.institutionId,
    studentId: members[0]!.studentId,
    groupId: eb31!.id,
    fromDate: '2025-07-01',
    reason: 'восстановление',
  });
  await db.insert(userRoles).values({
    institutionId: eb21.institutionId,
    userId: demo.actors.teacher.userId,
    role: 'curator',
    groupId: eb31!.id,
  });
  return eb31!;
}

const groupsByName = async () => new Map((await demo.database.db.select().from(groups)).map((g) => [g.name, g]));
const allGroups = async () => demo.database.db.select().from(groups);

describe('transfer from course to course', () => {
  let targetYearId = 0;

  it('previews: every group moves on, the final course of a 2 г. 10 мес. programme graduates', async () => {
    targetYearId = (await openNextYear()).id;
    await addFinalYearGroup();
    const preview = await previewTransfer(demo.database.db, demo.actors.admin, { targetYearId });
    expect(preview.fromYear.name).toBe('2026/2027');
    expect(preview.effectiveOn).toBe('2027-09-01');
    const byName = Object.fromEntries(preview.rows.map((r) => [r.name, r]));
    expect(byName['ИС-21']).toMatchObject({ action: 'transfer', newName: 'ИС-31', newCourse: 3, problem: null });
    expect(byName['ИС-31']).toMatchObject({ action: 'transfer', newName: 'ИС-41', newCourse: 4 });
    expect(byName['ЭБ-21']).toMatchObject({ action: 'transfer', newName: 'ЭБ-31', newCourse: 3, problem: null });
    expect(byName['ЭБ-31']).toMatchObject({ action: 'graduate', newName: null, newCourse: null, students: 1 });
    expect(byName['ИС-21']!.students).toBeGreaterThan(15);
    expect(preview.rows).toHaveLength(7);
  });

  it('is one transaction: a failure at its last step leaves every group as it was', async () => {
    const before = await groupsByName();
    const ghost = { ...demo.actors.admin, userId: 999_999 }; // the log row at the end cannot be written for this user
    await expect(runTransfer(demo.database.db, ghost, { targetYearId, ...order })).rejects.toThrow();
    expect(await groupsByName()).toEqual(before);
  });

  it('refuses a clash of names and an order dated after the year starts, saving nothing', async () => {
    const db = demo.database.db;
    const is21 = (await groupsByName()).get('ИС-21')!;
    const [clash] = await db
      .insert(groups)
      .values({
        ...is21,
        id: undefined,
        name: 'ИС-31',
        course: 1,
        admissionYear: is21.admissionYear,
        curatorUserId: null,
      })
      .returning();
    const preview = await previewTransfer(db, demo.actors.admin, { targetYearId });
    expect(preview.rows.find((r) => r.name === 'ИС-21')!.problem).toContain('Группа ИС-31 набора 2025 г. уже есть');
    await expect(runTransfer(db, demo.actors.admin, { targetYearId, ...order })).rejects.toThrow(
      'Группа ИС-21: Группа ИС-31 набора 2025 г. уже есть',
    );
    await db.delete(groups).where(and(eq(groups.institutionId, clash!.institutionId), eq(groups.id, clash!.id)));
    await expect(
      runTransfer(db, demo.actors.admin, { targetYearId, ...order, orderDate: '2027-09-15' }),
    ).rejects.toThrow('Дата приказа: 15.09.2027 позже начала учебного года 01.09.2027');
    expect((await groupsByName()).get('ИС-21')!.course).toBe(2);
  });

  it('moves the groups, graduates the final year, keeps history and last year’s journals as they were', async () => {
    const db = demo.database.db;
    const journalId = await demoJournalId(db, demo.actors.teacher);
    const pageBefore = (await loadJournalPage(db, demo.actors.admin, journalId, '2026-11-29'))!;
    const eb31 = (await groupsByName()).get('ЭБ-31')!;
    const result = await runTransfer(db, demo.actors.admin, { targetYearId, ...order });
    expect(result).toMatchObject({ transferred: 6, graduated: 1 });

    const after = new Map((await allGroups()).map((g) => [g.graduatedOn ? `${g.name} (выпуск)` : g.name, g]));
    expect(after.get('ИС-31')).toMatchObject({ course: 3, admissionYear: 2025 });
    expect(after.get('ИС-41')).toMatchObject({ course: 4, admissionYear: 2024 });
    expect(after.get('ИС-21')).toMatchObject({ course: 2, admissionYear: 2026 });
    expect(after.get('ЭБ-31')).toMatchObject({ graduatedOn: null, course: 3, admissionYear: 2025 });
    const graduated = after.get('ЭБ-31 (выпуск)')!;
    expect(graduated).toMatchObject({ name: 'ЭБ-31', graduatedOn: '2027-08-31', course: 3, admissionYear: 2024 });

    // The current year's journal of the group reads as before: the old name, the same form of attestation, same cells.
    const pageAfter = (await loadJournalPage(db, demo.actors.admin, journalId, '2026-11-29'))!;
    expect(pageAfter.assignment.groupName).toBe('ИС-21');
    expect(pageAfter.assignment).toEqual(pageBefore.assignment);
    expect(pageAfter.cells).toEqual(pageBefore.cells);
    const list = await readableAssignments(db, demo.actors.teacher, {}, '2026-11-29');
    expect(list.some((a) => a.groupName === 'ИС-21')).toBe(true);

    // Graduates: memberships closed by the order, the curator's role ended.
    const members = await db.select().from(groupMemberships).where(eq(groupMemberships.groupId, eb31.id));
    expect(members.filter((m) => m.toDate === null)).toEqual([]);
    expect(
      members
        .filter((m) => m.endReason === 'выпуск')
        .every((m) => m.endOrderNo === '245-к' && m.toDate === '2027-08-31'),
    ).toBe(true);
    expect(members.filter((m) => m.endReason === 'выпуск')).toHaveLength(1);
    expect(members.filter((m) => m.toDate === '2025-06-30' && m.endReason === null)).toHaveLength(3);
    expect(
      await db
        .select()
        .from(userRoles)
        .where(and(eq(userRoles.role, 'curator'), eq(userRoles.groupId, eb31.id))),
    ).toEqual([]);

    const [log] = await db.select().from(changeLog).where(eq(changeLog.entity, 'transfer'));
    expect(log!.after).toMatchObject({
      orderNo: '245-к',
      groups: expect.arrayContaining([expect.objectContaining({ from: 'ИС-21', to: 'ИС-31', action: 'transfer' })]),
    });
  });

  it('does not move a group twice', async () => {
    const preview = await previewTransfer(demo.database.db, demo.actors.admin, { targetYearId });
    expect(preview.rows).toEqual([]);
    expect(preview.alreadyMoved.map((g) => g.name).sort()).toEqual([
      'ИС-21',
      'ИС-31',
      'ИС-41',
      'ПНК-21',
      'ТО-31',
      'ЭБ-31',
    ]);
    await expect(runTransfer(demo.database.db, demo.actors.admin, { targetYearId, ...order })).rejects.toThrow(
      'переводить нечего',
    );
  });
});
