import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';

export type Row = Record<string, unknown>;

/**
 * Inserts many rows in batches with one JSON parameter each (`json_populate_recordset`): fast on both PGlite and
 * PostgreSQL, and typed by the table itself. Keys are snake_case column names; absent keys take the column default.
 */
export async function bulkInsert(db: Db, table: string, rows: Row[], batchSize = 5000): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const list = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += batchSize) {
    const chunk = JSON.stringify(rows.slice(i, i + batchSize));
    await db.execute(
      sql`INSERT INTO ${sql.identifier(table)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${sql.identifier(table)}, ${chunk}::json)`,
    );
  }
}

/** After inserting explicit ids, move each identity sequence past the largest id. */
export async function resetIdentity(db: Db, tables: string[]): Promise<void> {
  for (const table of tables) {
    const t = sql.identifier(table);
    await db.execute(
      sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE((SELECT max(id) FROM ${t}), 0) + 1, false)`,
    );
  }
}

export function rawSql(text: string): SQL {
  return sql.raw(text);
}
