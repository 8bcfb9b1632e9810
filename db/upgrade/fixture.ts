/**
 * Fixtures of the upgrade test (db/upgrade.test.ts): the demo college as a version of the app left it — the count of
 * its migrations, the last one's `when`, and every row of every table of `public` — and their loading into an empty
 * database migrated only that far, as that version would have it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { migrationJournal, migrationsFolder, queryRows, type Db } from '../client';

export interface UpgradeFixture {
  /** The app version and the date it was made. */
  madeBy: string;
  /** How many migrations that version had, and the `when` of its last one (drizzle's journal). */
  migrations: number;
  lastWhen: number;
  /** `public` table → its rows (as `json_agg` gives them). */
  tables: Record<string, Record<string, unknown>[]>;
}

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../../test/upgrade');

export async function publicTables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  return rows.map((r) => r.name);
}

export async function dumpFixture(db: Db, madeBy: string): Promise<UpgradeFixture> {
  const [last] = await queryRows<{ n: number; last: string }>(
    db,
    sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`,
  );
  const tables: UpgradeFixture['tables'] = {};
  for (const name of await publicTables(db)) {
    const [row] = await queryRows<{ rows: Record<string, unknown>[] | string }>(
      db,
      sql.raw(`select coalesce(json_agg(t), '[]'::json) as rows from "${name}" t`),
    );
    tables[name] = typeof row!.rows === 'string' ? (JSON.parse(row!.rows) as Record<string, unknown>[]) : row!.rows;
  }
  return { madeBy, migrations: Number(last!.n), lastWhen: Number(last!.last), tables };
}

export function writeFixture(fixture: UpgradeFixture, file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, zlib.gzipSync(JSON.stringify(fixture), { level: 9 }));
}

export function readFixture(file: string): UpgradeFixture {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString()) as UpgradeFixture;
}

/**
 * A migrations folder holding only the first `count` migrations of this checkout (a migration once released never
 * changes, so they are the old version's own): throws when the journal's migration there is not the fixture's last.
 */
export function migrationsUpTo(count: number, lastWhen: number): string {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as object;
  const entries = migrationJournal().slice(0, count);
  if (entries.length !== count || entries.at(-1)!.when !== lastWhen)
    throw new Error(`миграция ${count} этой версии — не та, что у версии фикстуры (${lastWhen})`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

/** Every row of the fixture into the migrated, empty database; identities then continue after the largest id. */
export async function loadFixture(db: Db, fixture: UpgradeFixture): Promise<void> {
  await queryRows(db, sql`set session_replication_role = replica`); // foreign keys and triggers: rows in any order
  for (const [name, rows] of Object.entries(fixture.tables)) {
    if (rows.length === 0) continue;
    await queryRows(
      db,
      sql`insert into ${sql.identifier(name)} select * from json_populate_recordset(null::${sql.identifier(name)}, ${JSON.stringify(rows)}::json)`,
    );
  }
  await queryRows(db, sql`set session_replication_role = origin`);
  const identities = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and is_identity = 'YES'`,
  );
  for (const { table_name, column_name } of identities)
    await queryRows(
      db,
      sql.raw(
        `select setval(pg_get_serial_sequence('"${table_name}"', '${column_name}'), coalesce((select max("${column_name}") from "${table_name}"), 0) + 1, false)`,
      ),
    );
}
