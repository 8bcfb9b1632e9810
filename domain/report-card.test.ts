import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTENDANCE_CODES } from './marks';
import { reportCardRows, reportCardTotals, type CardJournal } from './report-card';

const lessons = [1, 2, 3, 4].map((id) => ({ id, date: `2026-09-0${id}`, hours: 2, weight: id === 4 ? 2 : 1 }));

describe('report card (табель успеваемости)', () => {
  it('lists the grades in lesson order, averages them, counts missed hours and takes the results', () => {
    const journals: CardJournal[] = [
      {
        assignmentId: 10,
        termId: 1,
        code: 'ОУД.04',
        subject: 'Математика',
        form: 'Э',
        lessons,
        cells: [
          { lessonId: 4, attendance: null, grade1: '5', grade2: null },
          { lessonId: 1, attendance: null, grade1: '3', grade2: '4' },
          { lessonId: 2, attendance: 'н', grade1: null, grade2: null },
          { lessonId: 3, attendance: 'б', grade1: null, grade2: null },
        ],
        results: { sem: '4', exam: '5' },
      },
      {
        assignmentId: 11,
        termId: 1,
        code: 'ОУД.07',
        subject: 'Физическая культура',
        form: 'З',
        lessons,
        cells: [],
        results: { credit: 'не зачтено' },
      },
    ];
    const rows = reportCardRows(journals, DEFAULT_ATTENDANCE_CODES);
    expect(rows[0]).toMatchObject({
      grades: ['3', '4', '5'],
      gradeCount: 3,
      shortOfGrades: true,
      average: 4,
      // (3 + 4) × 1 + 5 × 2 over weights 4
      weightedAverage: 4.25,
      missedHours: 4,
      missedValidHours: 2,
      semester: '4',
      attestation: { form: 'Э', title: 'Экзамен', value: '5' },
    });
    expect(rows[1]).toMatchObject({ grades: [], average: null, semester: null });
    expect(rows[1]!.attestation).toEqual({ form: 'З', title: 'Зачёт', value: 'не зачтено' });
    expect(reportCardTotals(rows)).toEqual({ average: 4, missedHours: 4, missedValidHours: 2, failing: 1 });
  });
});
