import ExcelJS from 'exceljs';
import { CURRICULUM_COLUMNS, FORM_LABELS, itemRows, type PlanItem, type RowError } from '../../domain/curriculum-template';

const SHEET = 'Учебный план';
const normal = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? ''); // a formula: its value
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return cell.text ?? String(v);
}

/** The first sheet's rows as cell texts under a header row that must match the template. */
export async function readCurriculumWorkbook(file: Buffer): Promise<{ ok: true; rows: { row: number; cells: string[] }[] } | { ok: false; errors: RowError[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { ok: false, errors: [{ row: 0, message: 'Файл: это не книга Excel (XLSX) или она повреждена' }] };
  }
  const sheet = workbook.getWorksheet(SHEET) ?? workbook.worksheets[0];
  if (!sheet) return { ok: false, errors: [{ row: 0, message: 'Файл: в книге нет листов' }] };
  const header = CURRICULUM_COLUMNS.map((_, i) => cellText(sheet.getRow(1).getCell(i + 1)));
  const wrong = CURRICULUM_COLUMNS.findIndex((name, i) => normal(header[i] ?? '') !== normal(name));
  if (wrong >= 0) {
    return {
      ok: false,
      errors: [{ row: 1, message: `Заголовок: в столбце ${wrong + 1} ожидается «${CURRICULUM_COLUMNS[wrong]}», в файле «${header[wrong] ?? ''}». Возьмите шаблон со страницы учебных планов` }],
    };
  }
  const rows: { row: number; cells: string[] }[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push({ row: r, cells: CURRICULUM_COLUMNS.map((_, i) => cellText(row.getCell(i + 1))) });
  }
  return { ok: true, rows };
}

/** The plan in the template (an empty template when there are no items), with a sheet that explains the columns. */
export async function writeCurriculumWorkbook(title: string, items: Omit<PlanItem, 'kind' | 'parentCode'>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Электронный журнал';
  const sheet = workbook.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...CURRICULUM_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  const widths = [8, 12, 50, 22, 9, 12, 9, 13, 13, 15, 18];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  for (const item of items) {
    for (const cells of itemRows(item)) sheet.addRow(cells.map((c, i) => (i >= 4 && i <= 9 && c !== '' ? Number(c) : c)));
  }
  const help = workbook.addWorksheet('Пояснения');
  help.getColumn(1).width = 110;
  [
    title,
    '',
    'Одна строка — одна дисциплина (МДК, практика) в одном семестре; у строки, которая идёт несколько семестров, несколько строк с одним кодом.',
    'Цикл: ОУД, СГ, ОГСЭ, ЕН, ОП, ПМ. Для МДК, УП и ПП цикл — ПМ (можно не заполнять).',
    'Код: ОП.04, ПМ.01, МДК.01.02, УП.01, ПП.01. МДК.01.02, УП.01 и ПП.01 входят в модуль ПМ.01 — он должен быть в файле.',
    'Семестр: 1–8, от начала обучения. Строка без семестра — модуль или дисциплина без часов.',
    'Часы — целые числа. «Всего часов» — работа с преподавателем (её учитывает журнал): теория, практические и лабораторные вместе не больше неё; если они не заполнены, все часы — теория. Самостоятельная работа — сверх «Всего».',
    `Форма аттестации: ${Object.entries(FORM_LABELS).map(([code, label]) => `${code} — ${label}`).join(', ')}; пусто — только оценка за семестр.`,
    'Если хотя бы одна строка с ошибкой, не загружается ничего; в ответе — номера строк и причины.',
    'Строки плана, которых нет в файле, удаляются из плана, если по ним ещё не ведутся журналы.',
  ].forEach((line) => help.addRow([line]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
