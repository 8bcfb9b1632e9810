/**
 * The log of journal cells (`cell_changes`): one row per lesson of a batch, its students' values before and after as
 * parallel arrays — twenty rows for a pasted 30 × 20 block instead of six hundred. Version 0 means there was no cell,
 * an empty string an empty value.
 */
import type { CellValue } from './marks';

export interface CellState extends CellValue {
  version: number;
}

export interface CellChangeRow {
  lessonId: number;
  studentIds: number[];
  versionBefore: number[];
  attendanceBefore: string[];
  grade1Before: string[];
  grade2Before: string[];
  versionAfter: number[];
  attendanceAfter: string[];
  grade1After: string[];
  grade2After: string[];
}

export interface CellChange {
  lessonId: number;
  studentId: number;
  before: CellState | null;
  after: CellState | null;
}

function state(version: number | undefined, attendance: string | undefined, grade1: string | undefined, grade2: string | undefined): CellState | null {
  if (!version) return null;
  return { attendance: attendance || null, grade1: (grade1 || null) as CellValue['grade1'], grade2: (grade2 || null) as CellValue['grade2'], version };
}

/** Every cell of a log row as (lesson, student, before, after). */
export function cellChanges(row: CellChangeRow): CellChange[] {
  return row.studentIds.map((studentId, i) => ({
    lessonId: row.lessonId,
    studentId,
    before: state(row.versionBefore[i], row.attendanceBefore[i], row.grade1Before[i], row.grade2Before[i]),
    after: state(row.versionAfter[i], row.attendanceAfter[i], row.grade1After[i], row.grade2After[i]),
  }));
}
