/**
 * The monitoring of journal keeping as a workbook (issue #13, item 1): a sheet per journal with the counts of each
 * rule, a sheet per teacher with the last sign-in and entry, and every flag with its «why» and the journal's address
 * (violations and risks on sheets of their own).
 */
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../services/spreadsheet';
import { formatDate, formatDateTime } from '../../domain/dates';
import { MONITORING_RULE_KEYS, MONITORING_RULES, totalOf } from '../../domain/monitoring';
import type { MonitoringReport } from '../services/control/monitoring';

export function monitoringTitle(report: MonitoringReport): string {
  return `Контроль ведения журнала ${report.term.name} на ${formatDate(report.today)}`;
}

export async function renderMonitoringXlsx(report: MonitoringReport, baseUrl: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const when = (at: string | null) => (at ? formatDateTime(at, report.timeZone) : '—');
  const rules = MONITORING_RULE_KEYS.map((r) => MONITORING_RULES[r].label);

  const journals = workbook.addWorksheet('Журналы');
  journals.addRow([monitoringTitle(report)]).font = { bold: true, size: 13 };
  const head = journals.addRow([
    'Группа',
    'Дисциплина',
    'Преподаватель',
    'План, ч',
    'Положено, ч',
    'Проведено, ч',
    'Последняя запись',
    ...rules,
    'Всего нарушений',
    'Риск к концу семестра',
  ]);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  for (const j of report.journals)
    journals.addRow([
      j.group,
      j.title,
      j.teacher ?? '—',
      j.plannedHours,
      j.dueHours,
      j.heldHours,
      when(j.lastEntryAt),
      ...MONITORING_RULE_KEYS.map((r) => j.counts[r]),
      totalOf(j.counts),
      j.risks,
    ]);
  journals.columns.forEach((c, i) => (c.width = i === 1 ? 40 : i < 3 ? 18 : 12));
  journals.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];

  const teachers = workbook.addWorksheet('Преподаватели');
  teachers.addRow([
    'Преподаватель',
    'Журналов',
    'Последний вход',
    'Последняя запись',
    ...rules,
    'Всего нарушений',
    'Риск к концу семестра',
  ]).font = { bold: true };
  for (const t of report.teachers)
    teachers.addRow([
      t.teacher,
      t.journals,
      when(t.lastSignInAt),
      when(t.lastEntryAt),
      ...MONITORING_RULE_KEYS.map((r) => t.counts[r]),
      totalOf(t.counts),
      t.risks,
    ]);
  teachers.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 16));

  for (const [title, list] of [
    ['Нарушения', report.flags],
    ['Риск к концу семестра', report.risks],
  ] as const) {
    const flags = workbook.addWorksheet(title);
    flags.addRow(['Правило', 'Группа', 'Дисциплина', 'Преподаватель', 'С какого дня', 'Почему', 'Где исправить']).font =
      {
        bold: true,
      };
    for (const f of list) {
      const row = flags.addRow([
        MONITORING_RULES[f.rule].label,
        f.group,
        f.subject,
        f.teacher ?? '—',
        formatDate(f.since),
        f.text,
        { text: 'открыть', hyperlink: `${baseUrl}${f.href}` },
      ]);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
    flags.columns.forEach((c, i) => (c.width = [24, 12, 36, 20, 14, 60, 12][i] ?? 14));
    flags.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return workbookBuffer(workbook);
}
