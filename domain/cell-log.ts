/**
 * The change-log payload of a batch's cells: one log row per lesson, its students' values before and after as
 * parallel arrays. Twenty rows for a pasted 30 × 20 block instead of six hundred, each small enough to stay inline
 * in the table (no TOAST). Older rows (`entity = 'cell'`, one per cell) are read alike.
 */
import type { CellValue } from './marks';

export interface CellState extends CellValue {
  version: number;
}

/** Parallel arrays: student ids, attendance, first and second grade, version (0 = the cell did not exist). */
export interface LessonCells {
  s: number[];
  a: (string | null)[];
  g1: (string | null)[];
  g2: (string | null)[];
  v: number[];
}

export function packLessonCells(entries: { studentId: number; state: CellState | null }[]): LessonCells {
  return {
    s: entries.map((e) => e.studentId),
    a: entries.map((e) => e.state?.attendance ?? null),
    g1: entries.map((e) => e.state?.grade1 ?? null),
    g2: entries.map((e) => e.state?.grade2 ?? null),
    v: entries.map((e) => e.state?.version ?? 0),
  };
}

/** One student's state in a packed payload: null when the cell did not exist (or the student is not in it). */
export function unpackStudent(packed: LessonCells | null, studentId: number): CellState | null {
  if (!packed) return null;
  const i = packed.s.indexOf(studentId);
  if (i < 0 || packed.v[i] === 0) return null;
  return { attendance: packed.a[i] ?? null, grade1: (packed.g1[i] ?? null) as CellValue['grade1'], grade2: (packed.g2[i] ?? null) as CellValue['grade2'], version: packed.v[i]! };
}

/** Every cell of a log row, in either format, as (lesson, student, before, after). */
export function logRowCells(row: { entity: string; lessonId: number | null; studentId: number | null; before: unknown; after: unknown }) {
  if (row.entity === 'cell' && row.lessonId !== null && row.studentId !== null) {
    return [{ lessonId: row.lessonId, studentId: row.studentId, before: row.before as CellState | null, after: row.after as CellState | null }];
  }
  if (row.entity === 'cells' && row.lessonId !== null) {
    const after = row.after as LessonCells;
    const before = row.before as LessonCells | null;
    return after.s.map((studentId) => ({ lessonId: row.lessonId!, studentId, before: unpackStudent(before, studentId), after: unpackStudent(after, studentId) }));
  }
  return [];
}
