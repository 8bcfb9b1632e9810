/**
 * «Распечатка классного журнала» as a PDF (regulation §6.2): A4 landscape, DejaVu Sans; the pages exactly as
 * domain/journal-printout.ts laid them out, numbered top right from 1 across the copy; the certification page last.
 */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { formatDate } from '../../../domain/dates';
import {
  inGroupOn,
  paginatePrintout,
  type PrintoutBlock,
  type PrintoutPage,
  type PrintoutSubject,
} from '../../../domain/journal-printout';
import { countOf, NOUNS } from '../../../domain/plural';
import { renderPdf } from '../pdf-fonts';
import type { CopyStamp } from '../certify';
import { StampFooter } from '../stamp';
import { printoutSubjects, type JournalCopy } from './load';

const PAGE_WIDTH = 841.89;
const MARGIN_X = 26;
const TABLE_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const NO_WIDTH = 16;
const NAME_WIDTH = 150;
const ATTESTATION_WIDTH = 26;
const LINE = '#777';

const s = StyleSheet.create({
  page: { paddingTop: 24, paddingBottom: 42, paddingHorizontal: MARGIN_X, fontSize: 7, lineHeight: 1.25 },
  pageNo: { position: 'absolute', top: 9, right: MARGIN_X, fontSize: 8 },
  footer: { position: 'absolute', bottom: 8, left: MARGIN_X, right: MARGIN_X + 260, fontSize: 6, color: '#777' },
  subject: { fontSize: 8, fontWeight: 'bold' },
  meta: { marginBottom: 3 },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  ltable: { borderWidth: 0.5, borderBottomWidth: 0, borderColor: LINE, marginBottom: 6, position: 'relative' },
  lrow: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: LINE },
  lcell: { paddingHorizontal: 2, paddingVertical: 1.5 },
  titleBlock: { marginTop: 90, alignItems: 'center' },
  big: { fontSize: 22, fontWeight: 'bold', marginVertical: 14 },
  line: { fontSize: 11, marginVertical: 2 },
  contents: { marginTop: 24, width: 420, alignSelf: 'center' },
  certify: { marginTop: 160, marginHorizontal: 120, fontSize: 11, lineHeight: 1.8 },
});

function SubjectLine({ subject, continued }: { subject: PrintoutSubject; continued: boolean }) {
  return (
    <View style={s.meta}>
      <Text style={s.subject}>
        Предмет: {subject.title}
        {continued ? ' (продолжение)' : ''}
      </Text>
      <Text>
        Преподаватель: {subject.teacher}. Часов по плану: {subject.plannedHours}, проведено: {subject.deliveredHours}
      </Text>
    </View>
  );
}

const ROW_H = 11;

/** A line of the grid: a zero-width (or zero-height) bordered View, absolutely placed. */
function Rule({ x, y, w, h }: { x: number; y: number; w?: number; h?: number }) {
  return w === undefined ? (
    <View style={{ position: 'absolute', left: x, top: y, height: h, borderLeftWidth: 0.5, borderColor: LINE }} />
  ) : (
    <View style={{ position: 'absolute', left: x, top: y, width: w, borderTopWidth: 0.5, borderColor: LINE }} />
  );
}

/** A text placed in a cell of the grid (centred unless `left`). */
function At({
  x,
  y,
  w,
  text,
  left,
  bold,
}: {
  x: number;
  y: number;
  w: number;
  text: string;
  left?: boolean;
  bold?: boolean;
}) {
  return (
    <Text
      style={{
        position: 'absolute',
        left: x + (left ? 2 : 0),
        top: y + 2,
        width: w - (left ? 4 : 0),
        textAlign: left ? 'left' : 'center',
        maxLines: 1,
        ...(bold ? { fontWeight: 'bold' } : {}),
      }}
    >
      {text}
    </Text>
  );
}

/**
 * The marks page's table, drawn as a grid: one line per column and per row, a text only where a cell has one. A View
 * per cell made a page of 30 × 40 cost ≈300 ms to lay out; this costs a fraction (bench: printoutMs).
 */
function MarksTable({
  block,
  subject,
  width,
}: {
  block: Extract<PrintoutBlock, { kind: 'marks' }>;
  subject: PrintoutSubject;
  width: number;
}) {
  const attestation = block.attestation ? subject.attestation : [];
  const x0 = NO_WIDTH + NAME_WIDTH;
  const xa = x0 + block.lessons.length * width;
  const total = xa + attestation.length * ATTESTATION_WIDTH;
  const height = (2 + block.students.length) * ROW_H;
  const monthStarts = new Set<number>();
  block.months.reduce((i, m) => (monthStarts.add(i), i + m.span), 0);
  const nodes: ReactNode[] = [];
  let key = 0;
  // Shading where a student was not in the group on the lesson's date, one block per run of such lessons.
  block.students.forEach((st, r) => {
    let run = -1;
    block.lessons.forEach((l, c) => {
      const out = !inGroupOn(st, l.date);
      if (out && run < 0) run = c;
      if ((!out || c === block.lessons.length - 1) && run >= 0) {
        const end = out ? c + 1 : c;
        nodes.push(
          <View
            key={key++}
            style={{
              position: 'absolute',
              left: x0 + run * width,
              top: (2 + r) * ROW_H,
              width: (end - run) * width,
              height: ROW_H,
              backgroundColor: '#dddddd',
            }}
          />,
        );
        run = -1;
      }
    });
  });
  // Rows: the header's two and one per student.
  for (let r = 1; r <= block.students.length + 1; r++) nodes.push(<Rule key={key++} x={0} y={r * ROW_H} w={total} />);
  // Columns: №, ФИО, each lesson (month boundaries through the months row), attestation, the right edge.
  nodes.push(<Rule key={key++} x={NO_WIDTH} y={0} h={height} />, <Rule key={key++} x={x0} y={0} h={height} />);
  for (let c = 1; c < block.lessons.length; c++)
    nodes.push(
      <Rule
        key={key++}
        x={x0 + c * width}
        y={monthStarts.has(c) ? 0 : ROW_H}
        h={monthStarts.has(c) ? height : height - ROW_H}
      />,
    );
  for (let a = 0; a <= attestation.length; a++)
    nodes.push(
      <Rule
        key={key++}
        x={xa + a * ATTESTATION_WIDTH}
        y={a === 0 || a === attestation.length ? 0 : ROW_H}
        h={a === 0 || a === attestation.length ? height : height - ROW_H}
      />,
    );
  // Header texts.
  nodes.push(
    <At key={key++} x={0} y={0} w={NO_WIDTH} text="№" bold />,
    <At key={key++} x={NO_WIDTH} y={0} w={NAME_WIDTH} text="Месяц" left bold />,
  );
  nodes.push(<At key={key++} x={NO_WIDTH} y={ROW_H} w={NAME_WIDTH} text="Фамилия, имя, отчество" left bold />);
  block.months.reduce((c, m) => {
    nodes.push(<At key={key++} x={x0 + c * width} y={0} w={m.span * width} text={m.label} bold />);
    return c + m.span;
  }, 0);
  block.lessons.forEach((l, c) =>
    nodes.push(<At key={key++} x={x0 + c * width} y={ROW_H} w={width} text={l.date.slice(8, 10)} bold />),
  );
  if (attestation.length)
    nodes.push(<At key={key++} x={xa} y={0} w={attestation.length * ATTESTATION_WIDTH} text="Аттестация" bold />);
  attestation.forEach((a, i) =>
    nodes.push(<At key={key++} x={xa + i * ATTESTATION_WIDTH} y={ROW_H} w={ATTESTATION_WIDTH} text={a.header} bold />),
  );
  // Students and their marks.
  block.students.forEach((st, r) => {
    const y = (2 + r) * ROW_H;
    nodes.push(
      <At key={key++} x={0} y={y} w={NO_WIDTH} text={String(block.firstNo + r)} />,
      <At key={key++} x={NO_WIDTH} y={y} w={NAME_WIDTH} text={st.name} left />,
    );
    block.lessons.forEach((l, c) => {
      const mark = subject.marks.get(`${l.id}:${st.id}`);
      if (mark) nodes.push(<At key={key++} x={x0 + c * width} y={y} w={width} text={mark} />);
    });
    attestation.forEach((a, i) => {
      const value = a.values.get(st.id);
      if (value) nodes.push(<At key={key++} x={xa + i * ATTESTATION_WIDTH} y={y} w={ATTESTATION_WIDTH} text={value} />);
    });
  });
  return (
    <View style={{ width: total, height, borderWidth: 0.5, borderColor: LINE, marginBottom: 6, position: 'relative' }}>
      <View
        style={{ position: 'absolute', left: 0, top: 0, width: total, height: 2 * ROW_H, backgroundColor: '#eef2f7' }}
      />
      {nodes}
    </View>
  );
}

const LESSON_COLUMNS = { date: 50, hours: 28, homework: 220, teacher: 92 };
const TOPIC_WIDTH =
  TABLE_WIDTH - LESSON_COLUMNS.date - LESSON_COLUMNS.hours - LESSON_COLUMNS.homework - LESSON_COLUMNS.teacher;

/** The lessons page's table: a View per row (rows grow with long topics), texts in fixed columns, lines drawn over. */
function LessonsTable({ block }: { block: Extract<PrintoutBlock, { kind: 'lessons' }> }) {
  const widths = [
    LESSON_COLUMNS.date,
    LESSON_COLUMNS.hours,
    TOPIC_WIDTH,
    LESSON_COLUMNS.homework,
    LESSON_COLUMNS.teacher,
  ];
  const edges = widths.slice(0, -1).reduce<number[]>((xs, w) => [...xs, (xs.at(-1) ?? 0) + w], []);
  const row = (cells: string[], head: boolean, key: number | string) => (
    <View key={key} style={head ? [s.lrow, s.head] : s.lrow} wrap={false}>
      {cells.map((text, i) => (
        <Text key={i} style={[s.lcell, { width: widths[i]!, textAlign: i < 2 ? 'center' : 'left' }]}>
          {text}
        </Text>
      ))}
    </View>
  );
  return (
    <View style={[s.ltable, { width: TABLE_WIDTH }]}>
      {row(['Дата', 'Часы', 'Тема занятия', 'Домашнее задание', 'Проводил'], true, 'head')}
      {block.lessons.map((l) =>
        row(
          [
            formatDate(l.date),
            String(l.hours),
            l.topic ?? '',
            l.homework ?? '',
            l.substitute ? `${l.teacher} (замена)` : l.teacher,
          ],
          false,
          l.id,
        ),
      )}
      {edges.map((x) => (
        <View
          key={x}
          style={{ position: 'absolute', left: x, top: 0, bottom: 0, borderLeftWidth: 0.5, borderColor: LINE }}
        />
      ))}
    </View>
  );
}

function lessonWidth(lessonsPerPage: number, attestationColumns: number): number {
  const room = TABLE_WIDTH - NO_WIDTH - NAME_WIDTH - ATTESTATION_WIDTH * attestationColumns;
  return Math.min(22, Math.floor((room / lessonsPerPage) * 10) / 10);
}

function TitlePage({
  copy,
  subjects,
  pages,
}: {
  copy: JournalCopy;
  subjects: PrintoutSubject[];
  pages: PrintoutPage[];
}) {
  const firstPage = subjects.map((_, i) =>
    pages.findIndex((p) => p.kind === 'journal' && p.blocks.some((b) => b.subject === i)),
  );
  return (
    <View style={s.titleBlock}>
      <Text style={s.line}>{copy.college.fullName}</Text>
      <Text style={s.big}>КЛАССНЫЙ ЖУРНАЛ</Text>
      <Text style={s.line}>учебный год {copy.year}</Text>
      <Text style={s.line}>
        {copy.term.name} ({copy.term.semester}-й семестр по учебному плану), период с {formatDate(copy.from)} по{' '}
        {formatDate(copy.to)}
      </Text>
      <Text style={s.line}>
        Группа {copy.group.name}, {copy.group.course} курс, {copy.group.studyForm} форма обучения
      </Text>
      <Text style={s.line}>Специальность {copy.group.specialty}</Text>
      <Text style={s.line}>Отделение: {copy.group.department}</Text>
      <Text style={s.line}>Классный руководитель: {copy.group.curator ?? '—'}</Text>
      <View style={s.contents}>
        <Text style={s.subject}>Содержание</Text>
        {subjects.map((sub, i) => (
          <View key={sub.assignmentId} style={{ flexDirection: 'row' }}>
            <Text style={{ flex: 1 }}>{sub.title}</Text>
            <Text>{firstPage[i]! + 1}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** `sheets`: the copy's pages, this one included (paginated ahead, so known before drawing). */
function CertificationPage({ copy, sheets }: { copy: JournalCopy; sheets: number }) {
  return (
    <View style={s.certify}>
      <Text>
        В настоящей копии классного журнала группы {copy.group.name} за период с {formatDate(copy.from)} по{' '}
        {formatDate(copy.to)} пронумеровано и прошнуровано {countOf(sheets, NOUNS.sheet)}.
      </Text>
      <Text style={{ marginTop: 24 }}>Заведующий отделением «{copy.group.department}»</Text>
      <Text>_____________________ / {copy.group.head ?? '_______________________________'} /</Text>
      <Text>(подпись) (фамилия, имя, отчество полностью)</Text>
      <Text style={{ marginTop: 18 }}>«___» _______________ 20___ г.</Text>
    </View>
  );
}

function printoutPages(copy: JournalCopy, subjects: PrintoutSubject[]): PrintoutPage[] {
  return paginatePrintout(subjects, {
    lessonsPerPage: copy.lessonsPerPage,
    newPage: copy.newPage,
    titlePage: copy.all,
  });
}

/** Pages the copy prints (the certification page included), known before drawing. */
export function printoutPageCount(copy: JournalCopy): number {
  return printoutPages(copy, printoutSubjects(copy)).length;
}

function PrintoutDocument({ copy, font, stamp }: { copy: JournalCopy; font: string; stamp?: CopyStamp }) {
  const subjects = printoutSubjects(copy);
  const pages = printoutPages(copy, subjects);
  const footer = `${copy.college.shortName} · классный журнал группы ${copy.group.name} · ${copy.term.name} · с ${formatDate(copy.from)} по ${formatDate(copy.to)}`;
  return (
    <Document
      title={`Классный журнал ${copy.group.name}, ${copy.term.name}`}
      author={copy.college.shortName}
      language="ru"
    >
      {pages.map((page, n) => (
        <Page key={n} size="A4" orientation="landscape" style={[s.page, { fontFamily: font }]}>
          <Text style={s.pageNo} fixed render={({ pageNumber }) => String(pageNumber)} />
          {page.kind === 'title' && <TitlePage copy={copy} subjects={subjects} pages={pages} />}
          {page.kind === 'certification' && <CertificationPage copy={copy} sheets={pages.length} />}
          {page.kind === 'journal' &&
            page.blocks.map((block, i) => {
              const subject = subjects[block.subject]!;
              return (
                <View key={i}>
                  <SubjectLine subject={subject} continued={block.continued} />
                  {block.kind === 'marks' ? (
                    <MarksTable
                      block={block}
                      subject={subject}
                      width={lessonWidth(copy.lessonsPerPage, subject.attestation.length)}
                    />
                  ) : (
                    <LessonsTable block={block} />
                  )}
                </View>
              );
            })}
          <Text style={s.footer} fixed>
            {footer}
          </Text>
          {stamp && <StampFooter stamp={stamp} />}
        </Page>
      ))}
    </Document>
  );
}

/** The copy as a PDF. */
export async function renderPrintout(copy: JournalCopy, stamp?: CopyStamp): Promise<Buffer> {
  return renderPdf((font) => <PrintoutDocument copy={copy} font={font} stamp={stamp} />);
}
