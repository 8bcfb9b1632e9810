import ExcelJS from 'exceljs';
import { CURRICULUM_COLUMNS, FORM_LABELS, itemRows, type PlanItem } from '../../../domain/curriculum-template';
import { readTable, workbookBuffer, type TableRead } from '../spreadsheet';

const SHEET = 'Учебный план';
/** The first sheet's rows as cell texts under a header row that must match the template. */
export async function readCurriculumWorkbook(file: Buffer): Promise<TableRead> {
  return readTable(file, CURRICULUM_COLUMNS, { sheetName: SHEET, csv: false });
}

/** The plan in the template (an empty template when there are no items), with a sheet that explains the columns. */
export async function writeCurriculumWorkbook(
  title: string,
  items: Omit<PlanItem, 'kind' | 'parentCode'>[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Электронный журнал';
  const sheet = workbook.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...CURRICULUM_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  const widths = [8, 12, 50, 22, 9, 12, 9, 13, 13, 15, 18];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  for (const item of items) {
    for (const cells of itemRows(item))
      sheet.addRow(cells.map((c, i) => (i >= 4 && i <= 9 && c !== '' ? Number(c) : c)));
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
    `Форма аттестации: ${Object.entries(FORM_LABELS)
      .map(([code, label]) => `${code} — ${label}`)
      .join(', ')}; пусто — только оценка за семестр.`,
    'Если хотя бы одна строка с ошибкой, не загружается ничего; в ответе — номера строк и причины.',
    'Строки плана, которых нет в файле, удаляются из плана, если по ним ещё не ведутся журналы.',
  ].forEach((line) => help.addRow([line]));
  return workbookBuffer(workbook);
}
