/** Text copied from Excel, Google Sheets or LibreOffice: rows by line breaks, cells by tabs. */
export function parseClipboardTable(text: string): string[][] {
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = normalized.endsWith('\n') ? normalized.slice(0, -1).split('\n') : normalized.split('\n');
  return lines.map((line) => line.split('\t').map((cell) => cell.replace(/^"(.*)"$/s, '$1').trim()));
}

/** A block (more than one cell) rather than one value to type into the focused cell. */
export function isBlock(text: string): boolean {
  return /[\t\n]/.test(text.replace(/\r?\n$/, ''));
}

export type BlockPlacement =
  { ok: true; cells: { row: number; column: number; text: string }[] } | { ok: false; message: string };

/**
 * A pasted table laid from the focused cell (`anchor`, in the grid's editable columns and displayed rows): every value
 * with its place, or a refusal when any part would fall past the grid's edge — then nothing is pasted.
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
      line.map((text, c) => ({ row: anchor.row + r, column: anchor.column + c, text })),
    ),
  };
}
