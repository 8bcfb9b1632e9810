/**
 * What the grid shows: the server's cells with their versions, overlaid with the teacher's edits that are not saved
 * yet, conflicts and refusals. Plain TypeScript so that the save logic is testable without a browser.
 */
import type { CellValue } from '../../domain/marks';

export interface StoredCell extends CellValue {
  /** The server's version of the value (0: never written). */
  version: number;
}

export interface CellState {
  value: CellValue;
  version: number;
  pending: boolean;
  conflict: { theirs: string; version: number; by: string | null } | null;
  error: string | null;
}

export const cellKey = (lessonId: number, studentId: number) => `${lessonId}:${studentId}`;
export const attestationKey = (studentId: number, field: string) => `a:${studentId}:${field}`;

const EMPTY_VALUE: CellValue = { attendance: null, grade1: null, grade2: null };

export class JournalStore {
  private cells = new Map<string, CellState>();
  private attestation = new Map<
    string,
    { value: string | null; version: number; pending: boolean; error: string | null; conflict: CellState['conflict'] }
  >();
  private listeners = new Set<(keys: string[]) => void>();

  constructor(
    cells: (StoredCell & { lessonId: number; studentId: number })[],
    attestation: { studentId: number; field: string; value: string; version: number }[],
  ) {
    for (const c of cells) {
      this.cells.set(cellKey(c.lessonId, c.studentId), {
        value: { attendance: c.attendance, grade1: c.grade1, grade2: c.grade2 },
        version: c.version,
        pending: false,
        conflict: null,
        error: null,
      });
    }
    for (const a of attestation) {
      this.attestation.set(attestationKey(a.studentId, a.field), {
        value: a.value || null,
        version: a.version,
        pending: false,
        error: null,
        conflict: null,
      });
    }
  }

  subscribe(listener: (keys: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(keys: string[]) {
    for (const l of this.listeners) l(keys);
  }

  cell(lessonId: number, studentId: number): CellState {
    return (
      this.cells.get(cellKey(lessonId, studentId)) ?? {
        value: EMPTY_VALUE,
        version: 0,
        pending: false,
        conflict: null,
        error: null,
      }
    );
  }

  attestationCell(studentId: number, field: string) {
    return (
      this.attestation.get(attestationKey(studentId, field)) ?? {
        value: null,
        version: 0,
        pending: false,
        error: null,
        conflict: null,
      }
    );
  }

  /** Shows an edit at once, marked pending until the server confirms it. */
  setLocal(lessonId: number, studentId: number, value: CellValue) {
    const k = cellKey(lessonId, studentId);
    const c = this.cell(lessonId, studentId);
    this.cells.set(k, { ...c, value, pending: true, error: null, conflict: null });
    this.emit([k]);
  }

  setLocalAttestation(studentId: number, field: string, value: string | null) {
    const k = attestationKey(studentId, field);
    this.attestation.set(k, {
      ...this.attestationCell(studentId, field),
      value,
      pending: true,
      error: null,
      conflict: null,
    });
    this.emit([k]);
  }

  /** The server's answer: value and version as saved now. */
  confirm(lessonId: number, studentId: number, saved: StoredCell, stillPending: boolean) {
    const k = cellKey(lessonId, studentId);
    const c = this.cell(lessonId, studentId);
    this.cells.set(k, {
      value: stillPending ? c.value : { attendance: saved.attendance, grade1: saved.grade1, grade2: saved.grade2 },
      version: saved.version,
      pending: stillPending,
      conflict: null,
      error: null,
    });
    this.emit([k]);
  }

  confirmAttestation(studentId: number, field: string, value: string | null, version: number, stillPending: boolean) {
    const k = attestationKey(studentId, field);
    const c = this.attestationCell(studentId, field);
    this.attestation.set(k, {
      value: stillPending ? c.value : value,
      version,
      pending: stillPending,
      error: null,
      conflict: null,
    });
    this.emit([k]);
  }

  setError(lessonId: number, studentId: number, error: string | null) {
    const k = cellKey(lessonId, studentId);
    this.cells.set(k, { ...this.cell(lessonId, studentId), error });
    this.emit([k]);
  }

  setAttestationError(studentId: number, field: string, error: string | null) {
    const k = attestationKey(studentId, field);
    this.attestation.set(k, { ...this.attestationCell(studentId, field), error });
    this.emit([k]);
  }

  setConflict(lessonId: number, studentId: number, conflict: CellState['conflict']) {
    const k = cellKey(lessonId, studentId);
    this.cells.set(k, { ...this.cell(lessonId, studentId), pending: false, conflict });
    this.emit([k]);
  }

  setAttestationConflict(studentId: number, field: string, conflict: CellState['conflict']) {
    const k = attestationKey(studentId, field);
    this.attestation.set(k, { ...this.attestationCell(studentId, field), pending: false, conflict });
    this.emit([k]);
  }

  /** «Принять другое»: show what the server has. */
  replace(lessonId: number, studentId: number, value: CellValue, version: number) {
    const k = cellKey(lessonId, studentId);
    this.cells.set(k, { value, version, pending: false, conflict: null, error: null });
    this.emit([k]);
  }

  replaceAttestation(studentId: number, field: string, value: string | null, version: number) {
    const k = attestationKey(studentId, field);
    this.attestation.set(k, { value, version, pending: false, conflict: null, error: null });
    this.emit([k]);
  }

  /** All cells of one student (for the computed columns). */
  cellsOfStudent(studentId: number, lessonIds: number[]) {
    return lessonIds.map((lessonId) => ({ lessonId, ...this.cell(lessonId, studentId).value }));
  }
}
