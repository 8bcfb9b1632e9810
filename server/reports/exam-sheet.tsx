/**
 * «Экзаменационная ведомость» of a journal's attestation (issue #12, item 3; DOMAIN.md «Reports»): № | ФИО | № билета |
 * оценка | подпись экзаменатора, with the date and the examiners; the results already entered are printed, the rest
 * left for the pen. The title follows the form of attestation (экзамен, дифференцированный зачёт, зачёт, курсовой проект,
 * экзамен квалификационный; without one — the semester marks). PDF (A4) and XLSX. Whoever reads the journal.
 */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../services/spreadsheet';
import type { Db } from '../../db/client';
import { attestationResults, institutions, users } from '../../db/schema';
import { attestationFieldOf } from '../../domain/attestation';
import { inGroupOn } from '../../domain/journal-printout';
import { fullName } from '../../domain/names';
import type { Actor } from '../policy/actor';
import { outOfScope } from '../policy/refusal';
import { loadAssignment, type AssignmentContext } from '../services/journal/context';
import { loadRoster } from '../services/journal/roster';
import { renderPdf } from './pdf-fonts';
import { fitCell } from './pdf-text';

const TITLES: Record<string, string> = {
  Э: 'ЭКЗАМЕНАЦИОННАЯ ВЕДОМОСТЬ',
  ДЗ: 'ВЕДОМОСТЬ ДИФФЕРЕНЦИРОВАННОГО ЗАЧЁТА',
  З: 'ЗАЧЁТНАЯ ВЕДОМОСТЬ',
  КП: 'ВЕДОМОСТЬ ЗАЩИТЫ КУРСОВОГО ПРОЕКТА',
  ЭК: 'ВЕДОМОСТЬ ЭКЗАМЕНА КВАЛИФИКАЦИОННОГО',
};

export interface ExamSheet {
  college: string;
  title: string;
  assignment: AssignmentContext;
  examiner: string;
  rows: { no: number; studentId: number; name: string; result: string }[];
  /** «5 — 3, 4 — 7, …» of the results entered. */
  summary: string;
}

/** The sheet of the journal, or 403 outside the actor's journal scope. Students of the group at the term's end. */
export async function loadExamSheet(db: Db, actor: Actor, assignmentId: number): Promise<ExamSheet> {
  const a = await loadAssignment(db, actor, assignmentId, 'journal.read');
  if (!a) throw outOfScope();
  const field = attestationFieldOf(a.attestationForm);
  const [roster, results, [college], [teacher]] = await Promise.all([
    loadRoster(db, a),
    db
      .select({ studentId: attestationResults.studentId, value: attestationResults.value })
      .from(attestationResults)
      .where(
        and(
          eq(attestationResults.institutionId, a.institutionId),
          eq(attestationResults.teachingAssignmentId, a.id),
          eq(attestationResults.field, field),
        ),
      ),
    db.select({ name: institutions.fullName }).from(institutions).where(eq(institutions.id, a.institutionId)),
    a.teacherUserId === null
      ? Promise.resolve([])
      : db
          .select({ lastName: users.lastName, firstName: users.firstName, middleName: users.middleName })
          .from(users)
          .where(eq(users.id, a.teacherUserId)),
  ]);
  const value = new Map(results.map((r) => [r.studentId, r.value]));
  const rows = roster
    .filter((st) => inGroupOn(st, a.termEndsOn) || value.has(st.id))
    .map((st, i) => ({ no: i + 1, studentId: st.id, name: st.fullName, result: value.get(st.id) ?? '' }));
  const counts = new Map<string, number>();
  for (const r of rows) if (r.result) counts.set(r.result, (counts.get(r.result) ?? 0) + 1);
  return {
    college: college?.name ?? '',
    title: (a.attestationForm && TITLES[a.attestationForm]) || 'ВЕДОМОСТЬ ОЦЕНОК ЗА СЕМЕСТР',
    assignment: a,
    examiner: teacher ? fullName(teacher) : '',
    rows,
    summary: [...counts].map(([k, n]) => `«${k}» — ${n}`).join(', '),
  };
}

export function examSheetName(e: ExamSheet): string {
  return `Ведомость ${e.assignment.itemCode} ${e.assignment.groupName}`;
}

const W = [26, 230, 60, 70, 120];
const HEAD = ['№', 'Фамилия, имя, отчество', '№ билета', 'Оценка', 'Подпись экзаменатора'];
const SIZE = 9;
const PAD = 2;
const s = StyleSheet.create({
  page: { padding: 36, fontSize: SIZE, lineHeight: 1.35 },
  // A unitless lineHeight is resolved against the size it is declared with: a size of its own declares its own.
  title: { fontSize: 12, lineHeight: 1.35, fontWeight: 'bold', textAlign: 'center', marginVertical: 6 },
  center: { textAlign: 'center' },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#777', minHeight: 16 },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  cell: { padding: PAD, borderRightWidth: 0.5, borderColor: '#777' },
});

/** A cell's text broken to its column (a header a point smaller rather than split). */
function Cell({ text, column, head }: { text: string; column: number; head?: boolean }) {
  const fitted = fitCell(text, W[column]! - 2 * PAD - 0.5, { size: SIZE, bold: head });
  return (
    <Text
      style={[
        s.cell,
        { width: W[column]!, fontSize: fitted.size, textAlign: column === 1 || head ? 'left' : 'center' },
      ]}
    >
      {fitted.lines.join('\n')}
    </Text>
  );
}

/** The sheet as a PDF: A4 portrait. */
export function renderExamSheetPdf(e: ExamSheet): Promise<Buffer> {
  const a = e.assignment;
  return renderPdf((font) => (
    <Document title={examSheetName(e)} language="ru">
      <Page size="A4" style={[s.page, { fontFamily: font }]}>
        <Text style={s.center}>{e.college}</Text>
        <Text style={s.title}>{e.title}</Text>
        <Text>
          Дисциплина: {a.itemCode} {a.itemName}
        </Text>
        <Text>
          Группа {a.groupName}
          {a.subgroupName ? ` (${a.subgroupName})` : ''} · {a.termName}
        </Text>
        <Text>Дата проведения: «___» ______________ 20___ г.</Text>
        <Text style={{ marginBottom: 8 }}>
          Экзаменаторы: {e.examiner || '______________________'}; ______________________
        </Text>
        <View style={{ borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: '#777' }}>
          <View style={[s.row, s.head]}>
            {HEAD.map((h, i) => (
              <Cell key={h} text={h} column={i} head />
            ))}
          </View>
          {e.rows.map((r) => (
            <View key={r.no} style={s.row} wrap={false}>
              {[String(r.no), r.name, '', r.result, ''].map((c, i) => (
                <Cell key={i} text={c} column={i} />
              ))}
            </View>
          ))}
        </View>
        <Text style={{ marginTop: 8 }}>Итого: {e.summary || '—'}</Text>
        <Text style={{ marginTop: 14 }}>Экзаменатор ______________ / {e.examiner || '______________'} /</Text>
        <Text style={{ marginTop: 6 }}>Заведующий отделением ______________ / ______________ /</Text>
      </Page>
    </Document>
  ));
}

/** The sheet as XLSX, to fill in on a computer. */
export async function renderExamSheetXlsx(e: ExamSheet): Promise<Buffer> {
  const a = e.assignment;
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Ведомость');
  ws.addRow([e.title]).font = { bold: true };
  ws.addRow([
    `${a.itemCode} ${a.itemName}; группа ${a.groupName}${a.subgroupName ? ` (${a.subgroupName})` : ''}; ${a.termName}`,
  ]);
  ws.addRow([`Экзаменаторы: ${e.examiner}`]);
  ws.addRow(HEAD).font = { bold: true };
  for (const r of e.rows) ws.addRow([r.no, r.name, '', /^[2-5]$/.test(r.result) ? Number(r.result) : r.result, '']);
  ws.getColumn(2).width = 40;
  ws.getColumn(5).width = 24;
  return workbookBuffer(workbook);
}
