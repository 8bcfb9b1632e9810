/**
 * Attendance of a group for a period (issue #12, item 3; DOMAIN.md «Attendance summary»): per student the lessons and
 * hours missed — valid (of them for illness) and not — over all the group's journals, as PDF (A4) and XLSX. Scope:
 * `reports.group` (the curator's own group «on request», §5.5; the administration).
 */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../services/spreadsheet';
import { z } from 'zod';
import { queryRows, type Db } from '../../db/client';
import { attendanceRows, attendanceTotals, type AttendanceRow } from '../../domain/attendance-summary';
import { formatDate } from '../../domain/dates';
import { idSchema, isoDateSchema } from '../../domain/ids';
import { compareByName, fullName } from '../../domain/names';
import type { Actor } from '../policy/actor';
import { badInput, outOfScope } from '../policy/refusal';
import { loadGroupHeader, type GroupHeader } from './group-header';
import { renderPdf } from './pdf-fonts';
import { fitCell } from './pdf-text';
import { numberParam, parseReportQuery } from './query-params';

export const attendanceInput = z.object({
  groupId: idSchema,
  termId: idSchema,
  from: isoDateSchema('С').optional(),
  to: isoDateSchema('По').optional(),
});

export function attendanceInputFromQuery(params: URLSearchParams) {
  return parseReportQuery(attendanceInput, {
    groupId: numberParam(params, 'groupId'),
    termId: numberParam(params, 'termId'),
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
  });
}

export interface AttendanceReport {
  header: GroupHeader;
  from: string;
  to: string;
  rows: (AttendanceRow & { no: number; name: string; note: string })[];
  totals: Omit<AttendanceRow, 'studentId'>;
}

/** The report for the actor's scope; a period outside the academic year of the term is refused naming the field. */
export async function loadAttendance(
  db: Db,
  actor: Actor,
  input: z.infer<typeof attendanceInput>,
): Promise<AttendanceReport> {
  const header = await loadGroupHeader(db, actor, input.groupId, input.termId, 'reports.group');
  if (!header) throw outOfScope();
  const from = input.from ?? header.term.startsOn;
  const to = input.to ?? header.term.endsOn;
  const yearFrom = header.terms[0]!.startsOn;
  const yearTo = header.terms.at(-1)!.endsOn;
  const span = `${formatDate(yearFrom)} — ${formatDate(yearTo)}`;
  if (from < yearFrom || from > yearTo) throw badInput(`С: ${formatDate(from)} вне учебного года (${span})`);
  if (to < yearFrom || to > yearTo) throw badInput(`По: ${formatDate(to)} вне учебного года (${span})`);
  if (from > to) throw badInput(`Период: дата «с» (${formatDate(from)}) позже даты «по» (${formatDate(to)})`);
  const inst = header.institutionId;
  const [members, facts, codes] = await Promise.all([
    queryRows<{
      id: number;
      last_name: string;
      first_name: string;
      middle_name: string | null;
      left_on: string | null;
    }>(
      db,
      sql`select s.id, s.last_name, s.first_name, s.middle_name,
            case when bool_or(m.to_date is null) then null else max(m.to_date)::text end as left_on
          from group_memberships m join students s on s.institution_id = m.institution_id and s.id = m.student_id
          where m.institution_id = ${inst} and m.group_id = ${input.groupId}
            and m.from_date <= ${to} and (m.to_date is null or m.to_date >= ${from})
          group by s.id, s.last_name, s.first_name, s.middle_name`,
    ),
    queryRows<{ student_id: number; hours: number; code: string }>(
      db,
      sql`select c.student_id, l.hours, c.attendance as code
          from lessons l join teaching_assignments ta on ta.institution_id = l.institution_id and ta.id = l.teaching_assignment_id
          join journal_cells c on c.institution_id = l.institution_id and c.lesson_id = l.id
          where l.institution_id = ${inst} and ta.group_id = ${input.groupId} and l.date between ${from} and ${to}
            and c.attendance is not null`,
    ),
    queryRows<{ code: string; label: string; is_absence: boolean; is_valid: boolean }>(
      db,
      sql`select code, label, is_absence, is_valid from attendance_codes where institution_id = ${inst}`,
    ),
  ]);
  const people = members
    .map((m) => ({
      id: m.id,
      person: { lastName: m.last_name, firstName: m.first_name, middleName: m.middle_name },
      leftOn: m.left_on,
    }))
    .sort((a, b) => compareByName(a.person, b.person));
  const rows = attendanceRows(
    people.map((p) => p.id),
    facts.map((f) => ({ studentId: f.student_id, hours: f.hours, code: f.code })),
    codes.map((c) => ({ code: c.code, label: c.label, isAbsence: c.is_absence, isValid: c.is_valid })),
  );
  return {
    header,
    from,
    to,
    rows: rows.map((r, i) => ({
      ...r,
      no: i + 1,
      name: fullName(people[i]!.person),
      note: people[i]!.leftOn && people[i]!.leftOn < to ? `выбыл(а) ${formatDate(people[i]!.leftOn)}` : '',
    })),
    totals: attendanceTotals(rows),
  };
}

const COLUMNS = [
  '№',
  'Фамилия, имя, отчество',
  'Пропущено занятий',
  'Часов всего',
  'По уважительной',
  'из них по болезни',
  'Без уважительной',
];
const W = [24, 186, 62, 56, 66, 62, 66];
const SIZE = 8;
const PAD = 2;
const s = StyleSheet.create({
  page: { padding: 32, fontSize: SIZE, lineHeight: 1.3 },
  // A unitless lineHeight is resolved against the size it is declared with: a size of its own declares its own.
  title: { fontSize: 12, lineHeight: 1.3, fontWeight: 'bold', textAlign: 'center', marginVertical: 4 },
  center: { textAlign: 'center' },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#777' },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  cell: { padding: PAD, borderRightWidth: 0.5, borderColor: '#777' },
});

function Row({ cells, head }: { cells: string[]; head?: boolean }) {
  return (
    <View style={head ? [s.row, s.head] : s.row} wrap={false}>
      {cells.map((c, i) => {
        const text = fitCell(c, W[i]! - 2 * PAD - 0.5, { size: SIZE, bold: head });
        return (
          <Text key={i} style={[s.cell, { width: W[i]!, fontSize: text.size, textAlign: i === 1 ? 'left' : 'center' }]}>
            {text.lines.join('\n')}
          </Text>
        );
      })}
    </View>
  );
}

const values = (r: Omit<AttendanceRow, 'studentId'>) => [r.lessons, r.hours, r.valid, r.illness, r.invalid].map(String);

export function attendanceTitle(r: AttendanceReport): string {
  return `Посещаемость ${r.header.group.name} ${formatDate(r.from)}–${formatDate(r.to)}`;
}

/** The report as a PDF: A4 portrait, the group's heading, a row per student, the totals. */
export function renderAttendancePdf(r: AttendanceReport): Promise<Buffer> {
  return renderPdf((font) => (
    <Document title={attendanceTitle(r)} language="ru">
      <Page size="A4" style={[s.page, { fontFamily: font }]}>
        <Text style={s.center}>{r.header.college.fullName}</Text>
        <Text style={s.title}>ОТЧЁТ О ПОСЕЩАЕМОСТИ</Text>
        <Text style={s.center}>
          группа {r.header.group.name}, {r.header.group.course} курс · с {formatDate(r.from)} по {formatDate(r.to)}
        </Text>
        <Text style={[s.center, { marginBottom: 8 }]}>Классный руководитель: {r.header.group.curator ?? '—'}</Text>
        <View style={{ borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: '#777' }}>
          <Row cells={COLUMNS} head />
          {r.rows.map((row) => (
            <Row
              key={row.studentId}
              cells={[String(row.no), row.note ? `${row.name} (${row.note})` : row.name, ...values(row)]}
            />
          ))}
          <Row cells={['', 'Итого по группе', ...values(r.totals)]} head />
        </View>
        <Text
          style={{ position: 'absolute', top: 12, right: 32 }}
          fixed
          render={({ pageNumber }) => String(pageNumber)}
        />
      </Page>
    </Document>
  ));
}

/** The report as XLSX: the same table, numbers as numbers. */
export async function renderAttendanceXlsx(r: AttendanceReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Посещаемость');
  ws.addRow([
    `Отчёт о посещаемости: группа ${r.header.group.name}, с ${formatDate(r.from)} по ${formatDate(r.to)}`,
  ]).font = {
    bold: true,
  };
  ws.addRow(COLUMNS).font = { bold: true };
  for (const row of r.rows)
    ws.addRow([
      row.no,
      row.note ? `${row.name} (${row.note})` : row.name,
      row.lessons,
      row.hours,
      row.valid,
      row.illness,
      row.invalid,
    ]);
  ws.addRow([
    '',
    'Итого по группе',
    r.totals.lessons,
    r.totals.hours,
    r.totals.valid,
    r.totals.illness,
    r.totals.invalid,
  ]).font = {
    bold: true,
  };
  ws.getColumn(2).width = 40;
  for (let c = 3; c <= 7; c++) ws.getColumn(c).width = 16;
  return workbookBuffer(workbook);
}
