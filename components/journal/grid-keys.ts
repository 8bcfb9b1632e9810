/**
 * The journal grid's keys as a rule, apart from AG Grid (as Canvas keeps its gradebook's `Navigation`): a key, where
 * the focus is and how big the grid is → what happens. Positions count the editable columns only (lessons, then the
 * attestation columns), left to right, and the displayed rows, top to bottom.
 */
export interface GridPosition {
  row: number;
  column: number;
}

export interface GridBounds {
  rows: number;
  columns: number;
}

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

export type KeyAction =
  /** Move the focus (after committing the value being typed, if any). */
  | { kind: 'move'; to: GridPosition }
  /** Clear the focused cell: an edit with an empty value. */
  | { kind: 'clear'; at: GridPosition }
  /** AG Grid's own handling, which is the rule: Tab moves right, a printable key starts an edit that replaces the value. */
  | { kind: 'native'; what: 'tab' | 'startEdit' | 'other' };

/**
 * Spreadsheet keys: Enter commits and moves down, from the last row to the top of the next column (a teacher fills a
 * lesson's column student by student); on the last cell of the grid it stays. Delete and Backspace clear the cell when
 * no edit is open. Tab and typing are AG Grid's. Keys with Ctrl, Alt or ⌘ (copy, paste, the browser's own) are left alone.
 */
export function keyAction(press: KeyPress, editing: boolean, at: GridPosition, bounds: GridBounds): KeyAction {
  if (press.ctrlKey || press.altKey || press.metaKey) return { kind: 'native', what: 'other' };
  if (press.key === 'Enter' && !press.shiftKey) return { kind: 'move', to: below(at, bounds) };
  if (!editing && (press.key === 'Delete' || press.key === 'Backspace')) return { kind: 'clear', at };
  if (press.key === 'Tab') return { kind: 'native', what: 'tab' };
  if (!editing && press.key.length === 1) return { kind: 'native', what: 'startEdit' };
  return { kind: 'native', what: 'other' };
}

/** The cell below; from the last row, the top of the next column; the last cell of the grid stays where it is. */
export function below(at: GridPosition, bounds: GridBounds): GridPosition {
  if (at.row < bounds.rows - 1) return { row: at.row + 1, column: at.column };
  if (at.column < bounds.columns - 1) return { row: 0, column: at.column + 1 };
  return at;
}
