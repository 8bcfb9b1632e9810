import { sql } from 'drizzle-orm';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrationsFolder, type Database } from './client';

/** Drops every table and migrates again: for `db:seed --reset` and tests only, never called by the app. */
export async function resetDatabase(database: Database): Promise<void> {
  await database.db.execute(sql`DROP SCHEMA IF EXISTS public CASCADE`);
  await database.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
  // The job queue (pg-boss makes its schema again on its next start).
  await database.db.execute(sql`DROP SCHEMA IF EXISTS pgboss CASCADE`);
  await database.db.execute(sql`CREATE SCHEMA public`);
  if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
  else await migratePostgres(database.db as unknown as PostgresJsDatabase, { migrationsFolder });
}
