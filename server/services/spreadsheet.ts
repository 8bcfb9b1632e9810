import ExcelJS from 'exceljs';
import type { RowError } from '../../domain/curriculum-template';
import { parseCsv } from '../../domain/student-import';

const normal = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10); // an Excel date: its day
  if (typeof v === 'object' && 'result' in v) return v.result instanceof Date ? v.result.toISOString().slice(0, 10) : String(v.result ?? '');
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return cell.text ?? String(v);
}

export type TableRead = { ok: true; rows: { row: number; cells: string[] }[] } | { ok: false; errors: RowError[] };

/**
 * A table with a header row that must carry `columns` in order: an XLSX book (its sheet `sheetName`, else the first)
 * or a CSV file (UTF-8, `;` or `,`). Rows come back as cell texts with their row numbers.
 */
export async function readTable(file: Buffer, columns: readonly string[], options: { sheetName?: string; csv: boolean }): Promise<TableRead> {
  const { sheetName } = options;
  let table: string[][];
  const isXlsx = file.subarray(0, 2).toString('latin1') === 'PK';
  if (!isXlsx && !options.csv) return { ok: false, errors: [{ row: 0, message: 'Файл: это не книга Excel (XLSX) или она повреждена' }] };
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
    for (let r = 1; r <= sheet.rowCount; r++) table.push(columns.map((_, i) => cellText(sheet.getRow(r).getCell(i + 1))));
  } else {
    const text = file.toString('utf8');
    if (text.includes('\uFFFD') || file.includes(0)) return { ok: false, errors: [{ row: 0, message: 'Файл: это не книга Excel (XLSX) и не CSV в кодировке UTF-8' }] };
    table = parseCsv(text);
  }
  const header = table[0] ?? [];
  const wrong = columns.findIndex((name, i) => normal(header[i] ?? '') !== normal(name));
  if (wrong >= 0) {
    return {
      ok: false,
      errors: [{ row: 1, message: `Заголовок: в столбце ${wrong + 1} ожидается «${columns[wrong]}», в файле «${header[wrong] ?? ''}». Возьмите шаблон со страницы` }],
    };
  }
  return { ok: true, rows: table.slice(1).map((cells, i) => ({ row: i + 2, cells: columns.map((_, c) => cells[c] ?? '') })) };
}
