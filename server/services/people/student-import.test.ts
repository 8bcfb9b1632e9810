import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groups, guardians, studentGuardians, students, users } from '../../../db/schema';
import { STUDENT_COLUMNS } from '../../../domain/student-import';
import { useDemoDatabase } from '../../../test/demo-database';
import { groupRoster } from '../../queries/people';
import { issueAccess, listGroupAccess } from './family-access';
import { importStudents } from './student-import';

const demo = useDemoDatabase();
const order = { effectiveOn: '2026-11-30', orderNo: '310-к', orderDate: '2026-11-27' };

async function xlsx(rows: ExcelJS.CellValue[][]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Студенты');
  sheet.addRow([...STUDENT_COLUMNS]);
  rows.forEach((r, i) => r.forEach((value, c) => (sheet.getCell(i + 2, c + 1).value = value)));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const curatorGroup = () => demo.actors.curator.grants.find((g) => g.role === 'curator')!.groupId!;

describe('student import into a group', () => {
  it('imports an XLSX list with parents: everyone in the group from the order’s date', async () => {
    const db = demo.database.db;
    const before = (await groupRoster(db, demo.actors.curator, curatorGroup(), '2026-12-01'))!.students.length;
    const file = await xlsx([
      [
        'Новикова',
        'Дарья',
        'Игоревна',
        new Date(Date.UTC(2010, 2, 14)),
        '26-501',
        '',
        '',
        'Новикова Ольга Петровна',
        'мать',
        '+7 927 123-45-67',
      ],
      ['Ким', 'Артур', '', '02.05.2010', '26-502', '', '', '', '', ''],
    ]);
    const result = await importStudents(
      db,
      demo.actors.curator,
      { groupId: curatorGroup(), fileName: 'список.xlsx', file, ...order },
      '2026-11-29',
    );
    expect(result).toEqual({ ok: true, imported: 2, guardians: 1, knownGuardians: 0 });
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
      {
        groupId: curatorGroup(),
        fileName: 'список.csv',
        file: csv(`${header}\nПетров;Пётр;;;26-601;;;;;\n;Иван;;31.02.2010;;;;;;\n`),
        ...order,
      },
      '2026-11-29',
    );
    expect(bad).toEqual({
      ok: false,
      errors: [{ row: 3, message: 'Фамилия: заполните; Дата рождения: «31.02.2010» — ожидается ДД.ММ.ГГГГ' }],
    });
    const again = await importStudents(
      db,
      demo.actors.curator,
      {
        groupId: curatorGroup(),
        fileName: 'список.csv',
        file: csv(`${header}\nПетров;Пётр;;;26-501;;;;;\nКим;Артур;;02.05.2010;;;;;;\n`),
        ...order,
      },
      '2026-11-29',
    );
    expect(again).toEqual({
      ok: false,
      errors: [
        { row: 2, message: '№ зачётной книжки: 26-501 уже выдан другому студенту колледжа' },
        { row: 3, message: 'Студент: Ким Артур уже в группе ИС-21' },
      ],
    });
    const wrongHeader = await importStudents(
      db,
      demo.actors.curator,
      { groupId: curatorGroup(), fileName: 'x.csv', file: csv('ФИО;Группа\nИванов;ИС-21'), ...order },
      '2026-11-29',
    );
    expect(wrongHeader).toEqual({
      ok: false,
      errors: [{ row: 1, message: expect.stringContaining('в столбце 1 ожидается «Фамилия»') }],
    });
    expect(await count()).toBe(total);
  });

  it('a curator imports into the own group only', async () => {
    const db = demo.database.db;
    const [other] = await db.select().from(groups).where(eq(groups.name, 'ИС-31'));
    await expect(
      importStudents(
        db,
        demo.actors.curator,
        { groupId: other!.id, fileName: 'x.csv', file: csv('x'), ...order },
        '2026-11-29',
      ),
    ).rejects.toThrow('Нет доступа');
  });
});

describe('cells that are not plain text (issue #9, item 6)', () => {
  it('an e-mail that is a mailto: link with rich text, and a birth date typed as the number 39886', async () => {
    const db = demo.database.db;
    const file = await xlsx([
      [
        'Лаптева',
        'Вера',
        '',
        39886,
        '',
        '',
        {
          text: { richText: [{ text: 'vera' }, { font: { bold: true }, text: '@mail.ru' }] },
          hyperlink: 'mailto:vera@mail.ru',
        } as unknown as ExcelJS.CellValue,
        '',
        '',
        '',
      ],
    ]);
    const result = await importStudents(
      db,
      demo.actors.curator,
      { groupId: curatorGroup(), fileName: 'список.xlsx', file, ...order },
      '2026-11-29',
    );
    expect(result).toEqual({ ok: true, imported: 1, guardians: 0, knownGuardians: 0 });
    const [vera] = await db.select().from(students).where(eq(students.lastName, 'Лаптева'));
    expect(vera).toMatchObject({ email: 'vera@mail.ru', birthDate: '2009-03-14' });
  });

  it('a formula error is refused for its row and field, naming the error', async () => {
    const db = demo.database.db;
    const file = await xlsx([
      [
        'Бобров',
        'Глеб',
        '',
        '',
        '',
        '',
        { formula: 'VLOOKUP(A2,Почта!A:B,2,0)', result: { error: '#N/A' } },
        '',
        '',
        '',
      ],
      ['Боброва', '', '', '', '', '', '', '', '', ''],
    ]);
    const result = await importStudents(
      db,
      demo.actors.curator,
      { groupId: curatorGroup(), fileName: 'список.xlsx', file, ...order },
      '2026-11-29',
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 2, message: 'Эл. почта: в ячейке ошибка формулы #N/A' },
        { row: 3, message: 'Имя: заполните' },
      ],
    });
    expect(await db.select().from(students).where(eq(students.lastName, 'Бобров'))).toEqual([]);
  });
});

describe('names compared with ё as е and without case (issue #9, item 7)', () => {
  const row = (
    last: string,
    first: string,
    middle: string,
    birth: string,
    parent = '',
    relation = '',
    parentPhone = '',
  ) => [last, first, middle, birth, '', '', '', parent, relation, parentPhone];
  const importRows = (rows: string[][]) =>
    xlsx(rows).then((file) =>
      importStudents(
        demo.database.db,
        demo.actors.curator,
        { groupId: curatorGroup(), fileName: 'список.xlsx', file, ...order },
        '2026-11-29',
      ),
    );

  it('«Семенов Артем Ильич» and «СЕМЁНОВ АРТЁМ ИЛЬИЧ» are not enrolled beside «Семёнов Артём Ильич»', async () => {
    const db = demo.database.db;
    expect(await importRows([row('Семёнов', 'Артём', 'Ильич', '13.03.2009')])).toMatchObject({ ok: true, imported: 1 });
    const count = async () => (await db.select().from(students)).length;
    const total = await count();
    expect(
      await importRows([
        row('Семенов', 'Артем', 'Ильич', '13.03.2009'),
        row('СЕМЁНОВ', 'АРТЁМ', 'ИЛЬИЧ', '13.03.2009'),
      ]),
    ).toMatchObject({ ok: false });
    expect(await importRows([row('Семенов', 'Артем', 'Ильич', '13.03.2009')])).toEqual({
      ok: false,
      errors: [{ row: 2, message: 'Студент: Семенов Артем уже в группе ИС-21' }],
    });
    expect(await importRows([row('СЕМЁНОВ', 'АРТЁМ', 'ИЛЬИЧ', '')])).toEqual({
      ok: false,
      errors: [{ row: 2, message: 'Студент: СЕМЁНОВ АРТЁМ уже в группе ИС-21' }],
    });
    expect(await count()).toBe(total);
  });

  it('twins with one mother (same name, same phone): one parent record, linked to both, one login', async () => {
    const db = demo.database.db;
    const result = await importRows([
      row('Тарханов', 'Иван', 'Олегович', '01.09.2009', 'Тарханова Марина Викторовна', 'мать', '+7 927 555-11-22'),
      row('Тарханов', 'Илья', 'Олегович', '01.09.2009', 'Тарханова Марина Викторовна', 'мать', '+7 927 555-11-22'),
      row('Тарханова', 'Алёна', 'Олеговна', '01.09.2009', 'ТАРХАНОВА МАРИНА ВИКТОРОВНА', 'мать', '8 (927) 555-11-22'),
    ]);
    expect(result).toEqual({ ok: true, imported: 3, guardians: 1, knownGuardians: 0 });
    const mothers = await db.select().from(guardians).where(eq(guardians.lastName, 'Тарханова'));
    expect(mothers.map((m) => [m.lastName, m.firstName, m.middleName, m.phone])).toEqual([
      ['Тарханова', 'Марина', 'Викторовна', '+7 927 555-11-22'],
    ]);
    const links = await db.select().from(studentGuardians).where(eq(studentGuardians.guardianId, mothers[0]!.id));
    expect(links.length).toBe(3);

    // A later list with an elder brother finds her in the database.
    const later = await importRows([
      row('Тарханов', 'Пётр', 'Олегович', '05.05.2008', 'Тарханова Марина Викторовна', 'мать', '89275551122'),
    ]);
    expect(later).toEqual({ ok: true, imported: 1, guardians: 0, knownGuardians: 1 });
    expect((await db.select().from(guardians).where(eq(guardians.lastName, 'Тарханова'))).length).toBe(1);

    // Issuing access to the group's parents gives her one login.
    const access = await listGroupAccess(db, demo.actors.curator, { groupId: curatorGroup() }, '2026-12-01');
    const tarkhanovy = access.students.filter((s) => s.name.startsWith('Тарханов'));
    expect(tarkhanovy.length).toBe(4);
    const parentIds = [...new Set(tarkhanovy.flatMap((s) => s.guardians.map((g) => g.id)))];
    expect(parentIds).toEqual([mothers[0]!.id]);
    const slips = await issueAccess(
      db,
      demo.actors.curator,
      {
        groupId: curatorGroup(),
        people: tarkhanovy.flatMap((s) => s.guardians.map((g) => ({ kind: 'guardian' as const, id: g.id }))),
      },
      '2026-12-01',
    );
    expect(slips.length).toBe(1);
    expect(slips[0]!.whom).toContain('Тарханов П. О.');
    const accounts = await db
      .select()
      .from(users)
      .where(and(eq(users.lastName, 'Тарханова'), eq(users.firstName, 'Марина')));
    expect(accounts.length).toBe(1);
  });

  it('a double surname with a non-breaking hyphen (U+2011) or an en dash (U+2013) is accepted, stored with a plain hyphen', async () => {
    const db = demo.database.db;
    const result = await importRows([
      row(
        'Римская\u2011Корсакова',
        'Анна',
        'Петровна',
        '02.02.2009',
        'Римский\u2011Корсаков Пётр Андреевич',
        'отец',
        '+7 927 555-33-44',
      ),
      row('Салтыкова\u2013Щедрина', 'Мария', '', '03.03.2009'),
    ]);
    expect(result).toEqual({ ok: true, imported: 2, guardians: 1, knownGuardians: 0 });
    const saved = await db
      .select({ lastName: students.lastName })
      .from(students)
      .where(inArray(students.lastName, ['Римская-Корсакова', 'Салтыкова-Щедрина']));
    expect(saved.map((s) => s.lastName).sort()).toEqual(['Римская-Корсакова', 'Салтыкова-Щедрина']);
    expect((await db.select().from(guardians).where(eq(guardians.lastName, 'Римский-Корсаков'))).length).toBe(1);
  });
});
