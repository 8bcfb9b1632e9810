import { Document, Page, StyleSheet, Text, View, type Styles } from '@react-pdf/renderer';
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../services/spreadsheet';
import { KTP_COLUMNS, topicNumbers } from '../../domain/ktp';
import { LESSON_KINDS, lessonKindLabel } from '../../domain/lesson-kinds';
import type { Ktp } from '../services/journal/ktp';
import { renderPdf } from './pdf-fonts';
import { fitCell, wrapText } from './pdf-text';

const SIZE = 9;
const PAD = 3;
/** A4 portrait between the side margins; the columns of the plan (the title's takes the rest). */
const WIDTH = 595.28 - 2 * 40;
const COLUMNS = [30, WIDTH - 30 - 40 - 130, 40, 130];
const FOOTER = { size: 7, line: 7 * 1.35, bottom: 14 };

const styles = StyleSheet.create({
  page: { paddingVertical: 32, paddingHorizontal: 40, fontSize: SIZE, lineHeight: 1.35 },
  approve: { alignSelf: 'flex-end', width: 240, marginBottom: 10 },
  bold: { fontWeight: 'bold' },
  // A unitless lineHeight is resolved against the size it is declared with: a size of its own declares its own.
  title: { fontSize: 13, lineHeight: 1.35, fontWeight: 'bold', textAlign: 'center', marginTop: 8 },
  center: { textAlign: 'center' },
  block: { marginVertical: 8 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#888' },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  section: { backgroundColor: '#f6f6f6', fontWeight: 'bold' },
  no: { width: COLUMNS[0], padding: PAD, borderRightWidth: 0.5, borderColor: '#888', textAlign: 'right' },
  name: { width: COLUMNS[1], padding: PAD, borderRightWidth: 0.5, borderColor: '#888' },
  hours: { width: COLUMNS[2], padding: PAD, borderRightWidth: 0.5, borderColor: '#888', textAlign: 'right' },
  kind: { width: COLUMNS[3], padding: PAD },
  footer: {
    position: 'absolute',
    bottom: FOOTER.bottom,
    left: 40,
    right: 40,
    fontSize: FOOTER.size,
    lineHeight: 1.35,
    color: '#666',
  },
});

/** A cell of the plan, its text broken to its column (a header a point smaller rather than split). */
function Cell({ text, column, style, bold }: { text: string; column: number; style: Styles[string]; bold?: boolean }) {
  const fitted = fitCell(text, COLUMNS[column]! - 2 * PAD - 0.5, { size: SIZE, bold });
  return <Text style={[style, { fontSize: fitted.size }]}>{fitted.lines.join('\n')}</Text>;
}

function KtpDocument({ ktp, college, font }: { ktp: Ktp; college: string; font: string }) {
  const a = ktp.assignment;
  const numbers = topicNumbers(ktp.rows);
  const byKind = LESSON_KINDS.filter((k) => ktp.totals.byKind[k.code])
    .map((k) => `${k.label.toLowerCase()} — ${ktp.totals.byKind[k.code]}`)
    .join(', ');
  // The footer, broken to the page's width; the page keeps its lines clear of the plan (a long college name wraps).
  const footer = (page: number | string, pages: number | string) =>
    wrapText(
      `Электронный журнал · ${college} · КТП ${a.itemCode}, ${a.groupName} · стр. ${page} из ${pages}`,
      WIDTH,
      FOOTER,
    );
  const bottom = Math.max(32, FOOTER.bottom + footer(999, 999).length * FOOTER.line + 6);
  return (
    <Document title={`КТП: ${a.itemCode} ${a.itemName}, ${a.groupName}`} author={college} language="ru">
      <Page size="A4" style={{ ...styles.page, paddingBottom: bottom, fontFamily: font }}>
        <Text style={styles.center}>{college}</Text>
        <View style={styles.approve}>
          <Text style={styles.bold}>УТВЕРЖДАЮ</Text>
          <Text>{ktp.approvedBy ?? 'Заместитель директора по учебной работе'}</Text>
          <Text>____________________</Text>
          <Text>«___» ____________ 20___ г.</Text>
        </View>
        <Text>
          Рассмотрено: {ktp.reviewedAt ?? 'на заседании предметно-цикловой комиссии, протокол № ___ от ________'}
        </Text>
        <Text style={styles.title}>КАЛЕНДАРНО-ТЕМАТИЧЕСКИЙ ПЛАН</Text>
        <Text style={styles.center}>
          по {a.itemCode} {a.itemName}
        </Text>
        <Text style={styles.center}>
          группа {a.groupName}
          {a.subgroupName ? ` (${a.subgroupName})` : ''}, {a.termName}
        </Text>
        <View style={styles.block}>
          <Text>Преподаватель: {a.teacherName}</Text>
          <Text>
            Всего часов по КТП: {ktp.totals.hours} (по учебному плану {a.plannedHours})
            {byKind ? `, в том числе: ${byKind}` : ''}
          </Text>
          {ktp.difference && <Text>{ktp.difference}</Text>}
        </View>
        <View style={[styles.row, styles.head]} fixed>
          <Cell text="№" column={0} style={styles.no} bold />
          <Cell text="Наименование разделов и тем" column={1} style={styles.name} bold />
          <Cell text="Часы" column={2} style={styles.hours} bold />
          <Cell text="Вид занятия" column={3} style={styles.kind} bold />
        </View>
        {ktp.rows.map((r, i) => (
          <View key={i} style={r.section ? [styles.row, styles.section] : styles.row} wrap={false}>
            <Cell text={String(numbers[i] ?? '')} column={0} style={styles.no} bold={r.section} />
            <Cell text={r.title} column={1} style={styles.name} bold={r.section} />
            <Cell text={r.section ? '' : String(r.hours)} column={2} style={styles.hours} bold={r.section} />
            <Cell text={r.kind ? lessonKindLabel(r.kind) : ''} column={3} style={styles.kind} bold={r.section} />
          </View>
        ))}
        <Text
          style={styles.footer}
          fixed
          render={({ pageNumber, totalPages }) => footer(pageNumber, totalPages).join('\n')}
        />
      </Page>
    </Document>
  );
}

/** The КТП as a PDF: A4, DejaVu Sans, the title block (approved by, reviewed at, teacher, hours by kind), the topics. */
export async function renderKtpPdf(ktp: Ktp, college: string): Promise<Buffer> {
  return renderPdf((font) => <KtpDocument ktp={ktp} college={college} font={font} />);
}

/**
 * The XLSX template of a КТП (KTP_COLUMNS): a line with a title and no hours is a section heading; the kind of lesson
 * by its name («Лекция (урок)», «Практическое занятие») or short name («лек», «пз»). Filled with the plan, if any.
 */
export async function renderKtpTemplate(rows: Ktp['rows'] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('КТП');
  sheet.addRow([...KTP_COLUMNS]).font = { bold: true };
  const numbers = topicNumbers(rows);
  if (rows.length)
    rows.forEach((r, i) =>
      sheet.addRow([numbers[i] ?? '', r.title, r.section ? '' : r.hours, r.kind ? lessonKindLabel(r.kind) : '']),
    );
  else {
    sheet.addRow(['', 'Раздел 1. Введение в дисциплину', '', '']);
    sheet.addRow([1, 'Цели и задачи дисциплины', 2, 'Лекция (урок)']);
    sheet.addRow([2, 'Практическая работа № 1', 2, 'Практическое занятие']);
  }
  const kinds = workbook.addWorksheet('Виды занятий');
  kinds.addRow(['Вид занятия', 'Кратко']).font = { bold: true };
  for (const k of LESSON_KINDS) kinds.addRow([k.label, k.short]);
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 70;
  sheet.getColumn(3).width = 8;
  sheet.getColumn(4).width = 26;
  return workbookBuffer(workbook);
}
