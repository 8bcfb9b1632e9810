import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import {
  lessonRowLines,
  monthSpans,
  paginatePrintout,
  printedMark,
  PRINTOUT_METRICS,
  type PrintoutLesson,
  type PrintoutSubject,
} from './journal-printout';
import { DEFAULT_ATTENDANCE_CODES } from './marks';
import { preflightIssues, type PreflightJournal } from './print-checks';

function lessons(n: number, from = '2026-09-01', topic = 'Тема'): PrintoutLesson[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    date: addDays(from, i * 2),
    hours: 2,
    topic,
    homework: null,
    teacher: 'Петров П. П.',
    substitute: false,
  }));
}

function subject(title: string, lessonCount: number, studentCount = 25, topic = 'Тема'): PrintoutSubject {
  return {
    assignmentId: 1,
    title,
    teacher: 'Петров Пётр Петрович',
    plannedHours: 72,
    deliveredHours: 0,
    lessons: lessons(lessonCount, '2026-09-01', topic),
    students: Array.from({ length: studentCount }, (_, i) => ({
      id: i + 1,
      name: `Студент ${i + 1}`,
      spans: [{ from: '2026-09-01', to: null }],
    })),
    marks: new Map(),
    attestation: [{ header: 'Сем.', values: new Map() }],
  };
}

describe('the printed journal’s pages', () => {
  it('prints «н» for any absence, then the grades; a late mark alone prints nothing', () => {
    const codes = DEFAULT_ATTENDANCE_CODES;
    expect(printedMark({ attendance: 'н', grade1: null, grade2: null }, codes)).toBe('н');
    expect(printedMark({ attendance: 'б', grade1: null, grade2: null }, codes)).toBe('н');
    expect(printedMark({ attendance: null, grade1: '4', grade2: '5' }, codes)).toBe('4/5');
    expect(printedMark({ attendance: 'о', grade1: '4', grade2: null }, codes)).toBe('4');
    expect(printedMark({ attendance: 'о', grade1: null, grade2: null }, codes)).toBe('');
  });

  it('groups the lessons of a month under one label', () => {
    expect(monthSpans([{ date: '2026-09-28' }, { date: '2026-09-30' }, { date: '2026-10-02' }])).toEqual([
      { label: 'Сентябрь', span: 2 },
      { label: 'Октябрь', span: 1 },
    ]);
  });

  it('honours the lessons per page: 45 lessons at 40 a page make two marks and two lessons pages', () => {
    const pages = paginatePrintout([subject('Математика', 45)], { lessonsPerPage: 40, newPage: true, titlePage: true });
    expect(pages.map((p) => (p.kind === 'journal' ? p.blocks.map((b) => b.kind).join('+') : p.kind))).toEqual([
      'title',
      'marks',
      'lessons',
      'marks',
      'lessons',
      'certification',
    ]);
    const marks = pages.flatMap((p) => (p.kind === 'journal' ? p.blocks : [])).filter((b) => b.kind === 'marks');
    expect(marks.map((b) => b.lessons.length)).toEqual([40, 5]);
    // Attestation columns only after the last lesson.
    expect(marks.map((b) => b.kind === 'marks' && b.attestation)).toEqual([false, true]);
  });

  it('starts each subject on a new page, or packs small tables when asked not to', () => {
    const subjects = [subject('Физика', 3, 5), subject('Химия', 3, 5)];
    expect(paginatePrintout(subjects, { lessonsPerPage: 40, newPage: true, titlePage: false })).toHaveLength(5);
    const packed = paginatePrintout(subjects, { lessonsPerPage: 40, newPage: false, titlePage: false });
    expect(packed).toHaveLength(2);
    const first = packed[0]!;
    expect(first.kind === 'journal' && first.blocks.map((b) => `${b.subject}${b.kind}`)).toEqual([
      '0marks',
      '0lessons',
      '1marks',
      '1lessons',
    ]);
  });

  it('splits a long class list and long topics so that no page overflows', () => {
    const s = subject('История', 40, 50, 'Очень длинная тема занятия '.repeat(6));
    expect(lessonRowLines(s.lessons[0]!)).toBe(3);
    const pages = paginatePrintout([s], { lessonsPerPage: 40, newPage: true, titlePage: false });
    const blocks = pages.flatMap((p) => (p.kind === 'journal' ? p.blocks : []));
    const marks = blocks.filter((b) => b.kind === 'marks');
    expect(marks.map((b) => b.kind === 'marks' && [b.firstNo, b.students.length])).toEqual([
      [1, 40],
      [41, 10],
    ]);
    const lessonPages = blocks.filter((b) => b.kind === 'lessons');
    expect(lessonPages.map((b) => b.lessons.length)).toEqual([13, 13, 13, 1]);
    for (const b of lessonPages)
      expect(
        PRINTOUT_METRICS.lessonsHeaderLines + b.lessons.reduce((n, l) => n + lessonRowLines(l), 0),
      ).toBeLessThanOrEqual(PRINTOUT_METRICS.linesPerPage);
  });

  it('prints an empty journal as one marks and one lessons page', () => {
    const pages = paginatePrintout([subject('Право', 0)], { lessonsPerPage: 40, newPage: true, titlePage: false });
    expect(pages.map((p) => p.kind)).toEqual(['journal', 'journal', 'certification']);
  });
});

describe('pre-flight of a copy', () => {
  const journal: PreflightJournal = {
    assignmentId: 7,
    title: 'ОП.01 Операционные системы',
    lessons: [
      { id: 1, date: '2026-09-02', topic: 'Введение', marked: true },
      { id: 2, date: '2026-09-09', topic: null, marked: true },
      { id: 3, date: '2026-09-16', topic: null, marked: false },
      { id: 4, date: '2026-12-20', topic: null, marked: false }, // in the future: not yet a fault
      { id: 5, date: '2026-12-25', topic: 'После периода', marked: true },
    ],
    students: [
      { id: 11, name: 'Антонова Анна Сергеевна', spans: [{ from: '2026-09-01', to: null }] },
      { id: 12, name: 'Борисов Борис Олегович', spans: [{ from: '2026-09-01', to: '2026-10-01' }] },
    ],
    gradeCounts: new Map([[11, 2]]),
    attestation: [{ header: 'Сем.', values: new Map() }],
  };

  it('names each fault with its lesson or student and a link to the cell', () => {
    const issues = preflightIssues([journal], {
      from: '2026-09-01',
      to: '2026-12-24',
      today: '2026-12-10',
      termEndsOn: '2026-12-31',
    });
    expect(issues.map((i) => [i.rule, i.text, i.href])).toEqual([
      ['noTopic', '09.09.2026: нет темы занятия', '/journals/7?lesson=2'],
      ['emptyLesson', '16.09.2026: ни темы, ни отметок', '/journals/7?lesson=3'],
      [
        'marksAfterInterval',
        'после 24.12.2026 отметки есть в 1 занятии — в копию они не войдут',
        '/journals/7?lesson=5',
      ],
    ]);
  });

  it('judges grades and attestation on a copy of the whole term once it has ended', () => {
    const issues = preflightIssues([journal], {
      from: '2026-09-01',
      to: '2026-12-31',
      today: '2027-01-11',
      termEndsOn: '2026-12-31',
    });
    // Борисов left on 01.10: neither his grades nor his attestation are asked for.
    expect(issues.filter((i) => i.studentId !== null).map((i) => [i.rule, i.text, i.href])).toEqual([
      ['shortOfGrades', 'Антонова Анна Сергеевна: 2 оценки из 5', '/journals/7?student=11'],
      ['noAttestation', 'Антонова Анна Сергеевна: нет результата «Сем.»', '/journals/7?student=11'],
    ]);
  });
});
