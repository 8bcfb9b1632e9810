import ExcelJS from 'exceljs';
import type { RowError } from '../../domain/curriculum-template';
import { isFormulaLike } from '../../domain/spreadsheet-safety';
import { parseCsv } from '../../domain/student-import';

const normal = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

/** A cell read as text, or the reason it holds no text to read (a formula error such as #N/A). */
export type CellRead = { text: string } | { error: string };

const day = (d: Date) =>
  Number.isNaN(d.getTime())
    ? String(d)
    : `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;

/**
 * THE way to read an exceljs cell value, for every XLSX reader: a string as it is; a number as its digits (a bare
 * number in a date column is the date parser's to read as an Excel date); a date as its calendar day `yyyy-mm-dd`
 * (exceljs gives dates at UTC midnight, so UTC parts, no time-zone shift); a boolean as Excel shows it in Russian;
 * rich text as its runs joined; a hyperlink (a mailto: e-mail) as its text, plain or rich; a formula or shared formula
 * as its cached result (none — e.g. a formula giving "" — is empty); an error value, of a formula or not, as an error.
 */
export function cellValueText(value: ExcelJS.CellValue | undefined): CellRead {
  const v = value as unknown;
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number') return { text: Number.isFinite(v) ? String(v) : '' };
  if (typeof v === 'boolean') return { text: v ? 'ИСТИНА' : 'ЛОЖЬ' };
  if (v instanceof Date) return { text: day(v) };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { error: String(o.error) };
    if (Array.isArray(o.richText))
      return {
        text: (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join(''),
      };
    if ('hyperlink' in o) return cellValueText(o.text as ExcelJS.CellValue);
    if ('formula' in o || 'sharedFormula' in o || 'result' in o) return cellValueText(o.result as ExcelJS.CellValue);
    // Not «[object Object]» as a student's name: a value of a kind this reader does not know is not read.
    return { error: 'значение, которое не удаётся прочитать' };
  }
  return { text: typeof v === 'bigint' ? v.toString() : '' };
}

/**
 * THE writer of every XLSX the product gives out (formula injection, domain/spreadsheet-safety.ts): the book as bytes,
 * after every cell is checked. A text is a string cell, which no spreadsheet evaluates on opening; one that a
 * spreadsheet would evaluate if typed (`isFormulaLike`: `=1+2`, `@SUM(1+1)`, `+7 912 000-00-00`, TAB first…) also gets
 * the number format Text (`@`), so that editing it keeps it text; its value stays exact, and so does a template
 * imported back. Numbers stay numbers. A formula is never written: user text cannot become one (exceljs makes a formula
 * only of a `{ formula }` object), and a formula value here is a programming error — thrown.
 */
export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  for (const sheet of workbook.worksheets)
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Merge) return; // the master cell carries the value and the style
        if (cell.type === ExcelJS.ValueType.Formula)
          throw new Error(`workbookBuffer: ${sheet.name}!${cell.address} is a formula; exports write values only`);
        const read = cellValueText(cell.value);
        // A fresh style object: exceljs lets cells share one (a merged range's cells share the master's).
        if ('text' in read && isFormulaLike(read.text)) cell.style = { ...cell.style, numFmt: '@' };
      }),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A row of a table: its cell texts, and the cells that hold nothing to read, as «Column: reason». */
export interface TableRow {
  row: number;
  cells: string[];
  problems: string[];
}

export type TableRead = { ok: true; rows: TableRow[] } | { ok: false; errors: RowError[] };

/**
 * A parser's errors with the rows that have unreadable cells: such a row is reported by those cells alone (its other
 * checks ran on empty cells and would only add noise, e.g. «заполните» for the same cell). Sorted by row.
 */
export function withCellProblems(rows: TableRow[], errors: RowError[]): RowError[] {
  const broken = rows.filter((r) => r.problems.length > 0);
  return [
    ...errors.filter((e) => !broken.some((r) => r.row === e.row)),
    ...broken.map((r) => ({ row: r.row, message: r.problems.join('; ') })),
  ].sort((a, b) => a.row - b.row);
}

/**
 * A table with a header row that must carry `columns` in order: an XLSX book (its sheet `sheetName`, else the first)
 * or a CSV file (UTF-8, `;` or `,`). Rows come back as cell texts with their row numbers.
 */
export async function readTable(
  file: Buffer,
  columns: readonly string[],
  options: { sheetName?: string; csv: boolean },
): Promise<TableRead> {
  const { sheetName } = options;
  let table: CellRead[][];
  const isXlsx = file.subarray(0, 2).toString('latin1') === 'PK';
  if (!isXlsx && !options.csv)
    return { ok: false, errors: [{ row: 0, message: 'Файл: это не книга Excel (XLSX) или она повреждена' }] };
  if (isXlsx) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      return { ok: false, errors: [{ row: 0, message: 'Файл: это не книга Excel (XLSX) или она повреждена' }] };
    }
    const sheet = (sheetName ? workbook.getWorksheet(sheetName) : undefined) ?? workbook.worksheets[0];
    if (!sheet) return { ok: false, errors: [{ row: 0, message: 'Файл: в книге нет листов' }] };
    table = [];
    for (let r = 1; r <= sheet.rowCount; r++)
      table.push(columns.map((_, i) => cellValueText(sheet.getRow(r).getCell(i + 1).value)));
  } else {
    const text = file.toString('utf8');
    if (text.includes('\uFFFD') || file.includes(0))
      return { ok: false, errors: [{ row: 0, message: 'Файл: это не книга Excel (XLSX) и не CSV в кодировке UTF-8' }] };
    table = parseCsv(text).map((cells) => cells.map((text) => ({ text })));
  }
  const header = (table[0] ?? []).map((c) => ('text' in c ? c.text : c.error));
  const wrong = columns.findIndex((name, i) => normal(header[i] ?? '') !== normal(name));
  if (wrong >= 0) {
    return {
      ok: false,
      errors: [
        {
          row: 1,
          message: `Заголовок: в столбце ${wrong + 1} ожидается «${columns[wrong]}», в файле «${header[wrong] ?? ''}». Возьмите шаблон со страницы`,
        },
      ],
    };
  }
  return {
    ok: true,
    rows: table.slice(1).map((cells, i) => ({
      row: i + 2,
      cells: columns.map((_, c) => {
        const cell = cells[c];
        return cell && 'text' in cell ? cell.text : '';
      }),
      problems: columns.flatMap((name, c) => {
        const cell = cells[c];
        return cell && 'error' in cell ? [`${name}: в ячейке ошибка формулы ${cell.error}`] : [];
      }),
    })),
  };
}
