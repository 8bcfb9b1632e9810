/** npm run db:migrate — applies db/migrations to DATABASE_URL (or the embedded database in DATA_DIR). */
import { openDatabase } from '../db/client';

const database = await openDatabase({ url: process.env.DATABASE_URL, migrate: true, max: 1 });
console.log(`Миграции применены: ${database.location}`);
await database.close();
