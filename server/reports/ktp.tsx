import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../services/spreadsheet';
import { KTP_COLUMNS, topicNumbers } from '../../domain/ktp';
import { LESSON_KINDS, lessonKindLabel } from '../../domain/lesson-kinds';
import type { Ktp } from '../services/journal/ktp';
import { renderPdf } from './pdf-fonts';

const styles = StyleSheet.create({
  page: { paddingVertical: 32, paddingHorizontal: 40, fontSize: 9, lineHeight: 1.35 },
  approve: { alignSelf: 'flex-end', width: 240, marginBottom: 10 },
  bold: { fontWeight: 'bold' },
  title: { fontSize: 13, fontWeight: 'bold', textAlign: 'center', marginTop: 8 },
  center: { textAlign: 'center' },
  block: { marginVertical: 8 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#888' },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  section: { backgroundColor: '#f6f6f6', fontWeight: 'bold' },
  no: { width: 30, padding: 3, borderRightWidth: 0.5, borderColor: '#888', textAlign: 'right' },
  name: { flex: 1, padding: 3, borderRightWidth: 0.5, borderColor: '#888' },
  hours: { width: 40, padding: 3, borderRightWidth: 0.5, borderColor: '#888', textAlign: 'right' },
  kind: { width: 130, padding: 3 },
  footer: { position: 'absolute', bottom: 14, left: 40, right: 40, fontSize: 7, color: '#666' },
});

function KtpDocument({ ktp, college, font }: { ktp: Ktp; college: string; font: string }) {
  const a = ktp.assignment;
  const numbers = topicNumbers(ktp.rows);
  const byKind = LESSON_KINDS.filter((k) => ktp.totals.byKind[k.code])
    .map((k) => `${k.label.toLowerCase()} — ${ktp.totals.byKind[k.code]}`)
    .join(', ');
  return (
    <Document title={`КТП: ${a.itemCode} ${a.itemName}, ${a.groupName}`} author={college} language="ru">
      <Page size="A4" style={{ ...styles.page, fontFamily: font }}>
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
          <Text style={styles.no}>№</Text>
          <Text style={styles.name}>Наименование разделов и тем</Text>
          <Text style={styles.hours}>Часы</Text>
          <Text style={styles.kind}>Вид занятия</Text>
        </View>
        {ktp.rows.map((r, i) => (
          <View key={i} style={r.section ? [styles.row, styles.section] : styles.row} wrap={false}>
            <Text style={styles.no}>{numbers[i] ?? ''}</Text>
            <Text style={styles.name}>{r.title}</Text>
            <Text style={styles.hours}>{r.section ? '' : r.hours}</Text>
            <Text style={styles.kind}>{r.kind ? lessonKindLabel(r.kind) : ''}</Text>
          </View>
        ))}
        <Text
          style={styles.footer}
          fixed
          render={({ pageNumber, totalPages }) =>
            `Электронный журнал · ${college} · КТП ${a.itemCode}, ${a.groupName} · стр. ${pageNumber} из ${totalPages}`
          }
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
