/**
 * «Неделя группы» — the curator's weekly check (issue #13, item 4; regulation §5.5: the curator checks grades and
 * attendance weekly): the group's students × subjects for a week or a month with the marks and missed hours, per
 * student the missed hours (valid / not) and the reasons of risk (domain/curator-week.ts). On the screen, as PDF (A4
 * landscape) and XLSX. Scope `reports.group`: the curator's own group, the head's department, the administration.
 */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../services/spreadsheet';
import { z } from 'zod';
import { queryRows, type Db } from '../../db/client';
import { curatorWeekRows, RISK_INVALID_HOURS, type WeekRow, type WeekSubject } from '../../domain/curator-week';
import { addDays, formatDate, weekStart, type IsoDate } from '../../domain/dates';
import { idSchema, isoDateSchema } from '../../domain/ids';
import { compareByName, shortName } from '../../domain/names';
import { todayOf, type Actor } from '../policy/actor';
import { badInput, outOfScope } from '../policy/refusal';
import { groupScope } from '../policy/scope';
import { currentTerms } from '../queries/terms';
import { loadGroupHeader, type GroupHeader } from './group-header';
import { renderPdf } from './pdf-fonts';
import { fitCell } from './pdf-text';
import { parseReportQuery } from './query-params';

export const curatorWeekInput = z.object({
  groupId: idSchema,
  /** Any day of the period; the week (Monday to Sunday) or the month around it. Absent: today. */
  date: isoDateSchema('Дата').optional(),
  period: z.enum(['week', 'month'], { error: 'Период: неделя или месяц' }).default('week'),
});
export type CuratorWeekInput = z.infer<typeof curatorWeekInput>;

export function curatorWeekInputFromQuery(groupId: string | undefined, params: URLSearchParams): CuratorWeekInput {
  return parseReportQuery(curatorWeekInput, {
    groupId: groupId === undefined ? undefined : Number(groupId),
    date: params.get('date') || undefined,
    period: params.get('period') || undefined,
  });
}

export interface CuratorWeek {
  header: GroupHeader;
  period: 'week' | 'month';
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  subjects: WeekSubject[];
  rows: WeekRow[];
  /** The students at risk, in the list's order. */
  atRisk: { studentId: number; name: string; risks: string[] }[];
}

function periodOf(date: IsoDate, period: 'week' | 'month'): { from: IsoDate; to: IsoDate } {
  if (period === 'week') {
    const from = weekStart(date);
    return { from, to: addDays(from, 6) };
  }
  // Calendar arithmetic on the college's date itself: the day before the 1st of the next month.
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { from: `${date.slice(0, 7)}-01`, to: addDays(next, -1) };
}

/** The period's table for the actor's scope: 403 for a group out of it, 400 for a date outside the academic year. */
export async function loadCuratorWeek(db: Db, actor: Actor, input: CuratorWeekInput): Promise<CuratorWeek> {
  const today = todayOf(actor);
  const date = input.date ?? today;
  const [group] = await queryRows<{ institution_id: number }>(
    db,
    sql`select institution_id from groups where id = ${input.groupId} and ${groupScope(actor, 'reports.group')}`,
  );
  if (!group) throw outOfScope();
  const term = (await currentTerms(db, [group.institution_id], date < today ? date : today)).get(group.institution_id);
  if (!term) throw badInput('Дата: в этот день в колледже ещё не было семестров');
  const header = await loadGroupHeader(db, actor, input.groupId, term.id, 'reports.group');
  if (!header) throw outOfScope();
  const { from, to } = periodOf(date, input.period);
  const inst = header.institutionId;
  const [journals, members, facts, termGrades, codes] = await Promise.all([
    queryRows<{ id: number; name: string; subgroup: string | null; code: string; subgroup_id: number | null }>(
      db,
      sql`select ta.id, ci.short_name as name, sg.name as subgroup, ci.code, ta.subgroup_id
          from teaching_assignments ta
          join curriculum_items ci on ci.institution_id = ta.institution_id and ci.id = ta.curriculum_item_id
          left join subgroups sg on sg.institution_id = ta.institution_id and sg.id = ta.subgroup_id
          where ta.institution_id = ${inst} and ta.group_id = ${input.groupId} and ta.term_id = ${term.id}`,
    ),
    queryRows<{
      id: number;
      last_name: string;
      first_name: string;
      middle_name: string | null;
      spans: { from: string; to: string | null }[] | string;
      subgroups: number[] | null;
    }>(
      db,
      sql`select s.id, s.last_name, s.first_name, s.middle_name,
            json_agg(json_build_object('from', m.from_date, 'to', m.to_date)) as spans,
            (select array_agg(sm.subgroup_id) from subgroup_members sm where sm.institution_id = s.institution_id
              and sm.student_id = s.id) as subgroups
          from group_memberships m join students s on s.institution_id = m.institution_id and s.id = m.student_id
          where m.institution_id = ${inst} and m.group_id = ${input.groupId}
            and m.from_date <= ${to} and (m.to_date is null or m.to_date >= ${from})
          group by s.institution_id, s.id`,
    ),
    queryRows<{
      assignment_id: number;
      student_id: number;
      date: string;
      hours: number;
      attendance: string | null;
      grade1: string | null;
      grade2: string | null;
    }>(
      db,
      sql`select l.teaching_assignment_id as assignment_id, c.student_id, l.date::text as date, l.hours, c.attendance,
            c.grade1, c.grade2
          from lessons l join teaching_assignments ta on ta.institution_id = l.institution_id and ta.id = l.teaching_assignment_id
          join journal_cells c on c.institution_id = l.institution_id and c.lesson_id = l.id
          where l.institution_id = ${inst} and ta.group_id = ${input.groupId} and ta.term_id = ${term.id}
            and l.date between ${from} and ${to}
            and (c.attendance is not null or c.grade1 is not null or c.grade2 is not null)`,
    ),
    queryRows<{ assignment_id: number; student_id: number; count: number; sum: number }>(
      db,
      sql`select l.teaching_assignment_id as assignment_id, c.student_id,
            sum((c.grade1 in ('5','4','3','2'))::int + (c.grade2 in ('5','4','3','2'))::int)::int as count,
            sum(case when c.grade1 in ('5','4','3','2') then c.grade1::int else 0 end
              + case when c.grade2 in ('5','4','3','2') then c.grade2::int else 0 end)::int as sum
          from lessons l join teaching_assignments ta on ta.institution_id = l.institution_id and ta.id = l.teaching_assignment_id
          join journal_cells c on c.institution_id = l.institution_id and c.lesson_id = l.id
          where l.institution_id = ${inst} and ta.group_id = ${input.groupId} and ta.term_id = ${term.id}
            and l.date <= ${today} and (c.grade1 is not null or c.grade2 is not null)
          group by 1, 2`,
    ),
    queryRows<{ code: string; label: string; is_absence: boolean; is_valid: boolean }>(
      db,
      sql`select code, label, is_absence, is_valid from attendance_codes where institution_id = ${inst}`,
    ),
  ]);
  const collator = new Intl.Collator('ru', { numeric: true });
  const sortedJournals = [...journals].sort((a, b) => collator.compare(a.code, b.code) || a.id - b.id);
  const subjects: WeekSubject[] = sortedJournals.map((j) => ({
    assignmentId: j.id,
    name: j.subgroup ? `${j.name} (${j.subgroup})` : j.name,
  }));
  const people = members
    .map((m) => ({ ...m, person: { lastName: m.last_name, firstName: m.first_name, middleName: m.middle_name } }))
    .sort((a, b) => compareByName(a.person, b.person));
  const students = people.map((m) => {
    const subgroups = new Set(m.subgroups ?? []);
    const term = new Map<number, { count: number; sum: number }>();
    for (const g of termGrades)
      if (g.student_id === m.id) term.set(g.assignment_id, { count: Number(g.count), sum: Number(g.sum) });
    return {
      id: m.id,
      name: shortName(m.person),
      spans: (typeof m.spans === 'string'
        ? (JSON.parse(m.spans) as { from: string; to: string | null }[])
        : m.spans
      ).map((p) => ({ from: String(p.from).slice(0, 10), to: p.to === null ? null : String(p.to).slice(0, 10) })),
      assignmentIds: new Set(
        sortedJournals.filter((j) => j.subgroup_id === null || subgroups.has(j.subgroup_id)).map((j) => j.id),
      ),
      term,
    };
  });
  const rows = curatorWeekRows(
    subjects,
    students,
    facts.map((f) => ({
      assignmentId: f.assignment_id,
      studentId: f.student_id,
      date: f.date.slice(0, 10),
      hours: f.hours,
      attendance: f.attendance,
      grade1: f.grade1,
      grade2: f.grade2,
    })),
    codes.map((c) => ({ code: c.code, label: c.label, isAbsence: c.is_absence, isValid: c.is_valid })),
    { startsOn: term.startsOn, endsOn: term.endsOn },
    today,
  );
  return {
    header,
    period: input.period,
    from,
    to,
    today,
    subjects,
    rows,
    atRisk: rows.filter((r) => r.risks.length).map((r) => ({ studentId: r.studentId, name: r.name, risks: r.risks })),
  };
}

export function curatorWeekTitle(w: CuratorWeek): string {
  return `${w.period === 'week' ? 'Неделя' : 'Месяц'} группы ${w.header.group.name} ${formatDate(w.from)}–${formatDate(w.to)}`;
}

const cellText = (w: WeekRow, assignmentId: number) => {
  const c = w.cells[assignmentId];
  if (!c) return '';
  return c.marks.join(' ');
};

const SIZE = 7;
const PAD = 1.5;
const s = StyleSheet.create({
  page: { padding: 24, fontSize: SIZE, lineHeight: 1.25 },
  // A unitless lineHeight is resolved against the size it is declared with: a size of its own declares its own.
  title: { fontSize: 11, lineHeight: 1.25, fontWeight: 'bold', textAlign: 'center', marginVertical: 3 },
  center: { textAlign: 'center' },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#777' },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  cell: { padding: PAD, borderRightWidth: 0.5, borderColor: '#777' },
});

/** A4 landscape: students × subjects with the marks, missed hours, then the students at risk with the reasons. */
export function renderCuratorWeekPdf(w: CuratorWeek): Promise<Buffer> {
  const nameWidth = 110;
  const tail = [34, 34, 34];
  const subjectWidth = Math.max(
    28,
    (794 - 48 - nameWidth - 18 - tail.reduce((a, b) => a + b, 0)) / Math.max(1, w.subjects.length),
  );
  const widths = [18, nameWidth, ...w.subjects.map(() => subjectWidth), ...tail];
  const Row = ({ cells, head }: { cells: string[]; head?: boolean }) => (
    <View style={head ? [s.row, s.head] : s.row} wrap={false}>
      {cells.map((c, i) => {
        const text = fitCell(c, widths[i]! - 2 * PAD - 0.5, { size: SIZE, bold: head });
        return (
          <Text
            key={i}
            style={[s.cell, { width: widths[i]!, fontSize: text.size, textAlign: i === 1 ? 'left' : 'center' }]}
          >
            {text.lines.join('\n')}
          </Text>
        );
      })}
    </View>
  );
  return renderPdf((font) => (
    <Document title={curatorWeekTitle(w)} language="ru">
      <Page size="A4" orientation="landscape" style={[s.page, { fontFamily: font }]}>
        <Text style={s.center}>{w.header.college.fullName}</Text>
        <Text style={s.title}>УСПЕВАЕМОСТЬ И ПОСЕЩАЕМОСТЬ ГРУППЫ {w.header.group.name}</Text>
        <Text style={[s.center, { marginBottom: 6 }]}>
          с {formatDate(w.from)} по {formatDate(w.to)} · куратор {w.header.group.curator ?? '—'}
        </Text>
        <View style={{ borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: '#777' }}>
          <Row cells={['№', 'Студент', ...w.subjects.map((x) => x.name), 'Проп., ч', 'Уваж., ч', 'Без ув., ч']} head />
          {w.rows.map((r, i) => (
            <Row
              key={r.studentId}
              cells={[
                String(i + 1),
                r.name,
                ...w.subjects.map((x) => cellText(r, x.assignmentId)),
                String(r.missedHours),
                String(r.missedValidHours),
                String(r.missedInvalidHours),
              ]}
            />
          ))}
        </View>
        <Text style={[s.title, { textAlign: 'left', marginTop: 10 }]}>Студенты группы риска</Text>
        {w.atRisk.length === 0 ? (
          <Text>Нет.</Text>
        ) : (
          w.atRisk.map((r) => (
            <Text key={r.studentId} wrap={false}>
              {r.name}: {r.risks.join('; ')}
            </Text>
          ))
        )}
        <Text style={{ marginTop: 12 }}>Куратор ____________________ {w.header.group.curator ?? ''}</Text>
        <Text
          style={{ position: 'absolute', top: 12, right: 24 }}
          fixed
          render={({ pageNumber }) => String(pageNumber)}
        />
      </Page>
    </Document>
  ));
}

/** The same as XLSX: one sheet with the table, one with the students at risk. */
export async function renderCuratorWeekXlsx(w: CuratorWeek): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Группа');
  ws.addRow([curatorWeekTitle(w)]).font = { bold: true };
  const head = ws.addRow([
    '№',
    'Студент',
    ...w.subjects.map((x) => x.name),
    'Пропущено, ч',
    'По уважительной, ч',
    'Без уважительной, ч',
  ]);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  w.rows.forEach((r, i) =>
    ws.addRow([
      i + 1,
      r.name,
      ...w.subjects.map((x) => cellText(r, x.assignmentId)),
      r.missedHours,
      r.missedValidHours,
      r.missedInvalidHours,
    ]),
  );
  ws.getColumn(2).width = 24;
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];
  const risk = workbook.addWorksheet('Группа риска');
  risk.addRow(['Студент', 'Причина']).font = { bold: true };
  for (const r of w.atRisk) for (const reason of r.risks) risk.addRow([r.name, reason]);
  risk.addRow([]);
  risk.addRow([`Пропуски без уважительной причины: группа риска от ${RISK_INVALID_HOURS} ч за период`]);
  risk.getColumn(1).width = 24;
  risk.getColumn(2).width = 70;
  return workbookBuffer(workbook);
}
