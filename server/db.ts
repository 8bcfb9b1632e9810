import { sql } from 'drizzle-orm';
import { openDatabase, pgliteDir, type Database, type Db } from '../db/client';
import { isEmpty, liveDemoAsOf, seedDatabase } from '../db/seed';
import { DEFAULT_TIME_ZONE, formatDate, todayIn } from '../domain/dates';
import { closeDatabaseOnSignals } from './shutdown';
import { countOf, NOUNS } from '../domain/plural';
import { env } from './env';
import { ReadRouter } from './read-routing';

const globalForDb = globalThis as typeof globalThis & {
  __ezhDatabase?: Promise<Database>;
  __ezhReplica?: Promise<Database | null>;
  __ezhReadRouter?: Promise<ReadRouter>;
  __ezhSeededDemo?: boolean;
};

/** Whether this process seeded the demo college into an empty database on its start (server/startup.ts then runs its day). */
export function seededDemoOnStart(): boolean {
  return globalForDb.__ezhSeededDemo === true;
}

/**
 * The process's one database. PGlite (no DATABASE_URL) is opened once per process — cached on globalThis across hot
 * reloads — migrated, and seeded with the demo college on first start (unless SEED_DEMO=false: a real installation
 * then creates its college with `npm run db:create-admin`). A server database is migrated and seeded by
 * `npm run db:migrate` / `npm run db:seed`. SIGINT/SIGTERM close it before the process exits (`./shutdown.ts`).
 */
export function getDatabase(): Promise<Database> {
  closeDatabaseOnSignals(() => globalForDb.__ezhDatabase);
  globalForDb.__ezhDatabase ??= start().catch((error: unknown) => {
    globalForDb.__ezhDatabase = undefined;
    throw error;
  });
  return globalForDb.__ezhDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

async function start(): Promise<Database> {
  const config = env();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: pgliteDir(config.DATA_DIR),
    planCacheMode: config.PG_PLAN_CACHE_MODE,
  });
  if (database.kind === 'pglite') {
    if (config.SEED_DEMO !== 'false' && (await isEmpty(database.db))) {
      console.log(`[db] Встроенная база ${database.location} пуста: создаю демонстрационный колледж…`);
      const asOf = liveDemoAsOf(todayIn(DEFAULT_TIME_ZONE));
      console.log(`[db] Занятия проведены по ${formatDate(asOf)}, расписание недели опубликовано`);
      const summary = await seedDatabase(database.db, { scale: 'demo', asOf }, (line) => console.log(`[db] ${line}`));
      console.log(`[db] Готово за ${(summary.ms / 1000).toFixed(1)} с: ${countOf(summary.cells, NOUNS.cell)} журнала.`);
      globalForDb.__ezhSeededDemo = true;
    }
  } else {
    try {
      await database.db.execute(sql`select 1 from institutions limit 1`);
    } catch {
      await database.close();
      throw new Error(`База ${database.location} не подготовлена: выполните npm run db:migrate и npm run db:seed.`);
    }
  }
  console.log(`[db] ${database.kind === 'pglite' ? 'Встроенная база PGlite' : 'PostgreSQL'}: ${database.location}`);
  return database;
}

/**
 * The process's pool to the replicas (DATABASE_READ_URL), or null without one: only server/read-routing.ts hands it
 * out, to reads that tolerate lag. Opened lazily; nothing is migrated or seeded through it.
 */
export function getReplicaDatabase(): Promise<Database | null> {
  globalForDb.__ezhReplica ??= (async () => {
    const config = env();
    if (!config.DATABASE_READ_URL || !config.DATABASE_URL) return null;
    const replica = await openDatabase({
      url: config.DATABASE_READ_URL,
      planCacheMode: config.PG_PLAN_CACHE_MODE,
      connectTimeoutSeconds: 2,
    });
    console.log(`[db] Реплика для чтения: ${replica.location}`);
    return replica;
  })();
  return globalForDb.__ezhReplica;
}

/** The process's one read router (server/read-routing.ts): the primary, and the replica when configured. */
export function readRouter(): Promise<ReadRouter> {
  globalForDb.__ezhReadRouter ??= (async () =>
    new ReadRouter(await getDb(), (await getReplicaDatabase())?.db ?? null))().catch((error: unknown) => {
    globalForDb.__ezhReadRouter = undefined;
    throw error;
  });
  return globalForDb.__ezhReadRouter;
}
