/**
 * Attendance of a group for a period (DOMAIN.md «Reports»: attendance summary): per student the hours missed — in all,
 * for a valid reason, of them for illness, and without a valid reason — and the lessons missed. Missed hours are the
 * lesson's hours for each absence (DOMAIN.md «Marks in a journal cell»); a late mark («о») is not an absence.
 */
import type { AttendanceCodeDef } from './marks';

/** The code of illness in the default dictionary (болезнь: «б»). */
export const ILLNESS_CODE = 'б';

export interface AbsenceFact {
  studentId: number;
  hours: number;
  code: string;
}

export interface AttendanceRow {
  studentId: number;
  lessons: number;
  hours: number;
  valid: number;
  illness: number;
  invalid: number;
}

/** Sums the absences by student; codes that are not absences are skipped. Students with none get zeros. */
export function attendanceRows(
  studentIds: readonly number[],
  facts: readonly AbsenceFact[],
  codes: readonly AttendanceCodeDef[],
): AttendanceRow[] {
  const byCode = new Map(codes.map((c) => [c.code, c]));
  const rows = new Map<number, AttendanceRow>(
    studentIds.map((id) => [id, { studentId: id, lessons: 0, hours: 0, valid: 0, illness: 0, invalid: 0 }]),
  );
  for (const f of facts) {
    const code = byCode.get(f.code);
    const row = rows.get(f.studentId);
    if (!code?.isAbsence || !row) continue;
    row.lessons += 1;
    row.hours += f.hours;
    if (code.isValid) row.valid += f.hours;
    else row.invalid += f.hours;
    if (f.code === ILLNESS_CODE) row.illness += f.hours;
  }
  return [...rows.values()];
}

/** The group's totals of the rows. */
export function attendanceTotals(rows: readonly AttendanceRow[]): Omit<AttendanceRow, 'studentId'> {
  return rows.reduce(
    (t, r) => ({
      lessons: t.lessons + r.lessons,
      hours: t.hours + r.hours,
      valid: t.valid + r.valid,
      illness: t.illness + r.illness,
      invalid: t.invalid + r.invalid,
    }),
    { lessons: 0, hours: 0, valid: 0, illness: 0, invalid: 0 },
  );
}
