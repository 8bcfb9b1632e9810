/**
 * Backup and restore of the whole database (issue #14, item 4), for `npm run db:backup` / `npm run db:restore`:
 * - PostgreSQL: `pg_dump --format=custom` (PostgreSQL's own client, the server's version) and `pg_restore --clean
 *   --if-exists --single-transaction` — a restore replaces every object it holds in one transaction, or nothing;
 * - the embedded PGlite: its data directory as a gzipped tar (`dumpDataDir`), taken from the running process's own
 *   client or, with the app stopped, by opening the directory under its lock; a restore unpacks it into an empty
 *   directory (`loadDataDir`), the previous directory kept beside it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './client';
import { acquireDataDirLock } from './data-dir-lock';

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) =>
      reject(
        new Error(`${command} не запустился (${error.message}): нужен клиент PostgreSQL (пакет postgresql-client)`),
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} завершился с кодом ${code}: ${stderr.trim()}`)),
    );
  });
}

/** The PostgreSQL database at `url` into `file` (pg_dump's custom format: compressed, restorable selectively). */
export async function backupPostgres(url: string, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${url}`]);
}

/** Replaces what the dump holds in the database at `url` with its contents: in one transaction, or not at all. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`Файл копии не найден: ${file}`);
  await run('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    '--exit-on-error',
    `--dbname=${url}`,
    file,
  ]);
}

/** The data directory of an open PGlite (the running process's own client) into `file`, a gzipped tar. */
export async function dumpPglite(client: PGlite, file: string): Promise<void> {
  const dump = await client.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
}

/** The embedded database in `dataDir` into `file`, with the app stopped (refused while another process holds it). */
export async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!fs.existsSync(dataDir)) throw new Error(`Встроенной базы нет: ${dataDir}`);
  const lock = await acquireDataDirLock(dataDir);
  const client = new PGlite(dataDir);
  try {
    await client.waitReady;
    await dumpPglite(client, file);
  } finally {
    await client.close();
    lock.release();
  }
}

/**
 * The embedded database in `dataDir` replaced by the copy in `file`, with the app stopped. The directory in place is
 * kept as `<dataDir>.before-restore-<time>` (returned), so a wrong restore is undone by moving it back.
 */
export async function restorePglite(file: string, dataDir: string): Promise<string | null> {
  if (!fs.existsSync(file)) throw new Error(`Файл копии не найден: ${file}`);
  const blob = new Blob([fs.readFileSync(file)]);
  let kept: string | null = null;
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    // Taken only to prove no process has the database open; released before the directory moves.
    (await acquireDataDirLock(dataDir)).release();
    kept = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dataDir, kept);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = await acquireDataDirLock(dataDir);
  try {
    const client = new PGlite(dataDir, { loadDataDir: blob });
    await client.waitReady;
    await client.query('select 1');
    await client.close();
  } catch (error) {
    lock.release();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (kept) fs.renameSync(kept, dataDir);
    throw new Error(`Копия не восстановлена (прежняя база на месте): ${(error as Error).message}`, { cause: error });
  }
  lock.release();
  return kept;
}

/**
 * Every table of the application (schema `public`) and of the job queue (`pgboss`): its row count and an MD5 of its
 * rows in order — two databases with the same digests hold the same data.
 */
export async function tableDigests(db: Db): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
        where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE' order by 1`,
  );
  const digests: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number; md5: string }>(
      db,
      sql.raw(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from ${name} t`,
      ),
    );
    digests[name] = `${row!.n}:${row!.md5}`;
  }
  return digests;
}
