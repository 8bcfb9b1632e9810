import { parseDelimited } from '@/domain/delimited-text';

/**
 * Text copied from Excel, Google Sheets or LibreOffice: the tab-separated text as spreadsheets write it
 * (domain/delimited-text.ts — a cell with a line break, a tab or a quote comes quoted), each cell trimmed of the spaces
 * and line breaks around it (`"4⏎"` is `4`; one inside, `4⏎5`, is the cell parser's to refuse).
 */
export function parseClipboardTable(text: string): string[][] {
  return parseDelimited(text, '\t').map((line) => line.map((cell) => cell.trim()));
}

/**
 * Text for the grid's own paste rather than for the open editor: a block (more than one cell), or one cell that a
 * spreadsheet quoted (`"4⏎"`: its quotes and line break must not reach the editor).
 */
export function isBlock(text: string): boolean {
  const table = parseDelimited(text, '\t');
  if (table.length > 1 || (table[0]?.length ?? 0) > 1) return true;
  return table.length === 1 && table[0]![0] !== text.replace(/\r?\n$/, '');
}

/** A cell of a pasted block by its row and column in the block (1-based), as refusals name it. */
export function blockPlace(place: { row: number; column: number }): string {
  return `Строка ${place.row}, столбец ${place.column} вставленного блока`;
}

export type BlockPlacement =
  | { ok: true; cells: { row: number; column: number; text: string; place: { row: number; column: number } }[] }
  | { ok: false; message: string };

/**
 * A pasted table laid from the focused cell (`anchor`, in the grid's editable columns and displayed rows): every value
 * with its place in the grid (`row`, `column`) and in the block (`place`, 1-based), or a refusal when any part would
 * fall past the grid's edge — then nothing is pasted.
 */
export function placeBlock(
  table: string[][],
  anchor: { row: number; column: number },
  bounds: { rows: number; columns: number },
): BlockPlacement {
  const width = Math.max(0, ...table.map((line) => line.length));
  if (anchor.row + table.length > bounds.rows || anchor.column + width > bounds.columns) {
    return {
      ok: false,
      message: `Ничего не вставлено: блок ${table.length}×${width} выходит за край журнала от выбранной ячейки.`,
    };
  }
  return {
    ok: true,
    cells: table.flatMap((line, r) =>
      line.map((text, c) => ({
        row: anchor.row + r,
        column: anchor.column + c,
        text,
        place: { row: r + 1, column: c + 1 },
      })),
    ),
  };
}
