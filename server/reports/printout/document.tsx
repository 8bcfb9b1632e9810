/**
 * «Распечатка классного журнала» as a PDF (regulation §6.2): A4 landscape, DejaVu Sans; the pages exactly as
 * domain/journal-printout.ts laid them out, numbered top right from 1 across the copy; the certification page last.
 * Every text comes broken into lines that fit its cell by ./layout.ts, whose heights the pages were planned with.
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
import { renderPdf } from '../pdf-fonts';
import type { FittedText } from '../pdf-text';
import type { CopyStamp } from '../certify';
import { StampFooter, STAMP_BOTTOM } from '../stamp';
import { printoutSubjects, type JournalCopy } from './load';
import {
  attestationWidths,
  CELL_LEFT,
  CELL_TOP,
  certificationText,
  contentsEntry,
  fit,
  gridRowHeight,
  LESSON_COLUMNS,
  LESSON_PAD_X,
  LESSON_PAD_Y,
  lessonCells,
  lessonHeadCells,
  lessonWidth,
  LINE,
  markText,
  monthLabel,
  NAME_WIDTH,
  nameText,
  NO_WIDTH,
  PAGE,
  printoutMeasure,
  ROW_H,
  SIZE,
  subjectTitle,
  TABLE_GAP,
  TABLE_WIDTH,
  teacherLine,
  TITLE_PAGE,
  titleLines,
} from './layout';

const LINE_COLOR = '#777';

const s = StyleSheet.create({
  page: {
    paddingTop: PAGE.top,
    paddingBottom: PAGE.bottom,
    paddingHorizontal: PAGE.marginX,
    fontSize: SIZE,
    lineHeight: LINE,
  },
  pageNo: { position: 'absolute', top: 12, right: PAGE.marginX, fontSize: 8, lineHeight: LINE },
  footer: {
    position: 'absolute',
    bottom: STAMP_BOTTOM,
    left: PAGE.marginX,
    right: PAGE.marginX + 260,
    fontSize: 6,
    lineHeight: LINE,
    color: '#777',
  },
  // A unitless lineHeight is resolved against the size it is declared with: each size declares its own.
  subject: { fontSize: 8, lineHeight: LINE, fontWeight: 'bold' },
  meta: { marginBottom: 3 },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  ltable: {
    borderWidth: 0.5,
    borderBottomWidth: 0,
    borderColor: LINE_COLOR,
    marginBottom: TABLE_GAP,
    position: 'relative',
  },
  lrow: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: LINE_COLOR },
  lcell: { paddingHorizontal: LESSON_PAD_X, paddingVertical: LESSON_PAD_Y },
  titleBlock: { marginTop: TITLE_PAGE.top, alignItems: 'center' },
  big: { fontSize: TITLE_PAGE.big, lineHeight: LINE, fontWeight: 'bold', marginVertical: TITLE_PAGE.bigGap },
  line: { fontSize: TITLE_PAGE.line, lineHeight: LINE, marginVertical: TITLE_PAGE.lineGap, textAlign: 'center' },
  contents: { marginTop: TITLE_PAGE.contentsTop, width: TITLE_PAGE.contentsWidth, alignSelf: 'center' },
  certify: { marginTop: 160, marginHorizontal: 120, fontSize: 11, lineHeight: 1.8 },
});

function SubjectLine({ subject, continued }: { subject: PrintoutSubject; continued: boolean }) {
  return (
    <View style={s.meta}>
      <Text style={s.subject}>{subjectTitle(subject, continued).join('\n')}</Text>
      <Text>{teacherLine(subject).join('\n')}</Text>
    </View>
  );
}

/** A line of the grid: a zero-width (or zero-height) bordered View, absolutely placed. */
function Rule({ x, y, w, h }: { x: number; y: number; w?: number; h?: number }) {
  return w === undefined ? (
    <View style={{ position: 'absolute', left: x, top: y, height: h, borderLeftWidth: 0.5, borderColor: LINE_COLOR }} />
  ) : (
    <View style={{ position: 'absolute', left: x, top: y, width: w, borderTopWidth: 0.5, borderColor: LINE_COLOR }} />
  );
}

/** A text placed in a cell of the grid (centred unless `left`), on the lines layout.ts fitted it to. */
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
  text: FittedText;
  left?: boolean;
  bold?: boolean;
}) {
  return (
    <Text
      style={{
        position: 'absolute',
        left: x + (left ? CELL_LEFT : 0),
        top: y + CELL_TOP,
        width: w - (left ? 2 * CELL_LEFT : 0),
        textAlign: left ? 'left' : 'center',
        fontSize: text.size,
        lineHeight: LINE,
        ...(bold ? { fontWeight: 'bold' } : {}),
      }}
    >
      {text.lines.join('\n')}
    </Text>
  );
}

/**
 * The marks page's table, drawn as a grid: one line per column and per row, a text only where a cell has one. A View
 * per cell made a page of 30 × 40 cost ≈300 ms to lay out; this costs a fraction (bench: printoutMs). A row is as tall
 * as its tallest text (a name wrapped over two lines makes it two lines tall).
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
  const widths = block.attestation ? attestationWidths(subject) : [];
  const attestation = block.attestation ? subject.attestation : [];
  const x0 = NO_WIDTH + NAME_WIDTH;
  const xa = x0 + block.lessons.length * width;
  const edges = widths.reduce<number[]>((xs, w) => [...xs, xs.at(-1)! + w], [xa]);
  const total = edges.at(-1)!;
  // Each student's texts, and the row's top (the header's two rows first).
  const rows = block.students.map((st) => {
    const marks = block.lessons.map((l) => {
      const mark = subject.marks.get(`${l.id}:${st.id}`);
      return mark ? markText(mark, width) : null;
    });
    const results = attestation.map((a, i) => {
      const value = a.values.get(st.id);
      return value ? markText(value, widths[i]!) : null;
    });
    const name = nameText(st.name);
    return {
      st,
      name,
      marks,
      results,
      height: gridRowHeight([name, ...marks, ...results].filter((t): t is FittedText => t !== null)),
    };
  });
  const tops = rows.reduce<number[]>((ys, r) => [...ys, ys.at(-1)! + r.height], [2 * ROW_H]);
  const height = tops.at(-1)!;
  const monthStarts = new Set<number>();
  block.months.reduce((i, m) => (monthStarts.add(i), i + m.span), 0);
  const nodes: ReactNode[] = [];
  let key = 0;
  // Shading where a student was not in the group on the lesson's date, one block per run of such lessons.
  rows.forEach(({ st }, r) => {
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
              top: tops[r]!,
              width: (end - run) * width,
              height: rows[r]!.height,
              backgroundColor: '#dddddd',
            }}
          />,
        );
        run = -1;
      }
    });
  });
  // Rows: the header's two and one per student.
  nodes.push(<Rule key={key++} x={0} y={ROW_H} w={total} />);
  for (const y of tops.slice(0, -1)) nodes.push(<Rule key={key++} x={0} y={y} w={total} />);
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
  edges.forEach((x, a) => {
    const full = a === 0 || a === edges.length - 1;
    nodes.push(<Rule key={key++} x={x} y={full ? 0 : ROW_H} h={full ? height : height - ROW_H} />);
  });
  // Header texts.
  nodes.push(
    <At key={key++} x={0} y={0} w={NO_WIDTH} text={fit('№', NO_WIDTH, SIZE, true)} bold />,
    <At key={key++} x={NO_WIDTH} y={0} w={NAME_WIDTH} text={fit('Месяц', NAME_WIDTH - 4, SIZE, true)} left bold />,
    <At
      key={key++}
      x={NO_WIDTH}
      y={ROW_H}
      w={NAME_WIDTH}
      text={fit('Фамилия, имя, отчество', NAME_WIDTH - 4, SIZE, true)}
      left
      bold
    />,
  );
  block.months.reduce((c, m) => {
    const w = m.span * width;
    nodes.push(<At key={key++} x={x0 + c * width} y={0} w={w} text={monthLabel(block.lessons[c]!.date, w)} bold />);
    return c + m.span;
  }, 0);
  block.lessons.forEach((l, c) =>
    nodes.push(
      <At
        key={key++}
        x={x0 + c * width}
        y={ROW_H}
        w={width}
        text={fit(l.date.slice(8, 10), width - 1, SIZE, true)}
        bold
      />,
    ),
  );
  if (attestation.length)
    nodes.push(
      <At key={key++} x={xa} y={0} w={total - xa} text={fit('Аттестация', total - xa - 2, SIZE, true)} bold />,
    );
  attestation.forEach((a, i) =>
    nodes.push(
      <At key={key++} x={edges[i]!} y={ROW_H} w={widths[i]!} text={fit(a.header, widths[i]! - 2, SIZE, true)} bold />,
    ),
  );
  // Students and their marks.
  rows.forEach((row, r) => {
    const y = tops[r]!;
    nodes.push(
      <At key={key++} x={0} y={y} w={NO_WIDTH} text={fit(String(block.firstNo + r), NO_WIDTH)} />,
      <At key={key++} x={NO_WIDTH} y={y} w={NAME_WIDTH} text={row.name} left />,
    );
    row.marks.forEach((mark, c) => {
      if (mark) nodes.push(<At key={key++} x={x0 + c * width} y={y} w={width} text={mark} />);
    });
    row.results.forEach((value, i) => {
      if (value) nodes.push(<At key={key++} x={edges[i]!} y={y} w={widths[i]!} text={value} />);
    });
  });
  return (
    <View
      style={{
        width: total + 1,
        height: height + 1,
        borderWidth: 0.5,
        borderColor: LINE_COLOR,
        marginBottom: TABLE_GAP,
        position: 'relative',
      }}
    >
      <View
        style={{ position: 'absolute', left: 0, top: 0, width: total, height: 2 * ROW_H, backgroundColor: '#eef2f7' }}
      />
      {nodes}
    </View>
  );
}

/**
 * The lessons page's table: a View per row (rows grow with long topics — as many lines as layout.ts broke them into),
 * texts in fixed columns, lines drawn over.
 */
function LessonsTable({ block }: { block: Extract<PrintoutBlock, { kind: 'lessons' }> }) {
  const edges = LESSON_COLUMNS.slice(0, -1).reduce<number[]>((xs, w) => [...xs, (xs.at(-1) ?? 0) + w], []);
  const row = (cells: string[][], head: boolean, key: number | string) => (
    <View key={key} style={head ? [s.lrow, s.head] : s.lrow} wrap={false}>
      {cells.map((lines, i) => (
        <Text key={i} style={[s.lcell, { width: LESSON_COLUMNS[i]!, textAlign: i < 2 ? 'center' : 'left' }]}>
          {lines.join('\n')}
        </Text>
      ))}
    </View>
  );
  return (
    <View style={[s.ltable, { width: TABLE_WIDTH }]}>
      {row(lessonHeadCells(), true, 'head')}
      {block.lessons.map((l) => row(lessonCells(l), false, l.id))}
      {edges.map((x) => (
        <View
          key={x}
          style={{ position: 'absolute', left: x, top: 0, bottom: 0, borderLeftWidth: 0.5, borderColor: LINE_COLOR }}
        />
      ))}
    </View>
  );
}

/** «Содержание»: the subjects of `contents`, each with the page it starts on. */
function Contents({
  subjects,
  contents,
  firstPage,
  continued,
}: {
  subjects: PrintoutSubject[];
  contents: number[];
  firstPage: number[];
  continued: boolean;
}) {
  return (
    <View style={continued ? [s.contents, { marginTop: 0 }] : s.contents}>
      <Text style={s.subject}>{continued ? 'Содержание (продолжение)' : 'Содержание'}</Text>
      {contents.map((i) => (
        <View key={subjects[i]!.assignmentId} style={{ flexDirection: 'row' }}>
          <Text style={{ flex: 1 }}>{contentsEntry(subjects[i]!).join('\n')}</Text>
          <Text>{firstPage[i]! + 1}</Text>
        </View>
      ))}
    </View>
  );
}

function TitlePage({ copy }: { copy: JournalCopy }) {
  return (
    <View style={s.titleBlock}>
      {titleLines(copy).map((l, i) => (
        <Text key={i} style={l.big ? s.big : s.line}>
          {l.text.join('\n')}
        </Text>
      ))}
    </View>
  );
}

/** `sheets`: the copy's pages, this one included (paginated ahead, so known before drawing). */
function CertificationPage({ copy, sheets }: { copy: JournalCopy; sheets: number }) {
  const text = certificationText(copy, sheets);
  return (
    <View style={s.certify}>
      <Text>{text.statement}</Text>
      <Text style={{ marginTop: 24 }}>{text.position}</Text>
      <Text>{text.signature}</Text>
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
    measure: printoutMeasure(copy),
  });
}

/** Pages the copy prints (the certification page included), known before drawing. */
export function printoutPageCount(copy: JournalCopy): number {
  return printoutPages(copy, printoutSubjects(copy)).length;
}

function PrintoutDocument({ copy, font, stamp }: { copy: JournalCopy; font: string; stamp?: CopyStamp }) {
  const subjects = printoutSubjects(copy);
  const pages = printoutPages(copy, subjects);
  const firstPage = subjects.map((_, i) =>
    pages.findIndex((p) => p.kind === 'journal' && p.blocks.some((b) => b.subject === i)),
  );
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
          {page.kind === 'title' && <TitlePage copy={copy} />}
          {(page.kind === 'title' || page.kind === 'contents') && (
            <Contents
              subjects={subjects}
              contents={page.contents}
              firstPage={firstPage}
              continued={page.kind === 'contents'}
            />
          )}
          {page.kind === 'certification' && <CertificationPage copy={copy} sheets={pages.length} />}
          {page.kind === 'journal' &&
            page.blocks.map((block, i) => {
              const subject = subjects[block.subject]!;
              return (
                <View key={i}>
                  <SubjectLine subject={subject} continued={block.continued} />
                  {block.kind === 'marks' ? (
                    <MarksTable block={block} subject={subject} width={lessonWidth(subject, copy.lessonsPerPage)} />
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
