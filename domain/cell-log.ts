/**
 * The log of journal cells (`cell_changes`): one row per lesson of a batch, its students' values before and after as
 * parallel arrays — twenty rows for a pasted 30 × 20 block instead of six hundred. Version 0 before means there was no
 * cell; the version after is one more. An empty string is an empty value.
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

function state(
  version: number | undefined,
  attendance: string | undefined,
  grade1: string | undefined,
  grade2: string | undefined,
): CellState | null {
  if (!version) return null;
  return {
    attendance: attendance || null,
    grade1: grade1 || null,
    grade2: grade2 || null,
    version,
  };
}

/** Every cell of a log row as (lesson, student, before, after). */
export function cellChanges(row: CellChangeRow): CellChange[] {
  return row.studentIds.map((studentId, i) => ({
    lessonId: row.lessonId,
    studentId,
    before: state(row.versionBefore[i], row.attendanceBefore[i], row.grade1Before[i], row.grade2Before[i]),
    // The write that logs a change raises the version by one (write-cells.ts); an empty value after it is still a cell.
    after: state((row.versionBefore[i] ?? 0) + 1, row.attendanceAfter[i], row.grade1After[i], row.grade2After[i]),
  }));
}
