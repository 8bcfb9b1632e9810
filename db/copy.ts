/**
 * Bulk loading through PostgreSQL's `COPY … FROM STDIN` in its text format, streamed by postgres.js
 * (`sql.unsafe('COPY …').writable()`): the fastest way rows get into a server (the region seed, db/seed/region.ts).
 * PGlite has no COPY from a client stream: there `bulkInsert` (db/bulk.ts) does the same job.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import type { Row } from './bulk';

/**
 * One value as a field of COPY's text format (PostgreSQL docs, «COPY», File Formats → Text Format): null → `\N`;
 * booleans `t`/`f`; numbers and bigints as written; a Date as its ISO instant; an object or array as JSON (for jsonb
 * columns — PostgreSQL arrays are not written by this function); strings with backslash, tab, newline and carriage
 * return escaped.
 */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  else if (typeof value === 'boolean') return value ? 't' : 'f';
  else if (value instanceof Date) return value.toISOString();
  else text = JSON.stringify(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]!) : text;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One row as a line of COPY's text format: its `columns` in order, absent keys as null. */
export function copyLine(row: Row, columns: readonly string[]): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i ? '\t' : '') + copyField(row[columns[i]!]);
  return line + '\n';
}

/** The columns a set of rows fills: every key any of them has, in first-seen order. */
export function columnsOf(rows: readonly Row[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Rows in chunks of about 256 KB of text: few stream writes, bounded memory. */
function* chunks(rows: readonly Row[], columns: readonly string[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += copyLine(row, columns);
    if (chunk.length >= 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Writes `rows` into `table` with one `COPY table (columns) FROM STDIN` on `sql` (a transaction's connection, so that
 * the rows commit with it). Keys are snake_case column names; a column no row has keeps its default, a key a row
 * lacks is null. Honours the stream's backpressure. Rejects with PostgreSQL's error (a constraint's names its row's
 * values), and the transaction rolls back.
 */
export async function copyRows(sql: Pick<postgres.Sql, 'unsafe'>, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = columnsOf(rows);
  const statement = `COPY ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) FROM STDIN`;
  const query = sql.unsafe(statement);
  // postgres.js 3.4 never finishes the writable when the server refuses the data after its end (a duplicate key, a
  // foreign key: porsager/postgres#1173, fix pending in #1183): the pipeline would wait for ever inside an aborted
  // transaction. The server's error still reaches the query's own reject, so it is caught there.
  const refused = new Promise<never>((_, reject) => {
    const internal = query as unknown as { reject: (error: unknown) => unknown };
    const original = internal.reject;
    internal.reject = (error: unknown) => {
      reject(error instanceof Error ? error : new Error(String(error)));
      return original(error);
    };
  });
  const writable = await query.writable();
  await Promise.race([pipeline(Readable.from(chunks(rows, columns)), writable), refused]);
}
