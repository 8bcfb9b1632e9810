import { describe, expect, it } from 'vitest';
import { curatorWeekRows, RISK_INVALID_HOURS, type WeekFact, type WeekStudent } from './curator-week';

const CODES = [
  { code: 'н', label: 'не был', isAbsence: true, isValid: false },
  { code: 'б', label: 'болел', isAbsence: true, isValid: true },
  { code: 'о', label: 'опоздал', isAbsence: false, isValid: false },
];
const TERM = { startsOn: '2026-09-01', endsOn: '2026-12-31' };
const TODAY = '2026-12-02';
const SUBJECTS = [
  { assignmentId: 1, name: 'Математика' },
  { assignmentId: 2, name: 'История' },
];
const student = (
  id: number,
  term: [number, number, number][] = [
    [1, 5, 22],
    [2, 5, 20],
  ],
): WeekStudent => ({
  id,
  name: `Студент ${id}`,
  spans: [{ from: '2026-09-01', to: null }],
  assignmentIds: new Set([1, 2]),
  term: new Map(term.map(([a, count, sum]) => [a, { count, sum }])),
});
const fact = (over: Partial<WeekFact>): WeekFact => ({
  assignmentId: 1,
  studentId: 1,
  date: '2026-11-30',
  hours: 2,
  attendance: null,
  grade1: null,
  grade2: null,
  ...over,
});

describe('the curator’s week', () => {
  it('puts each mark in its subject’s cell in date order and sums missed hours, valid and not', () => {
    const [row] = curatorWeekRows(
      SUBJECTS,
      [student(1)],
      [
        fact({ date: '2026-12-01', grade1: '4', grade2: '5' }),
        fact({ date: '2026-11-30', attendance: 'н' }),
        fact({ assignmentId: 2, attendance: 'б' }),
        fact({ assignmentId: 2, date: '2026-12-01', attendance: 'о', grade1: '3' }),
      ],
      CODES,
      TERM,
      TODAY,
    );
    expect(row!.cells[1]).toEqual({ marks: ['н', '4/5'], missedHours: 2, missedInvalidHours: 2 });
    expect(row!.cells[2]).toEqual({ marks: ['б', 'о3'], missedHours: 2, missedInvalidHours: 0 });
    expect(row).toMatchObject({ missedHours: 4, missedValidHours: 2, missedInvalidHours: 2, risks: [] });
  });

  it('names every reason of risk: a «2», a low term average, absences without reason, too few grades', () => {
    const absent = Array.from({ length: RISK_INVALID_HOURS / 2 }, (_, i) =>
      fact({ studentId: 2, date: `2026-11-3${i % 2}`, attendance: 'н' }),
    );
    const [row] = curatorWeekRows(
      SUBJECTS,
      [
        student(2, [
          [1, 4, 10],
          [2, 1, 4],
        ]),
      ],
      [...absent, fact({ studentId: 2, assignmentId: 2, grade1: '2' })],
      CODES,
      TERM,
      TODAY,
    );
    expect(row!.risks).toEqual([
      '6 ч пропусков без уважительной причины',
      '«2»: История (30.11.2026)',
      'Математика: средний балл за семестр 2.50',
      'История: 1 оценка из 3 положенных к 02.12.2026',
    ]);
  });

  it('does not judge a subject the student is not in (another subgroup)', () => {
    const s = { ...student(3, [[1, 5, 25]]), assignmentIds: new Set([1]) };
    expect(curatorWeekRows(SUBJECTS, [s], [], CODES, TERM, TODAY)[0]!.risks).toEqual([]);
  });
});
