import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import {
  bySeverity,
  countFlags,
  flagKey,
  gradesDue,
  isIssuable,
  monitoringFlags,
  type MonitoredJournal,
  type MonitoredLesson,
  type MonitoredStudent,
} from './monitoring';

const TERM = { startsOn: '2026-09-01', endsOn: '2026-12-31' };
const TEACHER = 7;
const SUBSTITUTE = 9;

const lesson = (id: number, date: string, over: Partial<MonitoredLesson> = {}): MonitoredLesson => ({
  id,
  date,
  hasTopic: true,
  marked: true,
  taughtBy: null,
  firstEntryOn: date,
  ...over,
});
const student = (id: number, over: Partial<MonitoredStudent> = {}): MonitoredStudent => ({
  id,
  name: `Студент ${id}`,
  spans: [{ from: '2026-09-01', to: null }],
  grades: 5,
  results: {},
  ...over,
});
const journal = (over: Partial<MonitoredJournal> = {}): MonitoredJournal => ({
  assignmentId: 1,
  title: 'ОП.01 Информатика',
  groupId: 3,
  group: 'ИС-21',
  teacherId: TEACHER,
  lessons: [],
  students: [],
  attestation: ['Сем.', 'Экз.'],
  heldHours: 10,
  dueHours: 10,
  ...over,
});

describe('a lesson is filled within 3 days (§5.6)', () => {
  it('an empty lesson 3 days old is not flagged yet; on the 4th day it is, since that day', () => {
    const j = journal({ lessons: [lesson(11, '2026-11-27', { hasTopic: false, marked: false, firstEntryOn: null })] });
    expect(monitoringFlags([j], TERM, '2026-11-30')).toEqual([]);
    const flags = monitoringFlags([j], TERM, '2026-12-01');
    expect(flags).toEqual([
      {
        rule: 'unfilledLesson',
        severity: 'violation',
        assignmentId: 1,
        teacherId: TEACHER,
        lessonId: 11,
        studentId: null,
        since: '2026-12-01',
        text: '27.11.2026: ни темы, ни отметок (срок 3 дня истёк 30.11.2026)',
        href: '/journals/1?lesson=11',
      },
    ]);
  });

  it('marks without a topic are «noTopic»; a topic without marks is a filled lesson (absences only are recorded)', () => {
    const j = journal({
      lessons: [
        lesson(11, '2026-11-02', { hasTopic: false }),
        lesson(12, '2026-11-03', { marked: false, firstEntryOn: null }),
      ],
    });
    expect(monitoringFlags([j], TERM, '2026-11-20').map((f) => [f.rule, f.lessonId, f.since])).toEqual([
      ['noTopic', 11, '2026-11-06'],
    ]);
  });

  it('a lesson in the future and a cancelled lesson (not among the journal’s lessons) are not judged', () => {
    const j = journal({ lessons: [lesson(11, '2026-12-10', { hasTopic: false, marked: false, firstEntryOn: null })] });
    expect(monitoringFlags([j], TERM, '2026-12-02')).toEqual([]);
  });

  it('a substitute’s lesson is the substitute’s flag', () => {
    const j = journal({
      lessons: [lesson(11, '2026-11-02', { hasTopic: false, marked: false, firstEntryOn: null, taughtBy: SUBSTITUTE })],
    });
    expect(monitoringFlags([j], TERM, '2026-11-20')[0]).toMatchObject({ teacherId: SUBSTITUTE, lessonId: 11 });
  });

  it('entries made on the 4th day or later are late, counted in days, since the entry', () => {
    const j = journal({
      lessons: [
        lesson(11, '2026-11-02', { firstEntryOn: '2026-11-05' }),
        lesson(12, '2026-11-03', { firstEntryOn: '2026-11-13' }),
      ],
    });
    expect(monitoringFlags([j], TERM, '2026-11-20')).toMatchObject([
      {
        rule: 'lateEntry',
        lessonId: 12,
        since: '2026-11-13',
        text: '03.11.2026: первые отметки внесены 13.11.2026 — через 10 дней',
      },
    ]);
  });
});

describe('at least 5 grades a term, scaled to the term gone', () => {
  it('asks ⌊5 × share⌋: nothing on the first days, 2 at about half, 5 once the term is over', () => {
    const s = student(1);
    expect(gradesDue(s, TERM, '2026-09-10')).toBe(0);
    expect(gradesDue(s, TERM, '2026-11-01')).toBe(2);
    expect(gradesDue(s, TERM, '2026-12-31')).toBe(5);
    expect(gradesDue(s, TERM, '2027-01-10')).toBe(5);
  });

  it('a student who joined mid-term is measured from the day they joined', () => {
    const newcomer = student(2, { spans: [{ from: '2026-11-15', to: null }], grades: 0 });
    expect(gradesDue(newcomer, TERM, '2026-11-20')).toBe(0);
    const j = journal({ students: [student(1, { grades: 1 }), newcomer] });
    const flags = monitoringFlags([j], TERM, '2026-11-20');
    expect(flags.map((f) => [f.rule, f.studentId, f.severity])).toEqual([['shortOfGrades', 1, 'risk']]);
    expect(flags[0]!.text).toBe('Студент 1: 1 оценка, к 20.11.2026 нужно не меньше 3 (из 5 за семестр)');
    // The 2nd grade became due on day 49 of 122 (⌊5 × 49 / 122⌋ = 2), 19.10.
    expect(flags[0]!.since).toBe('2026-10-19');
  });

  it('a student who left, or is exempt, is not judged', () => {
    const j = journal({
      students: [
        student(1, { grades: 0, spans: [{ from: '2026-09-01', to: '2026-10-15' }] }),
        student(2, { grades: 0, results: { 'Сем.': 'осв.' } }),
      ],
    });
    expect(monitoringFlags([j], TERM, '2026-11-20')).toEqual([]);
  });
});

describe('after the term has ended', () => {
  const closedDay = '2027-01-12';

  it('flags missing attestation results and fewer than 5 grades, strictly', () => {
    const j = journal({ students: [student(1, { grades: 4, results: { 'Сем.': '4' } })] });
    expect(monitoringFlags([j], TERM, closedDay).map((f) => [f.rule, f.severity, f.since, f.text])).toEqual([
      ['shortOfGrades', 'violation', '2027-01-01', 'Студент 1: 4 оценки, к 31.12.2026 нужно не меньше 5'],
      ['noAttestation', 'violation', '2027-01-01', 'Студент 1: нет результата «Экз.» (семестр окончен 31.12.2026)'],
    ]);
  });

  it('judges only those in the group on the term’s last day', () => {
    const j = journal({ students: [student(1, { grades: 0, spans: [{ from: '2026-09-01', to: '2026-12-20' }] })] });
    expect(monitoringFlags([j], TERM, closedDay)).toEqual([]);
  });

  it('attestation is not asked before the term ends', () => {
    const j = journal({ students: [student(1)] });
    expect(monitoringFlags([j], TERM, '2026-12-31')).toEqual([]);
  });
});

describe('hours and counting', () => {
  it('hours held behind hours due are one flag on the journal', () => {
    const j = journal({ heldHours: 40, dueHours: 48 });
    expect(monitoringFlags([j], TERM, '2026-12-02')).toEqual([
      expect.objectContaining({
        rule: 'hoursBehind',
        lessonId: null,
        studentId: null,
        since: '2026-11-29',
        text: 'проведено 40 ч из 48 ч, положенных к 29.11.2026 (отставание 8 ч)',
        href: '/journals/1',
      }),
    ]);
  });

  it('counts per rule and keys a flag by rule, journal, lesson and student', () => {
    const flags = monitoringFlags(
      [journal({ heldHours: 0, dueHours: 2, students: [student(1, { grades: 0 })] })],
      TERM,
      '2026-12-02',
    );
    expect(countFlags(flags)).toMatchObject({ hoursBehind: 1, shortOfGrades: 1, noTopic: 0 });
    expect(flags.map(flagKey)).toEqual(['hoursBehind:1::', 'shortOfGrades:1::1']);
  });
});

describe('risk and violation (issue #29, item 2): each rule judged when the regulation judges it', () => {
  const j = journal({
    heldHours: 40,
    dueHours: 48,
    students: [student(1, { grades: 0 })],
    lessons: [lesson(11, '2026-11-02', { hasTopic: false })],
  });

  it('while the term lasts, the term’s totals (5 grades, hours) are a risk and the 3-day rule a violation', () => {
    const flags = monitoringFlags([j], TERM, '2026-12-02');
    expect(flags.map((f) => [f.rule, f.severity])).toEqual([
      ['noTopic', 'violation'],
      ['hoursBehind', 'risk'],
      ['shortOfGrades', 'risk'],
    ]);
    expect(bySeverity(flags).violations.map((f) => f.rule)).toEqual(['noTopic']);
    expect(flags.filter(isIssuable).map((f) => f.rule)).toEqual(['noTopic']);
  });

  it('on the term’s last day still a risk; the day after, every one a violation a remark can be issued for', () => {
    expect(monitoringFlags([j], TERM, TERM.endsOn).filter((f) => f.severity === 'risk')).toHaveLength(2);
    const after = monitoringFlags([j], TERM, addDays(TERM.endsOn, 1));
    expect(after.every((f) => f.severity === 'violation')).toBe(true);
    expect(after.filter(isIssuable).map((f) => f.rule)).toEqual([
      'noTopic',
      'hoursBehind',
      'shortOfGrades',
      'noAttestation',
      'noAttestation',
    ]);
  });
});
