import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groups, students } from '../../db/schema';
import { STUDENT_COLUMNS } from '../../domain/student-import';
import { useDemoDatabase } from '../../test/demo-database';
import { groupRoster } from '../queries/people';
import { importStudents } from './student-import';

const demo = useDemoDatabase();
const order = { effectiveOn: '2026-11-30', orderNo: '310-к', orderDate: '2026-11-27' };

async function xlsx(rows: (string | Date)[][]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Студенты');
  sheet.addRow([...STUDENT_COLUMNS]);
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const curatorGroup = () => demo.actors.curator.grants.find((g) => g.role === 'curator')!.groupId!;

describe('student import into a group', () => {
  it('imports an XLSX list with parents: everyone in the group from the order’s date', async () => {
    const db = demo.database.db;
    const before = (await groupRoster(db, demo.actors.curator, curatorGroup(), '2026-12-01'))!.students.length;
    const file = await xlsx([
      ['Новикова', 'Дарья', 'Игоревна', new Date(Date.UTC(2010, 2, 14)), '26-501', '', '', 'Новикова Ольга Петровна', 'мать', '+7 927 123-45-67'],
      ['Ким', 'Артур', '', '02.05.2010', '26-502', '', '', '', '', ''],
    ]);
    const result = await importStudents(db, demo.actors.curator, { groupId: curatorGroup(), fileName: 'список.xlsx', file, ...order }, '2026-11-29');
    expect(result).toEqual({ ok: true, imported: 2, guardians: 1 });
    const after = (await groupRoster(db, demo.actors.curator, curatorGroup(), '2026-12-01'))!.students;
    expect(after.length).toBe(before + 2);
    expect(after.find((s) => s.lastName === 'Новикова')!.birthDate).toBe('2010-03-14');
    expect((await groupRoster(db, demo.actors.curator, curatorGroup(), '2026-11-29'))!.students.length).toBe(before);
  });

  it('reports every bad row (file and database) and imports nobody', async () => {
    const db = demo.database.db;
    const count = async () => (await db.select().from(students)).length;
    const total = await count();
    const header = STUDENT_COLUMNS.join(';');
    const bad = await importStudents(
      db,
      demo.actors.curator,
      { groupId: curatorGroup(), fileName: 'список.csv', file: csv(`${header}\nПетров;Пётр;;;26-601;;;;;\n;Иван;;31.02.2010;;;;;;\n`), ...order },
      '2026-11-29',
    );
    expect(bad).toEqual({ ok: false, errors: [{ row: 3, message: 'Фамилия: заполните; Дата рождения: «31.02.2010» — ожидается ДД.ММ.ГГГГ' }] });
    const again = await importStudents(
      db,
      demo.actors.curator,
      { groupId: curatorGroup(), fileName: 'список.csv', file: csv(`${header}\nПетров;Пётр;;;26-501;;;;;\nКим;Артур;;02.05.2010;;;;;;\n`), ...order },
      '2026-11-29',
    );
    expect(again).toEqual({
      ok: false,
      errors: [
        { row: 2, message: '№ зачётной книжки: 26-501 уже выдан другому студенту колледжа' },
        { row: 3, message: 'Студент: Ким Артур уже в группе ИС-21' },
      ],
    });
    const wrongHeader = await importStudents(db, demo.actors.curator, { groupId: curatorGroup(), fileName: 'x.csv', file: csv('ФИО;Группа\nИванов;ИС-21'), ...order }, '2026-11-29');
    expect(wrongHeader).toEqual({ ok: false, errors: [{ row: 1, message: expect.stringContaining('в столбце 1 ожидается «Фамилия»') }] });
    expect(await count()).toBe(total);
  });

  it('a curator imports into the own group only', async () => {
    const db = demo.database.db;
    const [other] = await db.select().from(groups).where(eq(groups.name, 'ИС-31'));
    await expect(importStudents(db, demo.actors.curator, { groupId: other!.id, fileName: 'x.csv', file: csv('x'), ...order }, '2026-11-29')).rejects.toThrow('Нет доступа');
  });
});
