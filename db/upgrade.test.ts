/**
 * The upgrade (issue #29, item 5): a database a previous version made — its demo college, saved by
 * `npm run db:upgrade-fixture` into test/upgrade/ — starts under this version with its data intact and this version's
 * migrations applied, once. Each fixture is loaded into an empty database migrated only as far as that version was,
 * then opened as the app opens it. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { serverUrl, withDatabase } from '../test/database';
import { migrationJournal, openDatabase, queryRows, type Database, type Db } from './client';
import { tableDigests } from './backup';
import * as schema from './schema';
import { departments } from './schema';
import { FIXTURES_DIR, loadFixture, migrationsUpTo, readFixture, type UpgradeFixture } from './upgrade/fixture';

/**
 * Tables whose rows a later migration rewrites on purpose (a new column, a backfill), with why: their digests may
 * differ after the upgrade; every other table must hold exactly the rows the old version left.
 */
const CHANGED_BY_MIGRATIONS: Record<string, string> = {};

const fixtures = fs
  .readdirSync(FIXTURES_DIR)
  .filter((f) => f.endsWith('.json.gz'))
  .sort();

const publicDigests = async (db: Db) =>
  Object.fromEntries(Object.entries(await tableDigests(db)).filter(([name]) => name.startsWith('public.')));

const appliedMigrations = async (db: Db) =>
  Number((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]!.n);

/** The fixture's rows into a database migrated to its version; the digests of what is there then. */
async function filled(db: Db, fixture: UpgradeFixture) {
  await loadFixture(db, fixture);
  return publicDigests(db);
}

/** An empty database at the fixture's version with its rows: its digests, and how this version opens it. */
async function oldDatabase(fixture: UpgradeFixture): Promise<{
  before: Record<string, string>;
  open: () => Promise<Database>;
  drop: () => Promise<void>;
}> {
  const folder = migrationsUpTo(fixture.migrations, fixture.lastWhen);
  try {
    const url = serverUrl();
    if (url) {
      const name = `ezh_upgrade_${process.pid}_${Date.now()}`;
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE "${name}"`);
      const client = postgres(withDatabase(url, name), { max: 1, onnotice: () => {} });
      const db = drizzlePostgres(client, { schema, casing: 'snake_case' });
      await migratePostgres(db, { migrationsFolder: folder });
      const before = await filled(db, fixture);
      await client.end();
      return {
        before,
        open: () => openDatabase({ url: withDatabase(url, name), migrate: true, max: 2 }),
        drop: async () => {
          await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await admin.end();
        },
      };
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-upgrade-'));
    const client = new PGlite(path.join(dir, 'pglite'));
    const db = drizzlePglite(client, { schema, casing: 'snake_case' });
    await migratePglite(db, { migrationsFolder: folder });
    const before = await filled(db, fixture);
    await client.close();
    return {
      before,
      open: () => openDatabase({ dataDir: path.join(dir, 'pglite') }),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

describe('a database of a previous version starts under this one', () => {
  it('has a fixture of the demo college to upgrade from', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures)('%s: data intact, migrations applied once, writes go on', async (file) => {
    const fixture = readFixture(path.join(FIXTURES_DIR, file));
    const old = await oldDatabase(fixture);
    try {
      // Everything of the fixture is in the old database: the same row count in every table.
      for (const [name, rows] of Object.entries(fixture.tables))
        expect(old.before[`public.${name}`]?.split(':')[0], name).toBe(String(rows.length));

      const upgraded = await old.open();
      const after = await publicDigests(upgraded.db);
      expect(await appliedMigrations(upgraded.db)).toBe(migrationJournal().length);
      for (const [name, digest] of Object.entries(old.before))
        if (!(name.replace(/^public\./, '') in CHANGED_BY_MIGRATIONS)) expect(after[name], name).toBe(digest);
      // A new row takes an id after the old ones (the identities continue).
      const [made] = await upgraded.db
        .insert(departments)
        .values({ institutionId: (fixture.tables.institutions![0] as { id: number }).id, name: 'После обновления' })
        .returning({ id: departments.id });
      expect(made!.id).toBeGreaterThan(Math.max(0, ...fixture.tables.departments!.map((d) => Number(d.id))));
      await upgraded.close();

      // Opened again: nothing more is applied.
      const again = await old.open();
      expect(await appliedMigrations(again.db)).toBe(migrationJournal().length);
      await again.close();
    } finally {
      await old.drop();
    }
  });
});
