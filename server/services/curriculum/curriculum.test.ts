import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, specialties } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { deleteCurriculumItem, getCurriculum, importCurriculum, listCurricula, saveCurriculumItem } from './curriculum';
import { writeCurriculumWorkbook } from './curriculum-xlsx';

const demo = useDemoDatabase();

/** A plan's workbook with `edit` applied to its first sheet, as base64 for the import. */
async function workbook(file: Buffer, edit: (sheet: ExcelJS.Worksheet) => void = () => {}) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  edit(wb.worksheets[0]!);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function isCurriculum() {
  const { curricula } = await listCurricula(demo.database.db, demo.actors.head);
  return curricula.find((c) => c.specialty.startsWith('09.02.07') && c.admissionYear === 2025)!;
}

describe('curriculum', () => {
  it('lists the plans of the head’s specialties and reads one with its lines and semesters', async () => {
    const { curricula, specialtiesToImport } = await listCurricula(demo.database.db, demo.actors.head);
    const all = await listCurricula(demo.database.db, demo.actors.admin);
    expect(curricula.length).toBeGreaterThan(0);
    expect(curricula.length).toBeLessThan(all.curricula.length);
    expect(specialtiesToImport.map((s) => s.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^09\.02\.07/)]),
    );
    const plan = await getCurriculum(demo.database.db, demo.actors.head, { curriculumId: (await isCurriculum()).id });
    const op04 = plan.items.find((i) => i.code === 'ОП.04')!;
    expect(op04.semesters.length).toBeGreaterThan(0);
    expect(op04.journals).toBeGreaterThan(0);
    expect(plan.items.some((i) => i.kind === 'mdk' && i.parentCode?.startsWith('ПМ.'))).toBe(true);
    expect(plan.canEdit).toBe(true);
  });

  it('exports a plan and imports it back unchanged', async () => {
    const db = demo.database.db;
    const summary = await isCurriculum();
    const before = await getCurriculum(db, demo.actors.head, { curriculumId: summary.id });
    const file = await workbook(await writeCurriculumWorkbook(before.name, before.items));
    const result = await importCurriculum(db, demo.actors.head, {
      specialtyId: summary.specialtyId,
      admissionYear: 2025,
      fileName: 'план.xlsx',
      file,
    });
    expect(result).toMatchObject({ ok: true, curriculumId: summary.id, items: before.items.length });
    expect((await getCurriculum(db, demo.actors.head, { curriculumId: summary.id })).items).toEqual(before.items);
  });

  it('reads cells that are not plain text: rich text, hyperlink, formula results; a formula error refuses its row', async () => {
    const db = demo.database.db;
    const summary = await isCurriculum();
    const before = await getCurriculum(db, demo.actors.head, { curriculumId: summary.id });
    const exported = await writeCurriculumWorkbook(before.name, before.items);
    const rich = await workbook(exported, (sheet) => {
      const name = sheet.getCell('C2').text;
      sheet.getCell('C2').value = {
        richText: [{ text: name.slice(0, 3) }, { font: { bold: true }, text: name.slice(3) }],
      };
      // A hyperlink whose text is rich text: Excel writes it so, exceljs's types only know a plain text.
      sheet.getCell('B2').value = {
        text: { richText: [{ text: sheet.getCell('B2').text }] },
        hyperlink: 'https://example.ru/plan',
      } as unknown as ExcelJS.CellValue;
      let r = 2;
      while (typeof sheet.getCell(`F${r}`).value !== 'number') r++;
      const total = sheet.getCell(`F${r}`).value as number;
      sheet.getCell(`F${r}`).value = { formula: `${total - 1}+1`, result: total };
    });
    const result = await importCurriculum(db, demo.actors.head, {
      specialtyId: summary.specialtyId,
      admissionYear: 2025,
      fileName: 'план.xlsx',
      file: rich,
    });
    expect(result).toMatchObject({ ok: true, curriculumId: summary.id, items: before.items.length });
    expect((await getCurriculum(db, demo.actors.head, { curriculumId: summary.id })).items).toEqual(before.items);

    const broken = await workbook(exported, (sheet) => {
      sheet.getCell('F3').value = { formula: 'VLOOKUP(B3,Часы!A:B,2,0)', result: { error: '#N/A' } };
    });
    const refused = await importCurriculum(db, demo.actors.head, {
      specialtyId: summary.specialtyId,
      admissionYear: 2025,
      fileName: 'план.xlsx',
      file: broken,
    });
    expect(refused).toEqual({ ok: false, errors: [{ row: 3, message: 'Всего часов: в ячейке ошибка формулы #N/A' }] });
  });

  it('reports every bad row and imports nothing; a line kept by journals cannot be dropped', async () => {
    const db = demo.database.db;
    const summary = await isCurriculum();
    const before = await getCurriculum(db, demo.actors.head, { curriculumId: summary.id });
    const exported = await writeCurriculumWorkbook(before.name, before.items);
    const file = await workbook(exported, (sheet) => {
      sheet.getCell('F3').value = 'много';
      sheet.getCell('K5').value = 'реферат';
      sheet.getCell('C6').value = 'Новое имя';
    });
    const result = await importCurriculum(db, demo.actors.head, {
      specialtyId: summary.specialtyId,
      admissionYear: 2025,
      fileName: 'план.xlsx',
      file,
    });
    expect(result.ok).toBe(false);
    const errors = (result as { errors: { row: number; message: string }[] }).errors;
    expect(errors.map((e) => e.row)).toEqual(expect.arrayContaining([3, 5]));
    expect(errors.find((e) => e.row === 3)!.message).toContain('Всего часов: «много» — не целое число часов');
    expect(errors.find((e) => e.row === 5)!.message).toContain('Форма аттестации: «реферат»');
    expect((await getCurriculum(db, demo.actors.head, { curriculumId: summary.id })).items).toEqual(before.items);

    const withoutOp04 = await workbook(exported, (sheet) => {
      for (let r = sheet.rowCount; r >= 2; r--) if (sheet.getCell(`B${r}`).text === 'ОП.04') sheet.spliceRows(r, 1);
    });
    const dropped = await importCurriculum(db, demo.actors.head, {
      specialtyId: summary.specialtyId,
      admissionYear: 2025,
      fileName: 'план.xlsx',
      file: withoutOp04,
    });
    expect(dropped).toEqual({
      ok: false,
      errors: [{ row: 0, message: expect.stringContaining('Код ОП.04: ведётся в журналах') }],
    });

    const header = await workbook(exported, (sheet) => (sheet.getCell('E1').value = 'Сем.'));
    expect(
      await importCurriculum(db, demo.actors.head, {
        specialtyId: summary.specialtyId,
        admissionYear: 2025,
        fileName: 'x.xlsx',
        file: header,
      }),
    ).toEqual({
      ok: false,
      errors: [{ row: 1, message: expect.stringContaining('в столбце 5 ожидается «Семестр»') }],
    });
    const notExcel = await importCurriculum(db, demo.actors.head, {
      specialtyId: summary.specialtyId,
      admissionYear: 2025,
      fileName: 'x.xlsx',
      file: Buffer.from('не excel').toString('base64'),
    });
    expect(notExcel).toEqual({
      ok: false,
      errors: [{ row: 0, message: 'Файл: это не книга Excel (XLSX) или она повреждена' }],
    });
  });

  it('creates the plan of a new admission year from a file; logged', async () => {
    const db = demo.database.db;
    const summary = await isCurriculum();
    const before = await getCurriculum(db, demo.actors.head, { curriculumId: summary.id });
    const file = await workbook(await writeCurriculumWorkbook(before.name, before.items.slice(0, 5)));
    const result = await importCurriculum(db, demo.actors.head, {
      specialtyId: summary.specialtyId,
      admissionYear: 2027,
      fileName: 'набор-2027.xlsx',
      file,
    });
    expect(result).toMatchObject({ ok: true, items: 5 });
    const created = await getCurriculum(db, demo.actors.head, {
      curriculumId: (result as { curriculumId: number }).curriculumId,
    });
    expect(created.name).toBe('РУП 09.02.07 Информационные системы и программирование, набор 2027 г.');
    expect(created.items.map((i) => i.code)).toEqual(before.items.slice(0, 5).map((i) => i.code));
    const log = await db.select().from(changeLog).where(eq(changeLog.entity, 'curriculum'));
    expect(log.some((l) => (l.after as { file?: string }).file === 'набор-2027.xlsx')).toBe(true);
  });

  it('edits, adds and deletes one line on screen by the same rules', async () => {
    const db = demo.database.db;
    const summary = await isCurriculum();
    const save = (rows: string[][], originalCode?: string) =>
      saveCurriculumItem(db, demo.actors.head, { curriculumId: summary.id, rows, originalCode });
    await expect(save([['ОП', 'ОП.04', 'Основы', '', '3', '10', '20', '', '', '', '']], 'ОП.04')).rejects.toThrow(
      'больше, чем всего (10)',
    );
    await expect(save([['ОП', 'ОП.05', 'Дубль', '', '', '', '', '', '', '', '']], 'ОП.04')).rejects.toThrow(
      /Код ОП\.05: такая строка в плане уже есть|ОП\.05/,
    );
    await save(
      [['ОП', 'ОП.04', 'Основы алгоритмизации и программирования', 'ОАиП', '3', '90', '50', '40', '', '', 'Э']],
      'ОП.04',
    );
    const op04 = (await getCurriculum(db, demo.actors.head, { curriculumId: summary.id })).items.find(
      (i) => i.code === 'ОП.04',
    )!;
    expect(op04.semesters).toEqual([
      {
        semester: 3,
        hoursTotal: 90,
        hoursTheory: 50,
        hoursPractice: 40,
        hoursLab: 0,
        hoursSelfStudy: 0,
        attestationForm: 'Э',
      },
    ]);

    const module = (await getCurriculum(db, demo.actors.head, { curriculumId: summary.id })).items.find(
      (i) => i.kind === 'module',
    )!;
    const n = module.code.slice(3);
    await save([['', `МДК.${n}.09`, 'Новый междисциплинарный курс', 'НМК', '5', '36', '', '', '', '', 'ДЗ']]);
    const added = (await getCurriculum(db, demo.actors.head, { curriculumId: summary.id })).items.find(
      (i) => i.code === `МДК.${n}.09`,
    )!;
    expect(added).toMatchObject({ parentCode: module.code, cycle: 'ПМ', kind: 'mdk' });
    await expect(
      deleteCurriculumItem(db, demo.actors.head, { curriculumId: summary.id, code: 'ОП.04' }),
    ).rejects.toThrow('ведётся в журналах');
    await expect(
      deleteCurriculumItem(db, demo.actors.head, { curriculumId: summary.id, code: module.code }),
    ).rejects.toThrow('сначала удалите входящие в модуль строки');
    await deleteCurriculumItem(db, demo.actors.head, { curriculumId: summary.id, code: `МДК.${n}.09` });
    expect(
      (await getCurriculum(db, demo.actors.head, { curriculumId: summary.id })).items.some(
        (i) => i.code === `МДК.${n}.09`,
      ),
    ).toBe(false);
  });

  it('keeps a head out of the specialties of another department', async () => {
    const db = demo.database.db;
    const { curricula } = await listCurricula(db, demo.actors.admin);
    const [pnk] = await db.select().from(specialties).where(eq(specialties.code, '44.02.02'));
    const foreign = curricula.find((c) => c.specialtyId === pnk!.id)!;
    await expect(getCurriculum(db, demo.actors.head, { curriculumId: foreign.id })).rejects.toThrow('Нет доступа');
    await expect(
      importCurriculum(db, demo.actors.head, {
        specialtyId: pnk!.id,
        admissionYear: 2027,
        fileName: 'x',
        file: 'eA==',
      }),
    ).rejects.toThrow('Нет доступа');
  });
});
