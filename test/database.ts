/**
 * Real databases for integration tests, cloned from a template that global-setup migrated and seeded with the demo
 * college: a copy of a PGlite directory by default, or `CREATE DATABASE … TEMPLATE` on the PostgreSQL server of
 * TEST_DATABASE_URL when it is set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase, type Database } from '../db/client';

/** TEST_TEMPLATE_DIR lets two test runs on one machine keep their templates apart. */
export const TEMPLATE_DIR = path.resolve(
  process.env.TEST_TEMPLATE_DIR ?? path.resolve(import.meta.dirname, '../.data/test-template/pglite'),
);
/** TEST_TEMPLATE_DB does the same for two runs on one PostgreSQL server. */
export const TEMPLATE_DB = process.env.TEST_TEMPLATE_DB ?? 'ezh_test_template';

export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let counter = 0;

export async function openTestDatabase(): Promise<Database> {
  const url = serverUrl();
  if (url) {
    const name = `ezh_test_${process.pid}_${Date.now()}_${counter++}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
    await admin.end();
    const database = await openDatabase({ url: withDatabase(url, name), max: 4 });
    return {
      ...database,
      close: async () => {
        await database.close();
        const cleanup = postgres(url, { max: 1, onnotice: () => {} });
        await cleanup.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-test-'));
  const dataDir = path.join(dir, 'pglite');
  fs.cpSync(TEMPLATE_DIR, dataDir, { recursive: true });
  const database = await openDatabase({ dataDir });
  return {
    ...database,
    close: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
