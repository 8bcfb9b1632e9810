/**
 * «Распечатка классного журнала» (regulation §6.2; DOMAIN.md «Reports»): what goes on which page. Pure: the server
 * loads the journals (server/reports/printout/load.ts), this lays them out, React-PDF draws the pages as given — we
 * paginate ourselves, because React-PDF's own wrapping of long tables is slow and splits rows (ARCHITECTURE.md).
 *
 * For each subject, in alphabetical order, pairs of pages per N lessons: the marks page (№, ФИО alphabetically; months,
 * then day numbers; all marks of a lesson and «н» for an absence; attestation columns after the term's last lesson)
 * and the lessons page (date, hours, topic, homework, who taught). Pages are numbered from 1 across the whole copy.
 */
import { coversDate, monthName, type IsoDate } from './dates';
import type { AttendanceCodeDef } from './marks';

export const DEFAULT_LESSONS_PER_PAGE = 40;
export const MIN_LESSONS_PER_PAGE = 5;
export const MAX_LESSONS_PER_PAGE = 40;

/**
 * Page capacity in printed lines (A4 landscape, 7 pt type: ≈46 lines of 11 pt between the margins) and how many
 * characters of a topic or of homework fit one line of their columns: the estimates `ESTIMATED_MEASURE` plans with
 * when no font is at hand. The printed copy plans with heights measured in its font (server/reports/printout/layout.ts).
 */
export const PRINTOUT_METRICS = {
  linesPerPage: 44,
  marksHeaderLines: 4,
  lessonsHeaderLines: 3,
  topicCharsPerLine: 78,
  homeworkCharsPerLine: 52,
} as const;

export interface PrintoutLesson {
  id: number;
  date: IsoDate;
  hours: number;
  topic: string | null;
  homework: string | null;
  /** «Петров П. П.» — who taught it: the substitute where there was one, else the journal's teacher. */
  teacher: string;
  substitute: boolean;
}

export interface PrintoutStudent {
  id: number;
  /** «Фамилия Имя Отчество». */
  name: string;
  /** Membership of the journal's group (or subgroup) within the term. */
  spans: { from: IsoDate; to: IsoDate | null }[];
}

export interface PrintoutAttestation {
  header: string;
  values: ReadonlyMap<number, string>;
}

export interface PrintoutSubject {
  assignmentId: number;
  /** «ОП.01 Операционные системы (подгр. 1)». */
  title: string;
  teacher: string;
  plannedHours: number;
  /** Held hours of the lessons printed (filled, date come). */
  deliveredHours: number;
  lessons: PrintoutLesson[];
  students: PrintoutStudent[];
  /** `${lessonId}:${studentId}` → the cell's printed text (`printedMark`). */
  marks: ReadonlyMap<string, string>;
  /** The term's attestation columns, printed after the last lesson when the interval reaches the term's end. */
  attestation: PrintoutAttestation[];
}

export interface MonthSpan {
  label: string;
  span: number;
}

export type PrintoutBlock =
  | {
      kind: 'marks';
      subject: number;
      lessons: PrintoutLesson[];
      months: MonthSpan[];
      /** The students on this page and the number of the first («№»). */
      students: PrintoutStudent[];
      firstNo: number;
      attestation: boolean;
      continued: boolean;
    }
  | { kind: 'lessons'; subject: number; lessons: PrintoutLesson[]; continued: boolean };

/**
 * A page of the copy. The title page lists the subjects from its `contents` on; those that do not fit continue on
 * `contents` pages.
 */
export type PrintoutPage =
  | { kind: 'title'; contents: number[] }
  | { kind: 'contents'; contents: number[] }
  | { kind: 'journal'; blocks: PrintoutBlock[] }
  | { kind: 'certification' };

/**
 * Heights (pt) the pages are planned with, so that what is planned for a page fits it — however long the names, topics
 * and titles (issue #26, item 3).
 */
export interface PrintoutMeasure {
  /** The room for blocks on a page. */
  page: number;
  /** The subject's heading over a table (its title, teacher and hours) with the gap under the table. */
  heading(subject: PrintoutSubject, continued: boolean): number;
  /** The two header rows of a marks table (months, days). */
  marksHead: number;
  /** A student's row of a marks table: the tallest of the name, the marks of these lessons and the attestation. */
  studentRow(
    subject: PrintoutSubject,
    student: PrintoutStudent,
    lessons: PrintoutLesson[],
    attestation: boolean,
  ): number;
  /** The header row of a lessons table. */
  lessonsHead: number;
  lessonRow(lesson: PrintoutLesson): number;
  /** The title page without its list of subjects; a «Содержание» page's heading; a subject's line in the list. */
  title: number;
  contentsHeading: number;
  contentsEntry(subject: PrintoutSubject): number;
}

/** The estimates in lines of 11 pt (PRINTOUT_METRICS): a line per student, the lines of `lessonRowLines`. */
export const ESTIMATED_MEASURE: PrintoutMeasure = {
  page: PRINTOUT_METRICS.linesPerPage * 11,
  heading: () => 2 * 11,
  marksHead: (PRINTOUT_METRICS.marksHeaderLines - 2) * 11,
  studentRow: () => 11,
  lessonsHead: (PRINTOUT_METRICS.lessonsHeaderLines - 2) * 11,
  lessonRow: (l) => lessonRowLines(l) * 11,
  title: 0,
  contentsHeading: 0,
  contentsEntry: () => 0,
};

export interface PrintoutOptions {
  lessonsPerPage: number;
  /** Start each table on a new page (default): the marks and lessons pages face each other as in a paper journal. */
  newPage: boolean;
  /** «Все»: a title page first. */
  titlePage: boolean;
  /** Default: `ESTIMATED_MEASURE`. */
  measure?: PrintoutMeasure;
}

/** The months row of a marks page: consecutive lessons of one month under one label. */
export function monthSpans(lessons: readonly { date: IsoDate }[]): MonthSpan[] {
  const spans: MonthSpan[] = [];
  let last = '';
  for (const l of lessons) {
    const key = l.date.slice(0, 7);
    if (key === last) spans.at(-1)!.span += 1;
    else spans.push({ label: monthName(l.date), span: 1 });
    last = key;
  }
  return spans;
}

/**
 * A cell as printed: «н» for any absence (valid or not, as in the paper journal — validity is in the attendance report),
 * then the grades («4/5»); a late mark alone prints nothing.
 */
export function printedMark(
  cell: { attendance: string | null; grade1: string | null; grade2: string | null },
  codes: readonly AttendanceCodeDef[],
): string {
  const absent = cell.attendance !== null && codes.find((c) => c.code === cell.attendance)?.isAbsence === true;
  const grades = [cell.grade1, cell.grade2].filter((g): g is string => g !== null && g !== '').join('/');
  return absent ? (grades ? `н ${grades}` : 'н') : grades;
}

/** Whether the student belonged to the journal's group on the lesson's date (outside: the cell is shaded). */
export function inGroupOn(student: PrintoutStudent, date: IsoDate): boolean {
  return student.spans.some((s) => coversDate(s.from, s.to, date));
}

/** Printed lines a lesson's row takes on the lessons page. */
export function lessonRowLines(l: Pick<PrintoutLesson, 'topic' | 'homework'>): number {
  const m = PRINTOUT_METRICS;
  return Math.max(
    1,
    Math.ceil((l.topic?.length ?? 0) / m.topicCharsPerLine),
    Math.ceil((l.homework?.length ?? 0) / m.homeworkCharsPerLine),
  );
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out.length ? out : [[]];
}

/**
 * The blocks of one subject, each fitting a page: marks split by students, lessons by their rows' heights. A row taller
 * than a page still gets a page of its own.
 */
export function subjectBlocks(
  subject: PrintoutSubject,
  index: number,
  lessonsPerPage: number,
  measure: PrintoutMeasure = ESTIMATED_MEASURE,
): PrintoutBlock[] {
  const blocks: PrintoutBlock[] = [];
  const parts = chunks(subject.lessons, lessonsPerPage);
  parts.forEach((lessons, p) => {
    const last = p === parts.length - 1;
    const attestation = last && subject.attestation.length > 0;
    let students: PrintoutStudent[] = [];
    let firstNo = 1;
    let used = 0;
    const flush = () => {
      blocks.push({
        kind: 'marks',
        subject: index,
        lessons,
        months: monthSpans(lessons),
        students,
        firstNo,
        attestation,
        continued: p > 0 || firstNo > 1,
      });
    };
    subject.students.forEach((st, i) => {
      const room = measure.page - measure.heading(subject, p > 0 || firstNo > 1) - measure.marksHead;
      const need = measure.studentRow(subject, st, lessons, attestation);
      if (students.length && used + need > room) {
        flush();
        students = [];
        firstNo = i + 1;
        used = 0;
      }
      students.push(st);
      used += need;
    });
    flush();
    let page: PrintoutLesson[] = [];
    let continued = p > 0;
    used = 0;
    for (const l of lessons) {
      const need = measure.lessonRow(l);
      if (page.length && used + need > measure.page - measure.heading(subject, continued) - measure.lessonsHead) {
        blocks.push({ kind: 'lessons', subject: index, lessons: page, continued });
        page = [];
        continued = true;
        used = 0;
      }
      page.push(l);
      used += need;
    }
    blocks.push({ kind: 'lessons', subject: index, lessons: page, continued });
  });
  return blocks;
}

/** The height (pt) a block takes on its page. */
export function blockHeight(
  b: PrintoutBlock,
  subject: PrintoutSubject,
  measure: PrintoutMeasure = ESTIMATED_MEASURE,
): number {
  return (
    measure.heading(subject, b.continued) +
    (b.kind === 'marks'
      ? measure.marksHead +
        b.students.reduce((h, st) => h + measure.studentRow(subject, st, b.lessons, b.attestation), 0)
      : measure.lessonsHead + b.lessons.reduce((h, l) => h + measure.lessonRow(l), 0))
  );
}

/**
 * The whole copy, page by page: the title page with the list of subjects (continued on «Содержание» pages when it is
 * long) for «Все», the subjects' blocks — one a page, or packed when `newPage` is off — and the certification page
 * last. Page n of the result is printed «n».
 */
export function paginatePrintout(subjects: readonly PrintoutSubject[], options: PrintoutOptions): PrintoutPage[] {
  const measure = options.measure ?? ESTIMATED_MEASURE;
  const pages: PrintoutPage[] = [];
  if (options.titlePage) {
    let page: PrintoutPage & { contents: number[] } = { kind: 'title', contents: [] };
    let used = measure.title;
    pages.push(page);
    subjects.forEach((subject, i) => {
      const need = measure.contentsEntry(subject);
      if (page.contents.length && used + need > measure.page) {
        page = { kind: 'contents', contents: [] };
        pages.push(page);
        used = measure.contentsHeading;
      }
      page.contents.push(i);
      used += need;
    });
  }
  let current: { kind: 'journal'; blocks: PrintoutBlock[] } | null = null;
  let used = 0;
  subjects.forEach((subject, i) => {
    for (const block of subjectBlocks(subject, i, options.lessonsPerPage, measure)) {
      const height = blockHeight(block, subject, measure);
      if (options.newPage || !current || used + height > measure.page) {
        current = { kind: 'journal', blocks: [] };
        pages.push(current);
        used = 0;
      }
      current.blocks.push(block);
      used += height;
    }
  });
  pages.push({ kind: 'certification' });
  return pages;
}
