import ExcelJS from 'exceljs';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, groups, teachingAssignments, terms } from '../../../db/schema';
import { nextTopic } from '../../../domain/ktp';
import { useDemoDatabase } from '../../../test/demo-database';
import { deleteAssignment } from '../curriculum/teaching-load';
import { copyKtp, importKtp, loadKtp, saveKtp } from './ktp';
import { loadJournalPage } from './page';

const demo = useDemoDatabase();

async function xlsx(lines: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('КТП');
  sheet.addRow(['№', 'Раздел / тема', 'Часы', 'Вид занятия']);
  for (const l of lines) sheet.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('КТП of a journal', () => {
  it('is saved by the teacher, checked against the plan, imported all or nothing, copied, and shown in the journal', async () => {
    const db = demo.database.db;
    const { teacher, curator, methodist, admin } = demo.actors;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const [journal] = await db
      .select()
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.termId, term!.id),
          eq(teachingAssignments.teacherUserId, teacher.userId),
          isNull(teachingAssignments.subgroupId),
        ),
      )
      .orderBy(teachingAssignments.id)
      .limit(1);
    const id = journal!.id;
    const empty = await loadKtp(db, teacher, id);
    expect(empty).toMatchObject({ version: 0, rows: [], canEdit: true, difference: null });

    const rows = [
      { section: true, title: 'Раздел 1. Основы', hours: 0, kind: null },
      { section: false, title: 'Введение', hours: 2, kind: 'lecture' },
      { section: false, title: 'Практическая работа № 1', hours: 4, kind: 'practical' },
    ];
    expect(
      await saveKtp(db, teacher, {
        assignmentId: id,
        version: 0,
        rows,
        approvedBy: 'Зам. директора Иванова И. И.',
        reviewedAt: null,
      }),
    ).toEqual({ version: 1 });
    const saved = await loadKtp(db, teacher, id);
    expect(saved).toMatchObject({ version: 1, rows, totals: { hours: 6, byKind: { lecture: 2, practical: 4 } } });
    expect(saved.difference).toBe(
      `Часов по КТП 6 из ${journal!.plannedHours} по плану: не хватает ${journal!.plannedHours - 6}`,
    );
    // An editor that read version 0 is refused, not obeyed.
    await expect(
      saveKtp(db, teacher, { assignmentId: id, version: 0, rows: [], approvedBy: null, reviewedAt: null }),
    ).rejects.toMatchObject({
      status: 409,
    });
    // Bad lines: every one named, nothing kept.
    await expect(
      saveKtp(db, teacher, {
        assignmentId: id,
        version: 1,
        rows: [{ section: false, title: ' ', hours: 0, kind: null }],
        approvedBy: null,
        reviewedAt: null,
      }),
    ).rejects.toMatchObject({
      status: 400,
      message:
        'Строка 1: тема без названия; Строка 1: часы — целое число от 1 до 40; Строка 1: вид занятия — выберите из списка (лекция, практическое…)',
    });
    const bad = await xlsx([
      ['', 'Раздел 1', '', ''],
      [1, 'Тема', 'два', 'лекция'],
      [2, 'Экскурсия', 2, 'экскурсия'],
    ]);
    await expect(importKtp(db, teacher, { assignmentId: id, version: 1, file: bad })).rejects.toMatchObject({
      status: 400,
      message:
        'Строка 3: часы — целое число от 1 до 40; Строка 4: вид занятия «экскурсия» не найден (лекция, практическое занятие, лабораторная работа…)',
    });
    expect((await loadKtp(db, teacher, id)).rows).toEqual(rows);
    const good = await xlsx([
      ['', 'Раздел 1. Алгоритмы', '', ''],
      [1, 'Понятие алгоритма', 2, 'лек'],
      [2, 'Лабораторная работа № 1', 2, 'Лабораторная работа'],
    ]);
    expect(await importKtp(db, teacher, { assignmentId: id, version: 1, file: good })).toEqual({ version: 2, rows: 3 });
    const imported = await loadKtp(db, teacher, id);
    expect(imported.rows.map((r) => [r.title, r.hours, r.kind])).toEqual([
      ['Раздел 1. Алгоритмы', 0, null],
      ['Понятие алгоритма', 2, 'lecture'],
      ['Лабораторная работа № 1', 2, 'lab'],
    ]);
    expect(imported.approvedBy).toBe('Зам. директора Иванова И. И.');

    // The journal page carries the plan; a new lesson proposes the first topic no lesson has yet.
    const page = (await loadJournalPage(db, teacher, id, '2026-12-01'))!;
    expect(page.ktp).toHaveLength(3);
    expect(
      nextTopic(
        page.ktp,
        page.lessons.map((l) => l.topic),
      ),
    ).toBe(1);

    // Readers read it; only the teacher edits.
    expect((await loadKtp(db, methodist, id)).canEdit).toBe(false);
    await expect(
      saveKtp(db, methodist, { assignmentId: id, version: 2, rows, approvedBy: null, reviewedAt: null }),
    ).rejects.toMatchObject({ status: 403 });
    // A curator of another group does not reach it at all.
    await expect(loadKtp(db, curator, id)).rejects.toMatchObject({ status: 403 });

    // Copy into another group's journal of the same item (a second journal made for the test).
    const [otherGroup] = await db.select().from(groups).where(ne(groups.id, journal!.groupId)).limit(1);
    const [copy] = await db
      .insert(teachingAssignments)
      .values({ ...journal!, id: undefined, groupId: otherGroup!.id })
      .returning();
    expect((await loadKtp(db, teacher, copy!.id)).sources.map((s) => s.assignmentId)).toContain(id);
    expect(await copyKtp(db, teacher, { assignmentId: copy!.id, version: 0, fromAssignmentId: id })).toEqual({
      version: 1,
    });
    expect((await loadKtp(db, teacher, copy!.id)).rows).toEqual(imported.rows);
    const logged = await db.select().from(changeLog).where(eq(changeLog.entity, 'ktp'));
    expect(logged).toHaveLength(3);

    // A journal with a КТП is not deleted from the load with it silently.
    await expect(deleteAssignment(db, admin, { assignmentId: copy!.id })).rejects.toMatchObject({
      status: 400,
      message: 'Удалить журнал нельзя: у журнала есть КТП',
    });
  });
});
