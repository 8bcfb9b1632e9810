/**
 * The region's view as a workbook (issue #27, item 3): one row per college — its zone, its day, its term and the
 * figures of the page (domain/region-view.ts `REGION_COLUMNS`), numbers as numbers. Aggregates only: no names.
 */
import ExcelJS from 'exceljs';
import { formatDate } from '../../domain/dates';
import { REGION_COLUMNS, termLabel, zoneLabel, type RegionReport } from '../../domain/region-view';
import { workbookBuffer } from '../services/spreadsheet';

export function regionTitle(report: RegionReport): string {
  return `Показатели колледжей региона, ${report.periodLabel}`;
}

export async function renderRegionXlsx(report: RegionReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Колледжи');
  sheet.addRow([regionTitle(report)]).font = { bold: true, size: 13 };
  const head = sheet.addRow([
    'Колледж',
    'Город',
    'Часовой пояс',
    'Дата расчёта',
    'Семестр',
    ...REGION_COLUMNS.map((c) => c.header),
  ]);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  for (const r of report.rows)
    sheet.addRow([
      r.college,
      r.city ?? '',
      zoneLabel(r.timeZone),
      formatDate(r.today),
      termLabel(r),
      // A number where there is one, else the text the page shows («скрыто (<5)», «—»).
      ...REGION_COLUMNS.map((c) => c.value(r) ?? c.text(r)),
    ]);
  sheet.columns.forEach((c, i) => (c.width = i === 0 ? 36 : i === 4 ? 34 : i < 4 ? 18 : 13));
  sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: 1 }];
  return workbookBuffer(workbook);
}
