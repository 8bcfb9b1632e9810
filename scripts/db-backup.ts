/**
 * npm run db:backup [-- <file or directory>] — a copy of the whole database: PostgreSQL (DATABASE_URL) with pg_dump's
 * custom format, the embedded PGlite (DATA_DIR) as its data directory in a gzipped tar, with the app stopped. Without an
 * argument: into backups/ezh-<date>-<time>.dump (.tar.gz for PGlite); an existing directory: that name inside it (the
 * nightly service of `npm run service`). A college runs it nightly from cron (README «Резервные копии»).
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupPglite, backupPostgres } from '../db/backup';
import { pgliteDir } from '../db/client';
import { env } from '../server/env';

const config = env();
const isDirectory = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
const stamp = new Date().toISOString().slice(0, 16).replace('T', '-').replace(':', '');
const name = `ezh-${stamp}.${config.DATABASE_URL ? 'dump' : 'tar.gz'}`;
const given = process.argv[2];
const file = given === undefined ? path.join('backups', name) : isDirectory(given) ? path.join(given, name) : given;
try {
  if (config.DATABASE_URL) await backupPostgres(config.DATABASE_URL, file);
  else await backupPglite(pgliteDir(config.DATA_DIR), file);
  console.log(`Резервная копия: ${path.resolve(file)}`);
} catch (error) {
  console.error(`Резервная копия не сделана: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
