/**
 * A table as spreadsheets write it as text: the clipboard's tab-separated text of Excel, LibreOffice and Google Sheets,
 * and CSV files. The rules of RFC 4180 with the separator given:
 *
 * - rows end at CRLF, LF or CR; a line end after the last row does not make an empty row (Excel ends a copied block
 *   with one), an empty text is no rows;
 * - a field that starts with `"` is quoted: it runs to the next lone `"`, and holds separators, line breaks (a cell
 *   written with Alt+Enter arrives as `"4⏎"`) and doubled quotes `""` for one `"`; text after its closing quote up to
 *   the separator is kept as it is;
 * - a `"` anywhere else is a character of the field (`5"` or `дюйм"` as typed);
 * - a quoted field that is never closed was not quoted by a spreadsheet but typed: its opening `"` is a character and
 *   the field ends at the next separator or line end, as an unquoted one.
 *
 * Cells come back as written (no trimming): what a cell's text means is its parser's to say.
 */
export function parseDelimited(text: string, separator: string): string[][] {
  if (separator.length !== 1 || separator === '"' || separator === '\n' || separator === '\r')
    throw new Error(`parseDelimited: separator must be one character other than a quote or a line end`);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = body.length;
  while (i < n) {
    let cell = '';
    if (body[i] === '"') {
      let j = i + 1;
      let closed = false;
      while (j < n) {
        if (body[j] === '"') {
          if (body[j + 1] === '"') {
            cell += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        cell += body[j];
        j++;
      }
      if (closed) i = j;
      else cell = ''; // never closed: read from the quote as an unquoted field
    }
    // An unquoted field, or what follows a closing quote: up to the separator or the line end.
    while (i < n && body[i] !== separator && body[i] !== '\n' && body[i] !== '\r') cell += body[i++];
    row.push(cell);
    if (i >= n) break;
    if (body[i] === separator) {
      i++;
      if (i >= n) row.push(''); // a separator at the very end leaves an empty last field
      continue;
    }
    i += body[i] === '\r' && body[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
