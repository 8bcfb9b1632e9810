import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, teachingAssignments, terms } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { loadJournalPage } from '../journal/page';
import { loadSubgroupSplit, saveSubgroups } from './subgroups';
import { Refusal } from '../../policy/refusal';

const demo = useDemoDatabase();
const curatorGroup = () => demo.actors.curator.grants.find((g) => g.role === 'curator')!.groupId!;

describe('subgroups of a group for a term', () => {
  it('shows the split of the current term with the journals that use it', async () => {
    const split = await loadSubgroupSplit(demo.database.db, demo.actors.curator, { groupId: curatorGroup() });
    expect(split.group.name).toBe('ИС-21');
    expect(split.subgroups.map((s) => s.name)).toEqual(['1 подгруппа', '2 подгруппа']);
    expect(split.subgroups[0]!.journals.length).toBeGreaterThan(0);
    const placed = split.subgroups.flatMap((s) => s.studentIds).sort();
    expect(placed).toEqual(split.students.map((s) => s.id).sort());
    expect(split.terms.length).toBe(2);
  });

  it('refuses a bad split in Russian and saves nothing', async () => {
    const db = demo.database.db;
    const split = await loadSubgroupSplit(db, demo.actors.curator, { groupId: curatorGroup() });
    const [a, b] = split.subgroups as [(typeof split.subgroups)[0], (typeof split.subgroups)[0]];
    const save = (subgroups: { id?: number; name: string; studentIds: number[] }[]) =>
      saveSubgroups(db, demo.actors.curator, { groupId: split.group.id, termId: split.term.id, subgroups });
    const missing = split.students.find((s) => s.id === b.studentIds[0])!;
    await expect(save([a, { ...b, studentIds: b.studentIds.slice(1) }])).rejects.toThrow(
      `Не распределены по подгруппам: ${missing.name}`,
    );
    await expect(save([a, { ...b, studentIds: [...b.studentIds, a.studentIds[0]!] }])).rejects.toThrow(
      'указан(а) в двух подгруппах',
    );
    await expect(save([a, { ...b, name: '1 ПОДГРУППА' }])).rejects.toThrow(
      'Подгруппа «1 ПОДГРУППА»: название повторяется',
    );
    await expect(save([a, { ...b, studentIds: [...b.studentIds, 999999] }])).rejects.toThrow(
      'студент не из группы ИС-21',
    );
    await expect(
      save([
        { ...a, studentIds: [...a.studentIds, ...b.studentIds] },
        { name: 'Новая', studentIds: [] },
      ]),
    ).rejects.toThrow('в ней нет ни одного студента');
    await expect(
      save([
        { ...a, studentIds: [...a.studentIds, ...b.studentIds.slice(1)] },
        { name: 'Новая', studentIds: [b.studentIds[0]!] },
      ]),
    ).rejects.toThrow(`Подгруппа «2 подгруппа» ведётся в журналах`);
    expect(await loadSubgroupSplit(db, demo.actors.curator, { groupId: curatorGroup() })).toEqual(split);
  });

  it('moves a student with marks only when confirmed; the journals follow', async () => {
    const db = demo.database.db;
    const split = await loadSubgroupSplit(db, demo.actors.curator, { groupId: curatorGroup() });
    const [a, b] = split.subgroups as [(typeof split.subgroups)[0], (typeof split.subgroups)[0]];
    const moved = a.studentIds[0]!;
    const input = {
      groupId: split.group.id,
      termId: split.term.id,
      subgroups: [
        { ...a, studentIds: a.studentIds.slice(1) },
        { ...b, name: 'Вторая подгруппа', studentIds: [...b.studentIds, moved] },
      ],
    };
    const refusal = await saveSubgroups(db, demo.actors.curator, input).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Refusal);
    expect((refusal as Refusal).code).toBe('CONFLICT');
    expect((refusal as Refusal).message).toContain('есть отметки в журналах прежней подгруппы');

    expect(await saveSubgroups(db, demo.actors.curator, { ...input, confirm: true })).toEqual({
      subgroups: 2,
      students: split.students.length,
    });
    const [journalOfB] = await db
      .select()
      .from(teachingAssignments)
      .where(eq(teachingAssignments.subgroupId, b.id))
      .limit(1);
    const [journalOfA] = await db
      .select()
      .from(teachingAssignments)
      .where(eq(teachingAssignments.subgroupId, a.id))
      .limit(1);
    const pageB = (await loadJournalPage(db, demo.actors.admin, journalOfB!.id, '2026-11-29'))!;
    const pageA = (await loadJournalPage(db, demo.actors.admin, journalOfA!.id, '2026-11-29'))!;
    expect(pageB.students.map((s) => s.id)).toContain(moved);
    expect(pageA.students.map((s) => s.id)).not.toContain(moved);
    expect(pageB.assignment.subgroupName).toBe('Вторая подгруппа');
    const [log] = await db.select().from(changeLog).where(eq(changeLog.entity, 'subgroups'));
    expect(log!.after).toMatchObject({ subgroups: [{ name: '1 подгруппа' }, { name: 'Вторая подгруппа' }] });
  });

  it('adds a third subgroup in the spring term; a locked term stays as it is', async () => {
    const db = demo.database.db;
    const first = await loadSubgroupSplit(db, demo.actors.head, { groupId: curatorGroup() });
    const spring = first.terms[1]!;
    const split = await loadSubgroupSplit(db, demo.actors.head, { groupId: curatorGroup(), termId: spring.id });
    const [a, b] = split.subgroups as [(typeof split.subgroups)[0], (typeof split.subgroups)[0]];
    const third = { name: '3 подгруппа', studentIds: [a.studentIds.at(-1)!, b.studentIds.at(-1)!] };
    const subgroups = [
      { ...a, studentIds: a.studentIds.slice(0, -1) },
      { ...b, studentIds: b.studentIds.slice(0, -1) },
      third,
    ];
    await saveSubgroups(db, demo.actors.head, { groupId: split.group.id, termId: spring.id, subgroups });
    const after = await loadSubgroupSplit(db, demo.actors.head, { groupId: curatorGroup(), termId: spring.id });
    expect(after.subgroups.map((s) => [s.name, s.studentIds.length])).toEqual([
      ['1 подгруппа', a.studentIds.length - 1],
      ['2 подгруппа', b.studentIds.length - 1],
      ['3 подгруппа', 2],
    ]);
    await db
      .update(terms)
      .set({ locked: true })
      .where(and(eq(terms.id, spring.id)));
    await expect(
      saveSubgroups(db, demo.actors.head, {
        groupId: split.group.id,
        termId: spring.id,
        subgroups: after.subgroups.slice(0, 2),
      }),
    ).rejects.toThrow('закрыт для изменений: подгруппы в нём не меняются');
    await db
      .update(terms)
      .set({ locked: false })
      .where(and(eq(terms.id, spring.id)));
  });
});
