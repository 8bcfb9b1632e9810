/**
 * The printed journal's geometry and its texts as they fit their cells (issue #26, item 3): every text of a page is
 * broken here into the lines React-PDF then draws, and the heights of those lines are what the pages are planned with
 * (`printoutMeasure` for domain/journal-printout.ts), so that a long name, topic or title makes its row taller and the
 * page plan counts it — nothing is cut, nothing runs over its neighbour.
 *
 * Fixed cells of the marks grid (names, marks, month labels) step their size down to 6 pt before they wrap; a name that
 * still does not fit on a line wraps and its row grows. Month labels shorten («Ноябрь» → «Нояб.» → «11») to stay in
 * their columns; the attestation columns widen to their widest value.
 */
import { formatDate, MONTH_ABBREVIATIONS, MONTH_NAMES } from '../../../domain/dates';
import type {
  PrintoutLesson,
  PrintoutMeasure,
  PrintoutStudent,
  PrintoutSubject,
} from '../../../domain/journal-printout';
import { countOf, NOUNS } from '../../../domain/plural';
import { fitText, textWidth, wrapText, type FittedText } from '../pdf-text';
import type { JournalCopy } from './load';

/** A4 landscape, pt. */
export const PAGE = { width: 841.89, height: 595.28, top: 24, bottom: 48, marginX: 26 } as const;
export const TABLE_WIDTH = PAGE.width - 2 * PAGE.marginX;
/** The body text: 7 pt, lines of 1.25. */
export const SIZE = 7;
export const LINE = 1.25;
/** The marks grid: a row's least height, the № and name columns, an attestation column's least width. */
export const ROW_H = 11;
export const NO_WIDTH = 16;
export const NAME_WIDTH = 150;
const ATTESTATION_MIN = 26;
/** A grid text's offset from its cell's top and left (a name's; centred texts have none across). */
export const CELL_TOP = 2;
export const CELL_LEFT = 2;
/** The lessons table: columns, and a cell's padding across and down. */
export const LESSON_COLUMNS = [50, 28, 0, 220, 92].map((w, i, all) =>
  i === 2 ? TABLE_WIDTH - all.reduce((a, b) => a + b, 0) : w,
);
export const LESSON_PAD_X = 2;
export const LESSON_PAD_Y = 1.5;
/** Headings: the subject's title (8 pt bold), the teacher's line; the gaps under them and under a table. */
const TITLE = { size: 8, bold: true } as const;
const HEADING_GAP = 3;
export const TABLE_GAP = 6;
const BORDER = 0.5;
/** The title page: its top margin, line sizes and the list of subjects' width. */
export const TITLE_PAGE = { top: 90, line: 11, lineGap: 2, big: 22, bigGap: 14, contentsTop: 24, contentsWidth: 560 };
const PAGE_NUMBER_WIDTH = 24;

const fitted = new Map<string, FittedText>();

/** `fitText` remembered: the same names and marks are measured for every page of a copy. */
export function fit(text: string, width: number, size = SIZE, bold = false, maxLines = 1): FittedText {
  const key = `${width}|${size}|${bold ? 1 : 0}|${maxLines}|${text}`;
  let f = fitted.get(key);
  if (!f) {
    f = fitText(text, width, { size, bold }, { maxLines });
    if (fitted.size > 100_000) fitted.clear();
    fitted.set(key, f);
  }
  return f;
}

/** The height (pt) of fitted lines. */
export const linesHeight = (t: FittedText) => t.lines.length * t.size * LINE;

/** A row of the marks grid holding these texts. */
export const gridRowHeight = (texts: FittedText[]) =>
  Math.max(ROW_H, CELL_TOP + Math.max(0, ...texts.map(linesHeight)) + 1);

/** The attestation columns' widths: each as wide as its widest text, together at least as wide as «Аттестация». */
export function attestationWidths(subject: PrintoutSubject): number[] {
  const widths = subject.attestation.map((a) =>
    Math.max(
      ATTESTATION_MIN,
      Math.ceil(
        Math.max(
          textWidth(a.header, { size: SIZE, bold: true }),
          ...[...a.values.values()].map((v) => textWidth(v, { size: SIZE })),
        ) + 4,
      ),
    ),
  );
  if (widths.length) {
    const label = Math.ceil(textWidth('Аттестация', { size: 6, bold: true }) + 4);
    const total = widths.reduce((a, b) => a + b, 0);
    if (total < label) widths[widths.length - 1]! += label - total;
  }
  return widths;
}

/** A lesson column's width on the subject's marks pages (the same on all of them). */
export function lessonWidth(subject: PrintoutSubject, lessonsPerPage: number): number {
  const room = TABLE_WIDTH - NO_WIDTH - NAME_WIDTH - attestationWidths(subject).reduce((a, b) => a + b, 0);
  return Math.min(22, Math.floor((room / lessonsPerPage) * 10) / 10);
}

export const nameText = (name: string) => fit(name, NAME_WIDTH - 2 * CELL_LEFT);
export const markText = (mark: string, width: number) => fit(mark, width - 1);

/**
 * A month's label over `width` pt: its name, else its abbreviation, else its number — the first that fits on a line
 * (down to 6 pt). «Ноябрь» over one lesson's column is «11».
 */
export function monthLabel(date: string, width: number): FittedText {
  const m = Number(date.slice(5, 7)) - 1;
  const tries = [MONTH_NAMES[m]!, MONTH_ABBREVIATIONS[m]!, String(m + 1).padStart(2, '0')];
  for (const label of tries) {
    const f = fit(label, width - 1, SIZE, true);
    if (f.lines.length === 1) return f;
  }
  return fit(tries.at(-1)!, width - 1, SIZE, true);
}

export function subjectTitle(subject: PrintoutSubject, continued: boolean): string[] {
  return wrapText(`Предмет: ${subject.title}${continued ? ' (продолжение)' : ''}`, TABLE_WIDTH, TITLE);
}

export function teacherLine(subject: PrintoutSubject): string[] {
  return wrapText(
    `Преподаватель: ${subject.teacher}. Часов по плану: ${subject.plannedHours}, проведено: ${subject.deliveredHours}`,
    TABLE_WIDTH,
    { size: SIZE },
  );
}

/** The texts of a lessons table's row, broken to their columns. */
export function lessonCells(l: PrintoutLesson): string[][] {
  return [
    formatDate(l.date),
    String(l.hours),
    l.topic ?? '',
    l.homework ?? '',
    l.substitute ? `${l.teacher} (замена)` : l.teacher,
  ].map((text, i) => wrapText(text, LESSON_COLUMNS[i]! - 2 * LESSON_PAD_X, { size: SIZE }));
}

export const LESSON_HEAD = ['Дата', 'Часы', 'Тема занятия', 'Домашнее задание', 'Проводил'];
export const lessonHeadCells = () =>
  LESSON_HEAD.map((text, i) => wrapText(text, LESSON_COLUMNS[i]! - 2 * LESSON_PAD_X, { size: SIZE, bold: true }));

const lessonRowHeight = (cells: string[][]) =>
  Math.max(...cells.map((c) => c.length)) * SIZE * LINE + 2 * LESSON_PAD_Y + BORDER;

/** The title page's lines (without the list of subjects), each broken to the page's width. */
export function titleLines(copy: JournalCopy): { text: string[]; big?: boolean }[] {
  const line = (text: string) => ({ text: wrapText(text, TABLE_WIDTH, { size: TITLE_PAGE.line }) });
  return [
    line(copy.college.fullName),
    { text: ['КЛАССНЫЙ ЖУРНАЛ'], big: true },
    line(`учебный год ${copy.year}`),
    line(
      `${copy.term.name} (${copy.term.semester}-й семестр по учебному плану), период с ${formatDate(copy.from)} по ${formatDate(copy.to)}`,
    ),
    line(`Группа ${copy.group.name}, ${copy.group.course} курс, ${copy.group.studyForm} форма обучения`),
    line(`Специальность ${copy.group.specialty}`),
    line(`Отделение: ${copy.group.department}`),
    line(`Классный руководитель: ${copy.group.curator ?? '—'}`),
  ];
}

/** A subject's line in «Содержание», broken to the list's width (its page number beside it). */
export const contentsEntry = (subject: PrintoutSubject) =>
  wrapText(subject.title, TITLE_PAGE.contentsWidth - PAGE_NUMBER_WIDTH, { size: SIZE });

/** The certification page's texts. */
export function certificationText(copy: JournalCopy, sheets: number) {
  return {
    statement: `В настоящей копии классного журнала группы ${copy.group.name} за период с ${formatDate(copy.from)} по ${formatDate(copy.to)} пронумеровано и прошнуровано ${countOf(sheets, NOUNS.sheet)}.`,
    position: `Заведующий отделением «${copy.group.department}»`,
    signature: `_____________________ / ${copy.group.head ?? '_______________________________'} /`,
  };
}

/** The heights the copy's pages are planned with, measured in DejaVu Sans as drawn. */
export function printoutMeasure(copy: JournalCopy): PrintoutMeasure {
  const lessonRows = new Map<number, number>();
  const widths = new Map<number, number>();
  const widthOf = (s: PrintoutSubject) => {
    let w = widths.get(s.assignmentId);
    if (w === undefined) widths.set(s.assignmentId, (w = lessonWidth(s, copy.lessonsPerPage)));
    return w;
  };
  const lineHeight = TITLE_PAGE.line * LINE;
  const title = titleLines(copy).reduce(
    (h, l) =>
      h + (l.big ? TITLE_PAGE.big * LINE + 2 * TITLE_PAGE.bigGap : l.text.length * lineHeight + 2 * TITLE_PAGE.lineGap),
    TITLE_PAGE.top,
  );
  return {
    page: PAGE.height - PAGE.top - PAGE.bottom - 1,
    heading: (s, continued) =>
      subjectTitle(s, continued).length * TITLE.size * LINE +
      teacherLine(s).length * SIZE * LINE +
      HEADING_GAP +
      TABLE_GAP,
    marksHead: 2 * ROW_H + 2 * BORDER,
    studentRow(s: PrintoutSubject, st: PrintoutStudent, lessons: PrintoutLesson[], attestation: boolean) {
      const w = widthOf(s);
      const texts = [nameText(st.name)];
      for (const l of lessons) {
        const mark = s.marks.get(`${l.id}:${st.id}`);
        if (mark) texts.push(markText(mark, w));
      }
      if (attestation) {
        const aw = attestationWidths(s);
        s.attestation.forEach((a, i) => {
          const v = a.values.get(st.id);
          if (v) texts.push(markText(v, aw[i]!));
        });
      }
      return gridRowHeight(texts);
    },
    lessonsHead: BORDER + lessonRowHeight(lessonHeadCells()),
    lessonRow(l) {
      let h = lessonRows.get(l.id);
      if (h === undefined) lessonRows.set(l.id, (h = lessonRowHeight(lessonCells(l))));
      return h;
    },
    title: title + TITLE_PAGE.contentsTop + TITLE.size * LINE,
    contentsHeading: TITLE.size * LINE,
    contentsEntry: (s) => contentsEntry(s).length * SIZE * LINE,
  };
}
