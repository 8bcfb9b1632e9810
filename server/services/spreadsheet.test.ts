import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellValueText, readTable, withCellProblems } from './spreadsheet';

const COLUMNS = ['Значение', 'Второй'] as const;

/** A real book written by exceljs: a header row, then one row per value in column A. */
async function book(values: ExcelJS.CellValue[], style?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Лист');
  sheet.addRow([...COLUMNS]);
  values.forEach((v, i) => (sheet.getCell(i + 2, 1).value = v));
  style?.(sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function read(values: ExcelJS.CellValue[], style?: (sheet: ExcelJS.Worksheet) => void) {
  const table = await readTable(await book(values, style), COLUMNS, { csv: false });
  if (!table.ok) throw new Error(JSON.stringify(table.errors));
  return table.rows;
}

describe('cell values of every kind become text', () => {
  it('string, number, boolean and an empty cell', async () => {
    const rows = await read(['  текст ', 26501, 7.5, 89271234567, true, false, null, 'после пустой']);
    expect(rows.map((r) => r.cells[0])).toEqual([
      '  текст ',
      '26501',
      '7.5',
      '89271234567',
      'ИСТИНА',
      'ЛОЖЬ',
      '',
      'после пустой',
    ]);
    expect(rows.every((r) => r.problems.length === 0)).toBe(true);
  });

  it('a date is its calendar day, with no time-zone shift, also from a formula', async () => {
    const rows = await read(
      [
        new Date(Date.UTC(2009, 2, 13)),
        new Date(Date.UTC(2010, 0, 1)),
        { formula: 'DATE(2009,3,13)', result: new Date(Date.UTC(2009, 2, 13)) },
      ],
      (sheet) => [2, 3, 4].forEach((r) => (sheet.getCell(r, 1).numFmt = 'dd.mm.yyyy')),
    );
    expect(rows.map((r) => r.cells[0])).toEqual(['2009-03-13', '2010-01-01', '2009-03-13']);
  });

  it('rich text, and a hyperlink whose text is plain or rich (a mailto: link)', async () => {
    const rows = await read([
      { richText: [{ text: 'Семёнов' }, { font: { bold: true }, text: '-Тян' }] },
      { text: 'ivan@mail.ru', hyperlink: 'mailto:ivan@mail.ru' },
      // Rich text inside a hyperlink is what Excel writes for a formatted mailto: link; exceljs's types only know a plain text.
      {
        text: { richText: [{ text: 'petr' }, { font: { italic: true }, text: '@mail.ru' }] },
        hyperlink: 'mailto:petr@mail.ru',
      } as unknown as ExcelJS.CellValue,
    ]);
    expect(rows.map((r) => r.cells[0])).toEqual(['Семёнов-Тян', 'ivan@mail.ru', 'petr@mail.ru']);
  });

  it('a formula or a shared formula is its cached result; one without a result is empty', async () => {
    const rows = await read([], (sheet) => {
      sheet.getCell('B2').value = 3;
      sheet.getCell('A2').value = { formula: 'B2*2', result: 6 };
      sheet.getCell('A3').value = { formula: 'CONCATENATE("Ким"," ","Артур")', result: 'Ким Артур' };
      sheet.getCell('A4').value = {
        formula: 'B2*3',
        result: 9,
        shareType: 'shared',
        ref: 'A4:A5',
      } as ExcelJS.CellValue;
      sheet.getCell('A5').value = { sharedFormula: 'A4', result: 12 };
      sheet.getCell('A6').value = { formula: 'IF(B2>1,"","x")' };
      sheet.getCell('B6').value = 'строка не пуста';
    });
    expect(rows.map((r) => r.cells[0])).toEqual(['6', 'Ким Артур', '9', '12', '']);
  });

  it('a formula error or an error value is a problem of its row and column, never «[object Object]»', async () => {
    const rows = await read(
      [{ formula: 'VLOOKUP(1,C:C,1,0)', result: { error: '#N/A' } }, { error: '#REF!' }, 'хорошо'],
      (sheet) => {
        sheet.getCell('B3').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      },
    );
    expect(rows.map((r) => [r.cells[0], r.problems])).toEqual([
      ['', ['Значение: в ячейке ошибка формулы #N/A']],
      ['', ['Значение: в ячейке ошибка формулы #REF!', 'Второй: в ячейке ошибка формулы #DIV/0!']],
      ['хорошо', []],
    ]);
    // Such a row is reported by its unreadable cells; other rows keep the parser's messages.
    expect(
      withCellProblems(rows, [
        { row: 2, message: 'Значение: заполните' },
        { row: 4, message: 'Второй: заполните' },
      ]),
    ).toEqual([
      { row: 2, message: 'Значение: в ячейке ошибка формулы #N/A' },
      { row: 3, message: 'Значение: в ячейке ошибка формулы #REF!; Второй: в ячейке ошибка формулы #DIV/0!' },
      { row: 4, message: 'Второй: заполните' },
    ]);
  });

  it('a value of a kind the reader does not know is a problem, never «[object Object]»', () => {
    expect(cellValueText({ checkbox: true } as unknown as ExcelJS.CellValue)).toEqual({
      error: 'значение, которое не удаётся прочитать',
    });
  });

  it('a header written as rich text still matches', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Лист');
    sheet.getCell('A1').value = { richText: [{ font: { bold: true }, text: 'Значение' }] };
    sheet.getCell('B1').value = { text: 'Второй', hyperlink: 'https://example.ru' };
    sheet.getCell('A2').value = 'x';
    const table = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), COLUMNS, { csv: false });
    expect(table).toEqual({ ok: true, rows: [{ row: 2, cells: ['x', ''], problems: [] }] });
  });
});
