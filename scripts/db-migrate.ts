/** npm run db:migrate — applies db/migrations to DATABASE_URL (or the embedded database in DATA_DIR). */
import { openDatabase, pgliteDir } from '../db/client';
import { env } from '../server/env';

const database = await openDatabase({
  url: env().DATABASE_URL,
  dataDir: pgliteDir(env().DATA_DIR),
  migrate: true,
  max: 1,
});
console.log(`Миграции применены: ${database.location}`);
await database.close();
