/**
 * npm run db:restore -- <file> — replaces the database with a copy made by `npm run db:backup`: PostgreSQL
 * (DATABASE_URL) by pg_restore in one transaction; the embedded PGlite (DATA_DIR), with the app stopped, by unpacking
 * the copy into its directory — the directory in place is kept beside it as `pglite.before-restore-<time>`.
 */
import path from 'node:path';
import { restorePglite, restorePostgres } from '../db/backup';
import { pgliteDir } from '../db/client';
import { env } from '../server/env';

const config = env();
const file = process.argv[2];
if (!file) {
  console.error('Укажите файл копии: npm run db:restore -- backups/ezh-….dump');
  process.exit(1);
}
try {
  if (config.DATABASE_URL) {
    await restorePostgres(config.DATABASE_URL, file);
    console.log(`Восстановлено из ${path.resolve(file)}`);
  } else {
    const kept = await restorePglite(file, pgliteDir(config.DATA_DIR));
    console.log(`Восстановлено из ${path.resolve(file)}` + (kept ? `; прежняя база сохранена в ${kept}` : ''));
  }
} catch (error) {
  console.error(`Восстановление не удалось: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
