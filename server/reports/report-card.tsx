/**
 * «Табель успеваемости» of a student for a term or the year (issue #12, item 3): what a parent is given — every
 * subject's grades, averages, missed hours, the semester mark and the attestation result, the totals — as a PDF (A4).
 * Scope `reports.card`: a parent their own child, a student themselves, the curator their group, the head of department
 * the department, the administration the college; anyone else is refused as out of scope. The rows are put together
 * in domain/report-card.ts.
 */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../../db/client';
import { students, terms as termsTable } from '../../db/schema';
import { formatDate } from '../../domain/dates';
import { idSchema } from '../../domain/ids';
import { formatAverage } from '../../domain/journal-stats';
import { fullName } from '../../domain/names';
import {
  reportCardRows,
  reportCardTotals,
  type CardJournal,
  type CardRow,
  type CardTotals,
} from '../../domain/report-card';
import { todayOf, type Actor } from '../policy/actor';
import { outOfScope } from '../policy/refusal';
import { studentScope } from '../policy/scope';
import { currentTerms } from '../queries/terms';
import { loadGroupHeader, type GroupHeader, type ReportTerm } from './group-header';
import { renderPdf } from './pdf-fonts';
import { fitCell } from './pdf-text';
import { numberParam, parseReportQuery } from './query-params';

export const reportCardInput = z.object({
  studentId: idSchema,
  /** Absent: the current term of the student's college. */
  termId: idSchema.optional(),
  period: z.enum(['term', 'year'], { error: 'Период: семестр или учебный год' }).default('term'),
});
export type ReportCardInput = z.infer<typeof reportCardInput>;

export function reportCardInputFromQuery(studentId: string | undefined, params: URLSearchParams): ReportCardInput {
  return parseReportQuery(reportCardInput, {
    studentId: studentId === undefined ? undefined : Number(studentId),
    termId: numberParam(params, 'termId'),
    period: params.get('period') || undefined,
  });
}

export interface ReportCard {
  header: GroupHeader;
  student: string;
  periodLabel: string;
  /** The period's terms, each with its rows. */
  terms: { term: ReportTerm; rows: CardRow[] }[];
  totals: CardTotals;
  today: string;
}

type Row = {
  id: number;
  term_id: number;
  code: string;
  name: string;
  subgroup: string | null;
  form: string | null;
  lessons: { id: number; date: string; hours: number; weight: string }[] | string | null;
  cells:
    { lessonId: number; attendance: string | null; grade1: string | null; grade2: string | null }[] | string | null;
  results: Record<string, string> | string | null;
};
const parsed = <T,>(v: T | string | null): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** The card for the actor's scope: 403 for a student out of it, 400 naming the field for a bad parameter. */
export async function loadReportCard(db: Db, actor: Actor, input: ReportCardInput): Promise<ReportCard> {
  const [student] = await db
    .select()
    .from(students)
    .where(and(eq(students.id, input.studentId), studentScope(actor, 'reports.card')));
  if (!student) throw outOfScope();
  const inst = student.institutionId;
  const termId = input.termId ?? (await currentTerms(db, [inst], todayOf(actor))).get(inst)?.id;
  const [term] = termId
    ? await db
        .select()
        .from(termsTable)
        .where(and(eq(termsTable.institutionId, inst), eq(termsTable.id, termId)))
    : [];
  if (!term) throw outOfScope();
  // The group the student was in at the end of the term (the latest membership that reaches into it).
  const [membership] = await queryRows<{ group_id: number }>(
    db,
    sql`select group_id from group_memberships where institution_id = ${inst} and student_id = ${student.id}
          and from_date <= ${term.endsOn} and (to_date is null or to_date >= ${term.startsOn})
        order by from_date desc limit 1`,
  );
  if (!membership) throw outOfScope();
  const header = await loadGroupHeader(db, actor, membership.group_id, term.id, 'reports.card');
  if (!header) throw outOfScope();
  const periodTerms = input.period === 'year' ? header.terms : [header.term];
  const termIds = sql.join(
    periodTerms.map((t) => sql`${t.id}`),
    sql`, `,
  );
  const rows = await queryRows<Row>(
    db,
    sql`select ta.id, ta.term_id, ci.code, ci.name, sg.name as subgroup,
          (select cit.attestation_form from curriculum_item_terms cit join terms t on t.institution_id = ta.institution_id
             and t.id = ta.term_id join academic_years y on y.institution_id = t.institution_id and y.id = t.academic_year_id
           where cit.institution_id = ta.institution_id and cit.curriculum_item_id = ci.id
             and cit.semester = (extract(year from y.starts_on)::int - g.admission_year) * 2 + t.number) as form,
          (select json_agg(json_build_object('id', l.id, 'date', l.date::text, 'hours', l.hours,
              'weight', coalesce(k.grade_weight, 1)) order by l.date, l.pair_no, l.id)
             from lessons l left join lesson_kinds k on k.institution_id = l.institution_id and k.code = l.kind
            where l.institution_id = ta.institution_id and l.teaching_assignment_id = ta.id) as lessons,
          (select json_agg(json_build_object('lessonId', c.lesson_id, 'attendance', c.attendance, 'grade1', c.grade1,
              'grade2', c.grade2))
             from journal_cells c join lessons l on l.institution_id = c.institution_id and l.id = c.lesson_id
            where c.institution_id = ta.institution_id and l.teaching_assignment_id = ta.id
              and c.student_id = ${student.id}) as cells,
          (select json_object_agg(r.field, r.value) from attestation_results r
            where r.institution_id = ta.institution_id and r.teaching_assignment_id = ta.id
              and r.student_id = ${student.id}) as results
        from teaching_assignments ta
        join curriculum_items ci on ci.institution_id = ta.institution_id and ci.id = ta.curriculum_item_id
        join groups g on g.institution_id = ta.institution_id and g.id = ta.group_id
        left join subgroups sg on sg.institution_id = ta.institution_id and sg.id = ta.subgroup_id
        where ta.institution_id = ${inst} and ta.group_id = ${membership.group_id} and ta.term_id in (${termIds})
          and (ta.subgroup_id is null or exists (select 1 from subgroup_members sm where sm.institution_id = ta.institution_id
                and sm.subgroup_id = ta.subgroup_id and sm.student_id = ${student.id}))`,
  );
  const codes = await queryRows<{ code: string; label: string; is_absence: boolean; is_valid: boolean }>(
    db,
    sql`select code, label, is_absence, is_valid from attendance_codes where institution_id = ${inst}`,
  );
  const collator = new Intl.Collator('ru', { numeric: true });
  const journals: CardJournal[] = rows
    .map((r) => ({
      assignmentId: r.id,
      termId: r.term_id,
      code: r.code,
      subject: r.subgroup ? `${r.name} (${r.subgroup})` : r.name,
      form: r.form,
      lessons: (parsed(r.lessons) ?? []).map((l) => ({ ...l, date: l.date.slice(0, 10), weight: Number(l.weight) })),
      cells: parsed(r.cells) ?? [],
      results: parsed(r.results) ?? {},
    }))
    .sort((a, b) => collator.compare(a.code, b.code));
  const cardRows = reportCardRows(
    journals,
    codes.map((c) => ({ code: c.code, label: c.label, isAbsence: c.is_absence, isValid: c.is_valid })),
  );
  return {
    header,
    student: fullName(student),
    periodLabel: input.period === 'year' ? `${header.year.name} учебный год` : `${header.term.name}`,
    terms: periodTerms.map((t) => ({ term: t, rows: cardRows.filter((r) => r.termId === t.id) })),
    totals: reportCardTotals(cardRows),
    today: todayOf(actor),
  };
}

export const reportCardTitle = (card: ReportCard) => `Табель ${card.student}, ${card.periodLabel}`;

const COLUMNS = ['№', 'Дисциплина', 'Оценки', 'Ср. балл', 'Пропущено ч. (уваж.)', 'За семестр', 'Аттестация'];
const W = [20, 150, 120, 44, 56, 50, 91];
const SIZE = 8.5;
const PAD = 2;
const s = StyleSheet.create({
  page: { padding: 32, fontSize: SIZE, lineHeight: 1.3 },
  // A unitless lineHeight is resolved against the size it is declared with: a size of its own declares its own.
  title: { fontSize: 13, lineHeight: 1.3, fontWeight: 'bold', textAlign: 'center', marginVertical: 4 },
  center: { textAlign: 'center' },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#777' },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  cell: { padding: PAD, borderRightWidth: 0.5, borderColor: '#777' },
});

function TableRow({ cells, head }: { cells: string[]; head?: boolean }) {
  return (
    <View style={head ? [s.row, s.head] : s.row} wrap={false}>
      {cells.map((c, i) => {
        const text = fitCell(c, W[i]! - 2 * PAD - 0.5, { size: SIZE, bold: head });
        return (
          <Text
            key={i}
            style={[s.cell, { width: W[i]!, fontSize: text.size, textAlign: i === 1 || i === 2 ? 'left' : 'center' }]}
          >
            {text.lines.join('\n')}
          </Text>
        );
      })}
    </View>
  );
}

const cells = (r: CardRow, n: number) => [
  String(n),
  `${r.code} ${r.subject}`,
  r.grades.join(' ') || '—',
  formatAverage(r.average) || '—',
  r.missedHours ? `${r.missedHours} (${r.missedValidHours})` : '—',
  r.semester ?? '—',
  r.attestation ? `${r.attestation.form}: ${r.attestation.value ?? 'не внесено'}` : '—',
];

/** The card as a PDF: A4 portrait, the student and group, a table per term, the totals, the curator's signature. */
export function renderReportCardPdf(card: ReportCard): Promise<Buffer> {
  const h = card.header;
  return renderPdf((font) => (
    <Document title={reportCardTitle(card)} language="ru">
      <Page size="A4" style={[s.page, { fontFamily: font }]}>
        <Text style={s.center}>{h.college.fullName}</Text>
        <Text style={s.title}>ТАБЕЛЬ УСПЕВАЕМОСТИ</Text>
        <Text style={s.center}>{card.student}</Text>
        <Text style={s.center}>
          группа {h.group.name}, {h.group.course} курс, {h.group.studyForm} форма обучения · {h.group.specialty}
        </Text>
        <Text style={[s.center, { marginBottom: 8 }]}>{card.periodLabel}</Text>
        {card.terms.map(({ term, rows }) => (
          <View key={term.id} style={{ marginBottom: 8 }}>
            {card.terms.length > 1 && <Text style={{ fontWeight: 'bold', marginBottom: 2 }}>{term.name}</Text>}
            <View style={{ borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: '#777' }}>
              <TableRow cells={COLUMNS} head />
              {rows.map((r, i) => (
                <TableRow key={r.assignmentId} cells={cells(r, i + 1)} />
              ))}
              {rows.length === 0 && <TableRow cells={['', 'Журналов нет', '', '', '', '', '']} />}
            </View>
          </View>
        ))}
        <Text style={{ fontSize: 7, color: '#444', marginBottom: 6 }}>
          Аттестация: Э — экзамен, ДЗ — дифференцированный зачёт, З — зачёт, КП — курсовой проект, ЭК — экзамен
          квалификационный. Пропущено: всего часов, в скобках — по уважительной причине.
        </Text>
        <Text>
          Средний балл по всем оценкам: {formatAverage(card.totals.average) || '—'} · пропущено часов:{' '}
          {card.totals.missedHours} (по уважительной причине {card.totals.missedValidHours})
          {card.totals.failing > 0 && ` · неудовлетворительных итогов: ${card.totals.failing}`}
        </Text>
        <Text style={{ marginTop: 18 }}>
          Классный руководитель ____________________ / {h.group.curator ?? '_______________________'} /
        </Text>
        <Text style={{ marginTop: 6 }}>{formatDate(card.today)}</Text>
      </Page>
    </Document>
  ));
}
