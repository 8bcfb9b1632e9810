import { describe, expect, it } from 'vitest';
import { attendanceRows, attendanceTotals } from './attendance-summary';
import { DEFAULT_ATTENDANCE_CODES } from './marks';

describe('attendance of a group for a period (hand-worked)', () => {
  it('counts hours missed in all, valid, for illness and without a reason; late is not an absence', () => {
    const rows = attendanceRows(
      [1, 2, 3],
      [
        { studentId: 1, hours: 2, code: 'н' },
        { studentId: 1, hours: 2, code: 'б' },
        { studentId: 1, hours: 1, code: 'у' },
        { studentId: 2, hours: 2, code: 'о' },
        { studentId: 2, hours: 2, code: 'б' },
        { studentId: 9, hours: 2, code: 'н' }, // not on the list: skipped
      ],
      DEFAULT_ATTENDANCE_CODES,
    );
    expect(rows).toEqual([
      { studentId: 1, lessons: 3, hours: 5, valid: 3, illness: 2, invalid: 2 },
      { studentId: 2, lessons: 1, hours: 2, valid: 2, illness: 2, invalid: 0 },
      { studentId: 3, lessons: 0, hours: 0, valid: 0, illness: 0, invalid: 0 },
    ]);
    expect(attendanceTotals(rows)).toEqual({ lessons: 4, hours: 7, valid: 5, illness: 4, invalid: 2 });
  });
});
