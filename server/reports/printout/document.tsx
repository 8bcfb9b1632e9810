/**
 * «Распечатка классного журнала» as a PDF (regulation §6.2): A4 landscape, DejaVu Sans; the pages exactly as
 * domain/journal-printout.ts laid them out, numbered top right from 1 across the copy; the certification page last.
 */
import { Document, Page, StyleSheet, Text, View, renderToBuffer, type Styles } from '@react-pdf/renderer';
import { formatDate } from '../../../domain/dates';
import {
  inGroupOn,
  paginatePrintout,
  type PrintoutBlock,
  type PrintoutPage,
  type PrintoutSubject,
} from '../../../domain/journal-printout';
import { countOf, NOUNS } from '../../../domain/plural';
import { registerPdfFonts } from '../pdf-fonts';
import { printoutSubjects, type JournalCopy } from './load';

const PAGE_WIDTH = 841.89;
const MARGIN_X = 26;
const TABLE_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const NO_WIDTH = 16;
const NAME_WIDTH = 150;
const ATTESTATION_WIDTH = 26;
const LINE = '#777';

const s = StyleSheet.create({
  page: { paddingTop: 24, paddingBottom: 20, paddingHorizontal: MARGIN_X, fontSize: 7, lineHeight: 1.25 },
  pageNo: { position: 'absolute', top: 9, right: MARGIN_X, fontSize: 8 },
  footer: { position: 'absolute', bottom: 8, left: MARGIN_X, right: MARGIN_X, fontSize: 6, color: '#777' },
  subject: { fontSize: 8, fontWeight: 'bold' },
  meta: { marginBottom: 3 },
  table: { borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: LINE, marginBottom: 6 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: LINE },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  cell: { borderRightWidth: 0.5, borderColor: LINE, paddingHorizontal: 1, paddingVertical: 1.5, alignItems: 'center' },
  left: { alignItems: 'flex-start', paddingHorizontal: 2 },
  out: { backgroundColor: '#dddddd' },
  titleBlock: { marginTop: 90, alignItems: 'center' },
  big: { fontSize: 22, fontWeight: 'bold', marginVertical: 14 },
  line: { fontSize: 11, marginVertical: 2 },
  contents: { marginTop: 24, width: 420, alignSelf: 'center' },
  certify: { marginTop: 160, marginHorizontal: 120, fontSize: 11, lineHeight: 1.8 },
});

/** A bordered cell; the border sits on a View (React-PDF draws a Text's own borders unreliably). */
function Cell({ width, text, style }: { width: number; text?: string; style?: Styles[string] }) {
  return <View style={[s.cell, { width }, style ?? {}]}>{text ? <Text>{text}</Text> : null}</View>;
}

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
  return (
    <View style={s.table}>
      <View style={[s.row, s.head]}>
        <Cell width={NO_WIDTH} text="№" />
        <Cell width={NAME_WIDTH} text="Месяц" style={s.left} />
        {block.months.map((m, i) => (
          <Cell key={i} width={width * m.span} text={m.label} />
        ))}
        {attestation.length > 0 && <Cell width={ATTESTATION_WIDTH * attestation.length} text="Аттестация" />}
      </View>
      <View style={[s.row, s.head]}>
        <Cell width={NO_WIDTH} />
        <Cell width={NAME_WIDTH} text="Фамилия, имя, отчество" style={s.left} />
        {block.lessons.map((l) => (
          <Cell key={l.id} width={width} text={l.date.slice(8, 10)} />
        ))}
        {attestation.map((a) => (
          <Cell key={a.header} width={ATTESTATION_WIDTH} text={a.header} />
        ))}
      </View>
      {block.students.map((st, i) => (
        <View key={st.id} style={s.row} wrap={false}>
          <Cell width={NO_WIDTH} text={String(block.firstNo + i)} />
          <Cell width={NAME_WIDTH} text={st.name} style={s.left} />
          {block.lessons.map((l) =>
            inGroupOn(st, l.date) ? (
              <Cell key={l.id} width={width} text={subject.marks.get(`${l.id}:${st.id}`)} />
            ) : (
              <Cell key={l.id} width={width} style={s.out} />
            ),
          )}
          {attestation.map((a) => (
            <Cell key={a.header} width={ATTESTATION_WIDTH} text={a.values.get(st.id)} />
          ))}
        </View>
      ))}
    </View>
  );
}

const LESSON_COLUMNS = { date: 50, hours: 28, homework: 220, teacher: 92 };
const TOPIC_WIDTH =
  TABLE_WIDTH - LESSON_COLUMNS.date - LESSON_COLUMNS.hours - LESSON_COLUMNS.homework - LESSON_COLUMNS.teacher;

function LessonsTable({ block }: { block: Extract<PrintoutBlock, { kind: 'lessons' }> }) {
  return (
    <View style={s.table}>
      <View style={[s.row, s.head]}>
        <Cell width={LESSON_COLUMNS.date} text="Дата" />
        <Cell width={LESSON_COLUMNS.hours} text="Часы" />
        <Cell width={TOPIC_WIDTH} text="Тема занятия" style={s.left} />
        <Cell width={LESSON_COLUMNS.homework} text="Домашнее задание" style={s.left} />
        <Cell width={LESSON_COLUMNS.teacher} text="Проводил" style={s.left} />
      </View>
      {block.lessons.map((l) => (
        <View key={l.id} style={s.row} wrap={false}>
          <Cell width={LESSON_COLUMNS.date} text={formatDate(l.date)} />
          <Cell width={LESSON_COLUMNS.hours} text={String(l.hours)} />
          <Cell width={TOPIC_WIDTH} text={l.topic ?? ''} style={s.left} />
          <Cell width={LESSON_COLUMNS.homework} text={l.homework ?? ''} style={s.left} />
          <Cell
            width={LESSON_COLUMNS.teacher}
            text={l.substitute ? `${l.teacher} (замена)` : l.teacher}
            style={s.left}
          />
        </View>
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

function PrintoutDocument({ copy, font }: { copy: JournalCopy; font: string }) {
  const subjects = printoutSubjects(copy);
  const pages = paginatePrintout(subjects, {
    lessonsPerPage: copy.lessonsPerPage,
    newPage: copy.newPage,
    titlePage: copy.all,
  });
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
        </Page>
      ))}
    </Document>
  );
}

/** The copy as a PDF. */
export async function renderPrintout(copy: JournalCopy): Promise<Buffer> {
  const font = registerPdfFonts();
  return renderToBuffer(<PrintoutDocument copy={copy} font={font} />);
}
