import { Document, Page, StyleSheet, Text, View, type Styles } from '@react-pdf/renderer';
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../services/spreadsheet';
import { formatDate } from '../../domain/dates';
import { confirmedWarningText, hoursColumns, HOURS_DIMENSION_LABELS, hoursCell } from '../../domain/hours-delivered';
import type { HoursReport } from '../services/timetable/hours';
import { renderPdf } from './pdf-fonts';
import { fitCell, wrapText } from './pdf-text';

/** «Вычитка часов по преподавателям, 1 семестр 2026/2027, 01.09.2026 — 28.12.2026». */
export function hoursTitle(r: HoursReport): string {
  return `Вычитка часов ${HOURS_DIMENSION_LABELS[r.by]}, ${r.term.name}, ${formatDate(r.from)} — ${formatDate(r.to)}`;
}

const FIRST_HEADER = { teacher: 'Преподаватель', group: 'Группа', item: 'Дисциплина' } as const;

const SIZE = 7.5;
const PAD = 2;
/** A4 landscape between the margins; the label column, the figures share the rest. */
const WIDTH = 841.89 - 2 * 24;
const LABEL = 150;
const FOOTER = { size: 7, bottom: 12 };

/** A cell's text broken to its width (a header a point smaller rather than split). */
function Cell({ text, width, style, bold }: { text: string; width: number; style: Styles[string]; bold?: boolean }) {
  const fitted = fitCell(text, width - 2 * PAD - 0.5, { size: SIZE, bold });
  return <Text style={[style, { width, fontSize: fitted.size }]}>{fitted.lines.join('\n')}</Text>;
}

const styles = StyleSheet.create({
  page: { paddingVertical: 24, paddingHorizontal: 24, fontSize: 7.5 },
  college: { fontSize: 8, color: '#444' },
  title: { fontSize: 12, fontWeight: 'bold', marginTop: 2 },
  note: { fontSize: 7.5, marginBottom: 6, color: '#444' },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#888' },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  behind: { backgroundColor: '#fbe9e7' },
  total: { fontWeight: 'bold' },
  label: { width: 150, padding: 2, borderRightWidth: 0.5, borderColor: '#888' },
  cell: { flex: 1, padding: 2, borderRightWidth: 0.5, borderColor: '#888', textAlign: 'right' },
  footer: {
    position: 'absolute',
    bottom: FOOTER.bottom,
    left: 24,
    right: 24,
    fontSize: FOOTER.size,
    lineHeight: 1.25,
    color: '#666',
  },
  warnings: { marginTop: 8 },
});

function HoursDocument({ report, font }: { report: HoursReport; font: string }) {
  const title = hoursTitle(report);
  const width = (WIDTH - LABEL) / hoursColumns(report.by).length;
  // The footer, broken to the page's width; the page keeps its lines clear of the table (a long college name wraps).
  const footer = (page: number | string, pages: number | string) =>
    wrapText(`Электронный журнал · ${report.college} · ${title} · стр. ${page} из ${pages}`, WIDTH, FOOTER);
  const bottom = Math.max(24, FOOTER.bottom + footer(999, 999).length * FOOTER.size * 1.25 + 6);
  return (
    <Document title={title} author={report.college} language="ru">
      <Page size="A4" orientation="landscape" style={{ ...styles.page, paddingBottom: bottom, fontFamily: font }}>
        <Text style={styles.college}>{report.college}</Text>
        <Text style={styles.title}>{title}</Text>
        <Text style={styles.note}>
          Проведено — заполненные занятия по {formatDate(report.until)}; должно быть проведено — по опубликованному
          расписанию (без расписания — план равномерно по дням семестра). Отставание выделено.
        </Text>
        <View style={[styles.row, styles.head]} fixed>
          <Cell text={FIRST_HEADER[report.by]} width={LABEL} style={styles.label} bold />
          {hoursColumns(report.by).map((c) => (
            <Cell key={c.key} text={c.header} width={width} style={styles.cell} bold />
          ))}
        </View>
        {report.rows.map((r) => (
          <View
            key={r.key}
            style={[styles.row, ...(r.behind ? [styles.behind] : []), ...(r.key === 'total' ? [styles.total] : [])]}
            wrap={false}
          >
            <Cell text={r.label} width={LABEL} style={styles.label} bold={r.key === 'total'} />
            {hoursColumns(report.by).map((c) => (
              <Cell
                key={c.key}
                text={String(hoursCell(r, c.key))}
                width={width}
                style={styles.cell}
                bold={r.key === 'total'}
              />
            ))}
          </View>
        ))}
        {report.warnings.length > 0 && (
          <View style={styles.warnings}>
            <Text style={styles.total}>Изменения расписания, сохранённые вопреки предупреждению</Text>
            {report.warnings.map((w, i) => (
              <Text key={i}>{confirmedWarningText(w)}</Text>
            ))}
          </View>
        )}
        <Text
          style={styles.footer}
          fixed
          render={({ pageNumber, totalPages }) => footer(pageNumber, totalPages).join('\n')}
        />
      </Page>
    </Document>
  );
}

/** The report as a PDF: A4 landscape, DejaVu Sans (Cyrillic), rows behind schedule shaded. */
export async function renderHoursPdf(report: HoursReport): Promise<Buffer> {
  return renderPdf((font) => <HoursDocument report={report} font={font} />);
}

/** The report as XLSX: a title, one header row, figures as numbers, rows behind schedule filled pink. */
export async function renderHoursXlsx(report: HoursReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Вычитка часов');
  sheet.addRow([report.college]);
  sheet.addRow([hoursTitle(report)]).font = { bold: true, size: 13 };
  sheet.addRow([`Проведено — заполненные занятия по ${formatDate(report.until)}`]);
  const header = sheet.addRow([FIRST_HEADER[report.by], ...hoursColumns(report.by).map((c) => c.header), 'Отставание']);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const r of report.rows) {
    const row = sheet.addRow([r.label, ...hoursColumns(report.by).map((c) => r[c.key]), r.behind ? 'да' : '']);
    if (r.key === 'total') row.font = { bold: true };
    if (r.behind)
      row.eachCell((cell) => {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFBE9E7' } };
      });
  }
  if (report.warnings.length > 0) {
    sheet.addRow([]);
    sheet.addRow(['Изменения расписания, сохранённые вопреки предупреждению']).font = { bold: true };
    for (const w of report.warnings) sheet.addRow([confirmedWarningText(w)]);
  }
  sheet.getColumn(1).width = 40;
  for (let i = 2; i <= hoursColumns(report.by).length + 2; i++) sheet.getColumn(i).width = 13;
  sheet.views = [{ state: 'frozen', ySplit: 4, xSplit: 1 }];
  return workbookBuffer(workbook);
}
