import { describe, expect, it } from 'vitest';
import { logRowCells, packLessonCells, unpackStudent } from './cell-log';

describe('the packed cell log', () => {
  const before = packLessonCells([
    { studentId: 7, state: { attendance: 'н', grade1: null, grade2: null, version: 3 } },
    { studentId: 9, state: null },
  ]);
  const after = packLessonCells([
    { studentId: 7, state: { attendance: null, grade1: '5', grade2: '4', version: 4 } },
    { studentId: 9, state: { attendance: null, grade1: '3', grade2: null, version: 1 } },
  ]);

  it('unpacks each student, a missing cell as null', () => {
    expect(unpackStudent(before, 7)).toEqual({ attendance: 'н', grade1: null, grade2: null, version: 3 });
    expect(unpackStudent(before, 9)).toBeNull();
    expect(unpackStudent(after, 8)).toBeNull();
  });

  it('reads a per-lesson row and an old per-cell row alike', () => {
    expect(logRowCells({ entity: 'cells', lessonId: 100, studentId: null, before, after })).toEqual([
      { lessonId: 100, studentId: 7, before: { attendance: 'н', grade1: null, grade2: null, version: 3 }, after: { attendance: null, grade1: '5', grade2: '4', version: 4 } },
      { lessonId: 100, studentId: 9, before: null, after: { attendance: null, grade1: '3', grade2: null, version: 1 } },
    ]);
    const old = { attendance: null, grade1: '5', grade2: null, version: 2 };
    expect(logRowCells({ entity: 'cell', lessonId: 1, studentId: 2, before: null, after: old })).toEqual([{ lessonId: 1, studentId: 2, before: null, after: old }]);
    expect(logRowCells({ entity: 'lesson', lessonId: 1, studentId: null, before: null, after: {} })).toEqual([]);
  });
});
