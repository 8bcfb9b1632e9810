/**
 * Names on the next course (issue #9, item 8): a group named by its admission year keeps its name, a group named by its
 * course is renamed, the preview says which and why, and the administrator's own names replace the proposed ones.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, groups } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { previewTransfer, runTransfer } from './transfer';
import { openYear } from '../college/years';

const demo = useDemoDatabase();
const order = { orderNo: '245-к', orderDate: '2027-06-28' };
const groupsByName = async () => new Map((await demo.database.db.select().from(groups)).map((g) => [g.name, g]));

describe('group names on the next course', () => {
  let targetYearId = 0;
  const ids: Record<string, number> = {};

  it('keeps «ИС-23» (admitted 2023) on its move from the 2nd course to the 3rd, and says it is a guess', async () => {
    const db = demo.database.db;
    targetYearId = (
      await openYear(db, demo.actors.admin, {
        name: '2027/2028',
        startsOn: '2027-09-01',
        endsOn: '2028-06-30',
        terms: [
          { name: '1 семестр 2027/2028', startsOn: '2027-09-01', endsOn: '2027-12-28' },
          { name: '2 семестр 2027/2028', startsOn: '2028-01-12', endsOn: '2028-06-30' },
        ],
      })
    ).id;
    const is21 = (await groupsByName()).get('ИС-21')!;
    await db
      .insert(groups)
      .values({ ...is21, id: undefined, name: 'ИС-23', course: 2, admissionYear: 2023, curatorUserId: null });
    for (const [name, g] of await groupsByName()) ids[name] = g.id;

    const preview = await previewTransfer(db, demo.actors.admin, { targetYearId });
    const byName = Object.fromEntries(preview.rows.map((r) => [r.name, r]));
    expect(byName['ИС-23']).toMatchObject({
      action: 'transfer',
      newCourse: 3,
      proposedName: 'ИС-23',
      newName: 'ИС-23',
      nameEdited: false,
      naming: { carriesCourse: false, guess: true },
      problem: null,
    });
    expect(byName['ИС-23']!.naming!.why).toContain('набор 2023 г.');
    expect(byName['ИС-21']).toMatchObject({
      newName: 'ИС-31',
      naming: { carriesCourse: true, guess: false },
      problem: null,
    });

    // The administrator may say otherwise: the preview shows the name given.
    const edited = await previewTransfer(db, demo.actors.admin, {
      targetYearId,
      newNames: [{ groupId: ids['ИС-23']!, name: ' ИС-33 ' }],
    });
    expect(edited.rows.find((r) => r.name === 'ИС-23')).toMatchObject({
      proposedName: 'ИС-23',
      newName: 'ИС-33',
      nameEdited: true,
      problem: null,
    });
  });

  it('refuses a bad or clashing name, naming the group, and saves nothing', async () => {
    const db = demo.database.db;
    const before = await groupsByName();
    const run = (newNames: { groupId: number; name: string }[], groupIds?: number[]) =>
      runTransfer(db, demo.actors.admin, { targetYearId, ...order, newNames, groupIds });
    await expect(run([{ groupId: ids['ИС-23']!, name: '   ' }])).rejects.toThrow(
      'Группа ИС-23: Новое название: заполните',
    );
    await expect(run([{ groupId: ids['ИС-23']!, name: 'ИС-'.padEnd(31, '3') }])).rejects.toThrow(
      'Группа ИС-23: Новое название: не длиннее 30 знаков',
    );
    // Another intake's group keeps «ИС-23» in the new year.
    await expect(run([{ groupId: ids['ИС-21']!, name: 'ИС-23' }])).rejects.toThrow(
      'Группа ИС-21: Группа ИС-23 (набор 2023 г.) уже есть в 2027/2028: выберите другое название',
    );
    // ИС-31 becomes ИС-41 by the same order.
    await expect(run([{ groupId: ids['ИС-23']!, name: 'ис-41' }])).rejects.toThrow(
      'Группа ИС-23: В 2027/2028 так же будет называться группа ИС-31 (набор 2024 г.): выберите другое название',
    );
    await expect(
      run([
        { groupId: ids['ИС-21']!, name: 'ИС-31' },
        { groupId: ids['ИС-21']!, name: 'ИС-32' },
      ]),
    ).rejects.toThrow('Группа ИС-21: новое название задано дважды');
    await expect(run([{ groupId: ids['ИС-21']!, name: 'ИС-32' }], [ids['ИС-23']!])).rejects.toThrow(
      'Группа ИС-21: не переводится этим приказом',
    );
    await expect(run([{ groupId: 999_999, name: 'ИС-32' }])).rejects.toThrow(
      'Перевод: новое название задано для группы не из вашей организации',
    );
    expect(await groupsByName()).toEqual(before);
  });

  it('moves the groups: «ИС-23» keeps its name, the administrator’s name replaces the proposed one, the log says which', async () => {
    const db = demo.database.db;
    const result = await runTransfer(db, demo.actors.admin, {
      targetYearId,
      ...order,
      newNames: [{ groupId: ids['ЭБ-21']!, name: ' ЭБ-32 ' }],
    });
    expect(result).toMatchObject({ transferred: 7, graduated: 0 });
    const after = await groupsByName();
    expect(after.get('ИС-23')).toMatchObject({ id: ids['ИС-23'], course: 3, admissionYear: 2023 });
    expect(after.get('ИС-33')).toBeUndefined();
    expect(after.get('ЭБ-32')).toMatchObject({ id: ids['ЭБ-21'], course: 3 });
    expect(after.get('ИС-31')).toMatchObject({ id: ids['ИС-21'], course: 3 });

    const [log] = await db.select().from(changeLog).where(eq(changeLog.entity, 'transfer'));
    expect((log!.after as { groups: unknown[] }).groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          from: 'ИС-23',
          to: 'ИС-23',
          carriesCourse: false,
          proposed: 'ИС-23',
          nameEdited: false,
        }),
        expect.objectContaining({
          from: 'ЭБ-21',
          to: 'ЭБ-32',
          carriesCourse: true,
          proposed: 'ЭБ-31',
          nameEdited: true,
        }),
      ]),
    );
  });
});
