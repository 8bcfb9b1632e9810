import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives: the PGlite directory or the server URL without its password. */
  location: string;
  /** The embedded database's own client (PGlite only): the job queue (server/jobs/boss.ts) talks to it directly. */
  pglite?: PGlite;
  /** The server's URL with its password (PostgreSQL only): the job queue opens its own small pool to it. */
  url?: string;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(process.cwd(), 'db/migrations');

/** The migrations this version ships, in order: drizzle's journal (`when` — what `__drizzle_migrations.created_at` holds). */
export function migrationJournal(folder = migrationsFolder): { when: number; tag: string }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number; tag: string }[];
  };
  return journal.entries;
}

export interface OpenOptions {
  /** postgres://… — when absent, PGlite in `dataDir`. */
  url?: string;
  dataDir?: string;
  /** Apply pending migrations on open (always true for PGlite, which no other process may touch). */
  migrate?: boolean;
  /** Pool size for postgres.js. */
  max?: number;
  /** postgres.js connections' `plan_cache_mode` (server/env.ts PG_PLAN_CACHE_MODE). */
  planCacheMode?: string;
  /** postgres.js: how long to wait for a connection (default 30 s; a replica that does not answer is skipped sooner). */
  connectTimeoutSeconds?: number;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const database = options.url
    ? await openPostgres(options.url, options)
    : await openPglite(options.dataDir ?? pgliteDir('./.data'));
  const close = database.close.bind(database);
  database.close = async () => {
    for (const hook of closeHooks.get(database.db) ?? []) await hook().catch(() => undefined);
    await close();
  };
  opened.set(database.db, database);
  return database;
}

// On globalThis: Next.js instantiates this module once per bundle (instrumentation, routes, pages), one database.
const registry = globalThis as typeof globalThis & {
  __ezhOpened?: WeakMap<Db, Database>;
  __ezhCloseHooks?: WeakMap<Db, (() => Promise<void>)[]>;
};
const opened = (registry.__ezhOpened ??= new WeakMap());
const closeHooks = (registry.__ezhCloseHooks ??= new WeakMap());

/** Runs `hook` when the database is closed, before its connections are (the job queue stops first). */
export function beforeClose(db: Db, hook: () => Promise<void>): void {
  closeHooks.set(db, [...(closeHooks.get(db) ?? []), hook]);
}

/** The database a `Db` (not a transaction's) belongs to: what the job queue of a server action's `db` runs on. */
export function databaseOf(db: Db): Database {
  const database = opened.get(db);
  if (!database) throw new Error('databaseOf: not a database opened by openDatabase (a transaction?)');
  return database;
}

/** The embedded database's directory inside the data directory (DATA_DIR). */
export function pgliteDir(dataDir: string): string {
  return path.resolve(dataDir, 'pglite');
}

/**
 * postgres.js with every query as a named prepared statement. Drizzle sends its queries unprepared, and PostgreSQL then
 * plans each one anew: for the journal's multi-join queries planning costs more than running (measured: 2.6 ms
 * planning against 0.4 ms execution). Prepared, PostgreSQL can reuse the plan on each connection.
 */
function preparedStatements(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], opts?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...opts, prepare: true });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        const original = Reflect.get(target, prop, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const callback = args.at(-1) as (tx: postgres.Sql) => unknown;
          const wrapped = (tx: postgres.Sql) => callback(preparedStatements(tx));
          return original.apply(target, [...args.slice(0, -1), wrapped]);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  // Generic plans for the prepared statements: every query here is keyed by ids, and re-planning the journal's joins
  // on each call (PostgreSQL's first five custom plans per connection) cost more than running them (bench/README).
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    ...(options.connectTimeoutSeconds ? { connect_timeout: options.connectTimeoutSeconds } : {}),
    connection: { plan_cache_mode: options.planCacheMode ?? 'force_generic_plan' },
  });
  const db: Db = drizzlePostgres(preparedStatements(client), { schema, casing: 'snake_case' });
  if (options.migrate) {
    await migratePostgres(drizzlePostgres(client, { casing: 'snake_case' }), { migrationsFolder });
  }
  return {
    db,
    kind: 'postgres',
    url,
    location: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  // PGlite has no lock of its own: two processes on one directory corrupt it (see ARCHITECTURE.md).
  const lock: DataDirLock = await acquireDataDirLock(dataDir);
  let client: PGlite | undefined;
  try {
    client = new PGlite(dataDir);
    await client.waitReady;
    const db: Db = drizzlePglite(client, { schema, casing: 'snake_case' });
    await migratePglite(drizzlePglite(client, { casing: 'snake_case' }), { migrationsFolder });
    const opened = client;
    return {
      db,
      kind: 'pglite',
      location: dataDir,
      pglite: opened,
      close: async () => {
        await opened.close();
        lock.release();
      },
    };
  } catch (error) {
    await client?.close().catch(() => {});
    lock.release();
    throw error;
  }
}

/** Rows of a raw query, whichever driver ran it (PGlite returns `{ rows }`, postgres.js an array). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

/**
 * Runs `run` in one transaction: everything it writes commits together or not at all (a thrown error rolls back).
 * The transaction is handed on as a `Db`, so services take either and stay unaware of which they got.
 */
export function inTransaction<T>(db: Db, run: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => run(tx));
}
