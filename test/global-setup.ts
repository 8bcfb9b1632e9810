import fs from 'node:fs';
import postgres from 'postgres';
import { openDatabase } from '../db/client';
import { seedDatabase } from '../db/seed';
import { jobQueue } from '../server/jobs/queue';
import { serverUrl, TEMPLATE_DB, TEMPLATE_DIR, withDatabase } from './database';

/** Builds the template database once per run: migrated, with the demo college. */
export default async function setup() {
  const url = serverUrl();
  const started = Date.now();
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${TEMPLATE_DB}"`);
    await admin.end();
    const database = await openDatabase({ url: withDatabase(url, TEMPLATE_DB), migrate: true, max: 2 });
    await seedDatabase(database.db, { scale: 'demo' });
    // The job queue's schema (pg-boss makes it on first start): made once here rather than in every test's copy.
    await jobQueue(database);
    await database.close();
  } else {
    fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
    fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
    const database = await openDatabase({ dataDir: TEMPLATE_DIR });
    await seedDatabase(database.db, { scale: 'demo' });
    // The job queue's schema (pg-boss makes it on first start): made once here rather than in every test's copy.
    await jobQueue(database);
    await database.close();
  }
  console.log(
    `[tests] template database (${url ? 'PostgreSQL' : 'PGlite'}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
