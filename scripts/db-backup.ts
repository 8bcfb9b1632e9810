/**
 * npm run db:backup [-- <file>] — a copy of the whole database: PostgreSQL (DATABASE_URL) with pg_dump's custom format,
 * the embedded PGlite (DATA_DIR) as its data directory in a gzipped tar, with the app stopped. Without <file>: into
 * backups/ezh-<date>-<time>.dump (.tar.gz for PGlite). A college runs it nightly from cron (README «Резервные копии»).
 */
import path from 'node:path';
import { backupPglite, backupPostgres } from '../db/backup';
import { pgliteDir } from '../db/client';
import { env } from '../server/env';

const config = env();
const stamp = new Date().toISOString().slice(0, 16).replace('T', '-').replace(':', '');
const file = process.argv[2] ?? path.join('backups', `ezh-${stamp}.${config.DATABASE_URL ? 'dump' : 'tar.gz'}`);
try {
  if (config.DATABASE_URL) await backupPostgres(config.DATABASE_URL, file);
  else await backupPglite(pgliteDir(config.DATA_DIR), file);
  console.log(`Резервная копия: ${path.resolve(file)}`);
} catch (error) {
  console.error(`Резервная копия не сделана: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
