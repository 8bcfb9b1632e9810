/**
 * «Сводная ведомость учета успеваемости» as a PDF (A4 landscape, DejaVu Sans) and as XLSX (exceljs) — the same
 * figures, computed once in domain/consolidated-sheet.ts and domain/indicators.ts.
 */
import { Document, Page, StyleSheet, Text, View, type Styles } from '@react-pdf/renderer';
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../../services/spreadsheet';
import { SHEET_GROUP_LABELS, SHEET_INDICATOR_ROWS, type SheetColumn } from '../../../domain/consolidated-sheet';
import { formatDate } from '../../../domain/dates';
import { formatIndicator, STANDING_LABELS, type StudentStanding } from '../../../domain/indicators';
import { renderPdf } from '../pdf-fonts';
import { fitCell } from '../pdf-text';
import type { CopyStamp } from '../certify';
import { StampFooter, STAMP_BOTTOM, STAMP_HEIGHT } from '../stamp';
import type { ConsolidatedReport } from './load';

const MARGIN_X = 26;
const TABLE_WIDTH = 841.89 - 2 * MARGIN_X;
const NO = 16;
const NAME = 150;
const MISSED = 28;
const LINE = '#777';
const SIZE = 7;
const PAD = 1.5;
const PAD_LEFT = 2;

const s = StyleSheet.create({
  // The bottom keeps clear of a certified copy's stamp.
  page: {
    paddingTop: 24,
    paddingBottom: STAMP_BOTTOM + STAMP_HEIGHT + 2,
    paddingHorizontal: MARGIN_X,
    fontSize: SIZE,
    lineHeight: 1.25,
  },
  pageNo: { position: 'absolute', top: 12, right: MARGIN_X, fontSize: 8, lineHeight: 1.25 },
  center: { textAlign: 'center' },
  // A unitless lineHeight is resolved against the size it is declared with: a size of its own declares its own.
  title: { fontSize: 12, lineHeight: 1.25, fontWeight: 'bold', textAlign: 'center', marginVertical: 4 },
  table: { borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: LINE, marginTop: 6 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: LINE },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  foot: { backgroundColor: '#f6f6f6' },
  cell: { borderRightWidth: 0.5, borderColor: LINE, padding: PAD, alignItems: 'center', justifyContent: 'center' },
  left: { alignItems: 'flex-start', paddingHorizontal: PAD_LEFT },
  gone: { color: '#666' },
  totals: { flexDirection: 'row', marginTop: 8, gap: 24 },
  // The figures keep their width; the signatures take the rest, right-aligned, and wrap a long name within it.
  figures: { flexShrink: 0 },
  sign: { lineHeight: 2.2, fontSize: 8, flexGrow: 1, flexShrink: 1, flexBasis: 0, alignItems: 'flex-end' },
});

/** A cell of the table, its text broken to the cell's width (a header a point smaller rather than split). */
function Cell({ width, text, style, bold }: { width: number; text?: string; style?: Styles[string]; bold?: boolean }) {
  const pad = style === s.left ? PAD_LEFT : PAD;
  const fitted = text ? fitCell(text, width - 2 * pad - 0.5, { size: SIZE, bold }) : null;
  return (
    <View style={[s.cell, { width }, style ?? {}]}>
      {fitted ? (
        <Text style={{ fontSize: fitted.size, textAlign: style === s.left ? 'left' : 'center' }}>
          {fitted.lines.join('\n')}
        </Text>
      ) : null}
    </View>
  );
}

/** Consecutive columns of one group («Экзамены», «Зачёты», …) for the top header row. */
function columnGroups(columns: SheetColumn[]): { label: string; span: number }[] {
  const out: { label: string; span: number }[] = [];
  for (const c of columns) {
    const label = SHEET_GROUP_LABELS[c.group];
    if (out.at(-1)?.label === label) out.at(-1)!.span += 1;
    else out.push({ label, span: 1 });
  }
  return out;
}

function columnTitle(c: SheetColumn, year: boolean): string {
  return `${c.code}\n${c.shortName}${year ? `\n${c.termNumber} сем.` : ''}`;
}

function ConsolidatedDocument({
  report,
  font,
  stamp,
}: {
  report: ConsolidatedReport;
  font: string;
  stamp?: CopyStamp;
}) {
  const { header: h, sheet } = report;
  const year = report.period === 'year';
  const width = sheet.columns.length ? Math.min(60, (TABLE_WIDTH - NO - NAME - 3 * MISSED) / sheet.columns.length) : 40;
  const labelWidth = NO + NAME;
  return (
    <Document
      title={`Сводная ведомость ${h.group.name}, ${report.periodLabel}`}
      author={h.college.shortName}
      language="ru"
    >
      <Page size="A4" orientation="landscape" style={[s.page, { fontFamily: font }]}>
        <Text style={s.pageNo} fixed render={({ pageNumber }) => String(pageNumber)} />
        {stamp && <StampFooter stamp={stamp} />}
        <Text style={s.center}>{h.college.fullName}</Text>
        <Text style={s.title}>СВОДНАЯ ВЕДОМОСТЬ УЧЕТА УСПЕВАЕМОСТИ</Text>
        <Text style={s.center}>
          группы {h.group.name}, {h.group.course} курс, {h.group.studyForm} форма обучения · за {report.periodLabel} ·
          учебный год {h.year.name}
        </Text>
        <Text style={s.center}>Специальность {h.group.specialty}</Text>
        <View style={s.table}>
          <View style={[s.row, s.head]} wrap={false}>
            <Cell width={labelWidth} />
            {columnGroups(sheet.columns).map((g, i) => (
              <Cell key={i} width={width * g.span} text={g.label} bold />
            ))}
            <Cell width={3 * MISSED} text="Пропущено часов" bold />
          </View>
          <View style={[s.row, s.head]} wrap={false} fixed>
            <Cell width={NO} text="№" bold />
            <Cell width={NAME} text="Фамилия, имя, отчество" style={s.left} bold />
            {sheet.columns.map((c) => (
              <Cell key={c.key} width={width} text={columnTitle(c, year)} bold />
            ))}
            <Cell width={MISSED} text="уваж." bold />
            <Cell width={MISSED} text="неув." bold />
            <Cell width={MISSED} text="всего" bold />
          </View>
          <View style={[s.row, s.head]} wrap={false}>
            <Cell width={labelWidth} text="Форма аттестации" style={s.left} bold />
            {sheet.columns.map((c) => (
              <Cell key={c.key} width={width} text={c.formLabel} bold />
            ))}
            <Cell width={3 * MISSED} />
          </View>
          {sheet.rows.map((r) => (
            <View key={r.studentId} style={r.counted ? s.row : [s.row, s.gone]} wrap={false}>
              <Cell width={NO} text={String(r.no)} />
              <Cell width={NAME} text={r.note ? `${r.name} (${r.note})` : r.name} style={s.left} />
              {r.values.map((v, i) => (
                <Cell key={i} width={width} text={v ?? ''} />
              ))}
              <Cell width={MISSED} text={String(r.missedValid)} />
              <Cell width={MISSED} text={String(r.missedInvalid)} />
              <Cell width={MISSED} text={String(r.missedTotal)} />
            </View>
          ))}
          {SHEET_INDICATOR_ROWS.map((row) => (
            <View key={row.label} style={[s.row, s.foot]} wrap={false}>
              <Cell width={labelWidth} text={row.label} style={s.left} />
              {sheet.indicators.map((i, c) => (
                <Cell key={c} width={width} text={row.value(i)} />
              ))}
              <Cell width={3 * MISSED} />
            </View>
          ))}
          <View style={[s.row, s.foot]} wrap={false}>
            <Cell width={labelWidth + width * sheet.columns.length} text="Итого пропущено часов" style={s.left} />
            <Cell width={MISSED} text={String(sheet.missed.valid)} />
            <Cell width={MISSED} text={String(sheet.missed.invalid)} />
            <Cell width={MISSED} text={String(sheet.missed.total)} />
          </View>
        </View>
        <View style={s.totals} wrap={false}>
          <View style={s.figures}>
            <Text>Студентов в расчёте: {sheet.totals.counted}</Text>
            {(Object.keys(STANDING_LABELS) as StudentStanding[]).map((k) => (
              <Text key={k}>
                {STANDING_LABELS[k]}: {sheet.totals.byStanding[k]}
              </Text>
            ))}
          </View>
          <View style={s.figures}>
            <Text>Успеваемость группы: {formatIndicator(sheet.totals.progress)} %</Text>
            <Text>Качество знаний группы: {formatIndicator(sheet.totals.quality)} %</Text>
            <Text style={{ marginTop: 4, color: '#555' }}>В расчёт не входят выбывшие до {formatDate(report.to)}</Text>
            <Text style={{ color: '#555' }}>и освобождённые (осв.); «н/а» входит.</Text>
          </View>
          <View style={s.sign}>
            <Text>Заместитель директора по учебной работе _____________________ / ______________________ /</Text>
            <Text>Заведующий отделением _____________________ / {h.group.head ?? '______________________'} /</Text>
            <Text>Классный руководитель _____________________ / {h.group.curator ?? '______________________'} /</Text>
          </View>
        </View>
      </Page>
    </Document>
  );
}

/** The sheet as a PDF. */
export async function renderConsolidatedPdf(report: ConsolidatedReport, stamp?: CopyStamp): Promise<Buffer> {
  return renderPdf((font) => <ConsolidatedDocument report={report} font={font} stamp={stamp} />);
}

/** The sheet as XLSX: the same heading, table, indicator rows and totals, numbers as numbers. */
export async function renderConsolidatedXlsx(report: ConsolidatedReport): Promise<Buffer> {
  const { header: h, sheet } = report;
  const year = report.period === 'year';
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Сводная ведомость', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const last = 2 + sheet.columns.length + 3;
  const line = (text: string, bold = false) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, last);
    row.getCell(1).alignment = { horizontal: 'center' };
    row.font = { bold };
  };
  line(h.college.fullName);
  line('СВОДНАЯ ВЕДОМОСТЬ УЧЕТА УСПЕВАЕМОСТИ', true);
  line(`группы ${h.group.name}, ${h.group.course} курс, ${h.group.studyForm} форма обучения`);
  line(`за ${report.periodLabel}, учебный год ${h.year.name}`);
  line(`Специальность ${h.group.specialty}`);
  const groupsRow = ws.addRow(['', '']);
  let col = 3;
  for (const g of columnGroups(sheet.columns)) {
    groupsRow.getCell(col).value = g.label;
    if (g.span > 1) ws.mergeCells(groupsRow.number, col, groupsRow.number, col + g.span - 1);
    col += g.span;
  }
  groupsRow.getCell(col).value = 'Пропущено часов';
  ws.mergeCells(groupsRow.number, col, groupsRow.number, col + 2);
  const head = ws.addRow([
    '№',
    'Фамилия, имя, отчество',
    ...sheet.columns.map((c) => columnTitle(c, year).replace(/\n/g, ' ')),
    'уваж.',
    'неуваж.',
    'всего',
  ]);
  ws.addRow(['', 'Форма аттестации', ...sheet.columns.map((c) => c.formLabel)]);
  for (const row of [groupsRow, head]) {
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  for (const r of sheet.rows)
    ws.addRow([
      r.no,
      r.note ? `${r.name} (${r.note})` : r.name,
      ...r.values.map((v) => (v !== null && /^[2-5]$/.test(v) ? Number(v) : (v ?? ''))),
      r.missedValid,
      r.missedInvalid,
      r.missedTotal,
    ]);
  for (const row of SHEET_INDICATOR_ROWS) {
    const values = sheet.indicators.map((i) => {
      const text = row.value(i);
      return text === '—' ? '—' : Number(text.replace(',', '.'));
    });
    ws.addRow(['', row.label, ...values]).font = { italic: true };
  }
  ws.addRow([
    '',
    'Итого пропущено часов',
    ...sheet.columns.map(() => ''),
    sheet.missed.valid,
    sheet.missed.invalid,
    sheet.missed.total,
  ]);
  ws.addRow([]);
  ws.addRow(['', `Студентов в расчёте: ${sheet.totals.counted}`]);
  for (const k of Object.keys(STANDING_LABELS) as StudentStanding[])
    ws.addRow(['', STANDING_LABELS[k], sheet.totals.byStanding[k]]);
  ws.addRow(['', 'Успеваемость группы, %', sheet.totals.progress ?? '—']);
  ws.addRow(['', 'Качество знаний группы, %', sheet.totals.quality ?? '—']);
  ws.addRow([]);
  ws.addRow(['', 'Заместитель директора по учебной работе', '_______________']);
  ws.addRow(['', 'Заведующий отделением', '_______________', h.group.head ?? '']);
  ws.addRow(['', 'Классный руководитель', '_______________', h.group.curator ?? '']);
  ws.getColumn(1).width = 4;
  ws.getColumn(2).width = 38;
  for (let c = 3; c <= last; c++) ws.getColumn(c).width = 10;
  return workbookBuffer(workbook);
}
