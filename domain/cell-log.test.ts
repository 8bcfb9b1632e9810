import { describe, expect, it } from 'vitest';
import { cellChanges } from './cell-log';

describe('the cell log row of one lesson', () => {
  it('gives each student before and after, a missing cell (version 0) as null', () => {
    const row = {
      lessonId: 100,
      studentIds: [7, 9],
      versionBefore: [3, 0],
      attendanceBefore: ['н', ''],
      grade1Before: ['', ''],
      grade2Before: ['', ''],
      attendanceAfter: ['', ''],
      grade1After: ['5', '3'],
      grade2After: ['4', ''],
    };
    expect(cellChanges(row)).toEqual([
      {
        lessonId: 100,
        studentId: 7,
        before: { attendance: 'н', grade1: null, grade2: null, version: 3 },
        after: { attendance: null, grade1: '5', grade2: '4', version: 4 },
      },
      { lessonId: 100, studentId: 9, before: null, after: { attendance: null, grade1: '3', grade2: null, version: 1 } },
    ]);
  });
});
