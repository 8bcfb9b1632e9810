/**
 * «Лист контроля ведения журнала» of a teacher for a term (issue #12, item 3): per journal of the teacher the lessons
 * without a topic, the lessons left empty, the students short of grades and without attestation results (judged once
 * the term has ended, as on paper), hours planned and held, the last entry; blank columns for the controller's remarks
 * and signature. PDF (A4 landscape) and XLSX. Scope `reports.print` over the journals: the teacher their own, the head
 * of department the department's, the administration the college's; a teacher with no journal in the actor's scope is
 * refused as out of scope.
 */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../services/spreadsheet';
import { z } from 'zod';
import { queryRows, type Db } from '../../db/client';
import { institutions, teachingAssignments, users } from '../../db/schema';
import { formatDate, formatDateTime } from '../../domain/dates';
import { idSchema } from '../../domain/ids';
import { keepingRows, type KeepingRow } from '../../domain/journal-keeping';
import { heldHours } from '../../domain/journal-stats';
import { fullName } from '../../domain/names';
import { preflightIssues } from '../../domain/print-checks';
import { todayOf, type Actor } from '../policy/actor';
import { badInput, outOfScope } from '../policy/refusal';
import { assignmentScope, institutionsFor } from '../policy/scope';
import { currentTerms } from '../queries/terms';
import type { ReportTerm } from './group-header';
import { renderPdf } from './pdf-fonts';
import { fitCell } from './pdf-text';
import { loadJournalCopy, preflightJournals } from './printout/load';
import { numberParam, parseReportQuery } from './query-params';

export const keepingInput = z.object({ teacherId: idSchema, termId: idSchema.optional() });

export function keepingInputFromQuery(teacherId: string | undefined, params: URLSearchParams) {
  return parseReportQuery(keepingInput, {
    teacherId: teacherId === undefined ? undefined : Number(teacherId),
    termId: numberParam(params, 'termId'),
  });
}

export interface KeepingSheet {
  college: string;
  teacher: string;
  term: ReportTerm;
  today: string;
  timeZone: string;
  /** Grades and attestation are judged only once the term has ended. */
  judged: boolean;
  rows: KeepingRow[];
}

export async function loadKeepingSheet(
  db: Db,
  actor: Actor,
  input: z.infer<typeof keepingInput>,
): Promise<KeepingSheet> {
  const termId =
    input.termId ??
    [...(await currentTerms(db, institutionsFor(actor, 'reports.print'), todayOf(actor))).values()][0]?.id;
  if (termId === undefined) throw badInput('Семестр: в колледже ещё нет начавшихся семестров');
  const journals = await db
    .select({ id: teachingAssignments.id, groupId: teachingAssignments.groupId })
    .from(teachingAssignments)
    .where(
      and(
        eq(teachingAssignments.teacherUserId, input.teacherId),
        eq(teachingAssignments.termId, termId),
        assignmentScope(actor, 'reports.print'),
      ),
    );
  if (journals.length === 0) throw outOfScope();
  const [teacher] = await db.select().from(users).where(eq(users.id, input.teacherId));
  const copies = await Promise.all(
    journals.map((j) =>
      loadJournalCopy(db, actor, {
        groupId: j.groupId,
        termId,
        assignmentId: j.id,
        lessonsPerPage: 40,
        newPage: true,
      }),
    ),
  );
  const first = copies[0]!;
  const ids = sql.join(
    journals.map((j) => sql`${j.id}`),
    sql`, `,
  );
  const last = await queryRows<{ id: number; at: string | null }>(
    db,
    sql`select l.teaching_assignment_id as id, max(greatest(l.created_at, c.updated_at))::text as at
        from lessons l left join journal_cells c on c.institution_id = l.institution_id and c.lesson_id = l.id
        where l.teaching_assignment_id in (${ids}) group by l.teaching_assignment_id`,
  );
  const [college] = await db
    .select({ name: institutions.fullName, timeZone: institutions.timeZone })
    .from(institutions)
    .where(eq(institutions.id, teacher?.institutionId ?? actor.institutionId ?? 0));
  const today = first.today;
  const lastDay = today < first.term.endsOn ? today : first.term.endsOn;
  const collator = new Intl.Collator('ru', { numeric: true });
  const period = { from: first.term.startsOn, to: first.term.endsOn, today, termEndsOn: first.term.endsOn };
  const entries = copies.flatMap((copy) =>
    copy.journals.map((j) => ({
      journal: {
        assignmentId: j.assignmentId,
        group: copy.group.name,
        subject: `${j.itemCode} ${j.itemName}${j.subgroupName ? ` (${j.subgroupName})` : ''}`,
        plannedHours: j.plannedHours,
        heldHours: heldHours(j.lessons, j.cells, today),
        lessonsToDate: j.lessons.filter((l) => l.date <= lastDay).length,
        lastEntry: last.find((r) => r.id === j.assignmentId)?.at ?? null,
      },
      issues: preflightIssues(preflightJournals({ ...copy, journals: [j] }), period),
    })),
  );
  entries.sort(
    (a, b) =>
      collator.compare(a.journal.group, b.journal.group) || collator.compare(a.journal.subject, b.journal.subject),
  );
  return {
    college: college?.name ?? first.college.fullName,
    teacher: teacher ? fullName(teacher) : '',
    term: first.term,
    today,
    timeZone: college?.timeZone ?? actor.timeZone,
    judged: today > first.term.endsOn,
    rows: keepingRows(
      entries.map((e) => e.journal),
      entries.flatMap((e) => e.issues),
    ),
  };
}

export const keepingTitle = (sheet: KeepingSheet) =>
  `Лист контроля ведения журнала ${sheet.teacher}, ${sheet.term.name}`;

const COLUMNS = [
  '№',
  'Группа',
  'Дисциплина',
  'Часы: план / проведено',
  'Занятий на сегодня',
  'Без темы',
  'Не заполнено',
  'Меньше 5 оценок',
  'Нет аттестации',
  'Последняя запись',
  'Замечания проверяющего',
  'Подпись, дата',
  'Устранено',
];
const W = [18, 44, 150, 50, 44, 36, 44, 44, 44, 62, 100, 56, 52];

function cells(sheet: KeepingSheet, r: KeepingRow, n: number): string[] {
  const due = (x: number) => (sheet.judged ? String(x) : '—');
  return [
    String(n),
    r.group,
    r.subject,
    `${r.plannedHours} / ${r.heldHours}`,
    String(r.lessonsToDate),
    String(r.counts.noTopic),
    String(r.counts.emptyLesson),
    due(r.counts.shortOfGrades),
    due(r.counts.noAttestation),
    r.lastEntry ? formatDateTime(r.lastEntry, sheet.timeZone) : '—',
    '',
    '',
    '',
  ];
}

const SIZE = 7.5;
const PAD = 2;
const s = StyleSheet.create({
  page: { padding: 28, fontSize: SIZE, lineHeight: 1.3 },
  // A unitless lineHeight is resolved against the size it is declared with: a size of its own declares its own.
  title: { fontSize: 12, lineHeight: 1.3, fontWeight: 'bold', textAlign: 'center', marginVertical: 4 },
  center: { textAlign: 'center' },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#777', minHeight: 22 },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  cell: { padding: PAD, borderRightWidth: 0.5, borderColor: '#777' },
});

function Row({ values, head }: { values: string[]; head?: boolean }) {
  return (
    <View style={head ? [s.row, s.head] : s.row} wrap={false}>
      {values.map((c, i) => {
        const text = fitCell(c, W[i]! - 2 * PAD - 0.5, { size: SIZE, bold: head });
        return (
          <Text key={i} style={[s.cell, { width: W[i]!, fontSize: text.size, textAlign: i === 2 ? 'left' : 'center' }]}>
            {text.lines.join('\n')}
          </Text>
        );
      })}
    </View>
  );
}

/** The sheet as a PDF: A4 landscape, a row per journal, room for the controller's remarks. */
export function renderKeepingPdf(sheet: KeepingSheet): Promise<Buffer> {
  return renderPdf((font) => (
    <Document title={keepingTitle(sheet)} language="ru">
      <Page size="A4" orientation="landscape" style={[s.page, { fontFamily: font }]}>
        <Text style={s.center}>{sheet.college}</Text>
        <Text style={s.title}>ЛИСТ КОНТРОЛЯ ВЕДЕНИЯ ЖУРНАЛА</Text>
        <Text style={[s.center, { marginBottom: 8 }]}>
          Преподаватель {sheet.teacher} · {sheet.term.name} ({formatDate(sheet.term.startsOn)} —{' '}
          {formatDate(sheet.term.endsOn)}) · на {formatDate(sheet.today)}
        </Text>
        <View style={{ borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: '#777' }}>
          <Row values={COLUMNS} head />
          {sheet.rows.map((r, i) => (
            <Row key={r.assignmentId} values={cells(sheet, r, i + 1)} />
          ))}
        </View>
        <Text style={{ marginTop: 6, fontSize: 7, color: '#444' }}>
          Правила — п. 5.6 Положения: тема и отметки каждого занятия, не менее 5 оценок за семестр, результаты
          аттестации после окончания семестра
          {sheet.judged ? '' : ' («—»: оценки и аттестация проверяются после окончания семестра)'}.
        </Text>
        <Text style={{ marginTop: 16 }}>
          Проверил(а) ____________________ / ____________________ / Ознакомлен(а) ____________________ / {sheet.teacher}{' '}
          /
        </Text>
      </Page>
    </Document>
  ));
}

/** The sheet as XLSX: the same table, numbers as numbers, the remarks' columns to fill. */
export async function renderKeepingXlsx(sheet: KeepingSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Лист контроля');
  ws.addRow([keepingTitle(sheet)]).font = { bold: true };
  ws.addRow(COLUMNS).font = { bold: true };
  sheet.rows.forEach((r, i) => {
    const values: (string | number)[] = cells(sheet, r, i + 1);
    values[0] = i + 1;
    values[4] = r.lessonsToDate;
    for (const [k, n] of [
      [5, r.counts.noTopic],
      [6, r.counts.emptyLesson],
    ] as const)
      values[k] = n;
    if (sheet.judged) {
      values[7] = r.counts.shortOfGrades;
      values[8] = r.counts.noAttestation;
    }
    ws.addRow(values);
  });
  ws.columns.forEach((c, i) => (c.width = Math.max(6, Math.round((W[i] ?? 40) / 5))));
  return workbookBuffer(workbook);
}
