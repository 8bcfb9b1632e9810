/**
 * The cells of a journal page on their way to the browser. They travel as one JSON string of
 * `[lessonId, studentId, attendance, grade1, grade2, version]` tuples: tRPC's transformer (superjson) walks every value
 * of an answer, and for a page of ≈1 800 cells that walk cost ≈5.5 ms against ≈0.3 ms for one string; the answer is
 * also ≈2.5× smaller (issue #14, item 1: `npm run bench`, `journalPageHttpMs`). The cells a saved batch sends back
 * travel the same way (600 cells of a 30 × 20 paste: ≈2 ms of the walk; `pasteSaveHttpMs`).
 */

/** One cell of a journal page: the mark(s) and the absence of a student on a lesson, with its version. */
export interface JournalCell {
  lessonId: number;
  studentId: number;
  attendance: string | null;
  grade1: string | null;
  grade2: string | null;
  version: number;
}

type CellTuple = [number, number, string | null, string | null, string | null, number];

export function packCells(cells: readonly JournalCell[]): string {
  return JSON.stringify(
    cells.map((c): CellTuple => [c.lessonId, c.studentId, c.attendance, c.grade1, c.grade2, c.version]),
  );
}

export function unpackCells(packed: string): JournalCell[] {
  return (JSON.parse(packed) as CellTuple[]).map(([lessonId, studentId, attendance, grade1, grade2, version]) => ({
    lessonId,
    studentId,
    attendance,
    grade1,
    grade2,
    version,
  }));
}

/** An answer of `journal.save` with a saved batch's cells unpacked (they travel packed, as `packCells` makes them). */
export type UnpackedSave<T> = T extends { status: 'saved'; cells: string }
  ? Omit<T, 'cells'> & { cells: JournalCell[] }
  : T;
