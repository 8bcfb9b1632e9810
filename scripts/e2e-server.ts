/**
 * The server Playwright tests: the production build (`npm start`, scripts/start.ts) on a fresh database — a new PGlite
 * directory, or, with TEST_DATABASE_URL, a new database on that PostgreSQL server — migrated and seeded with the demo
 * college as of its fixed date (`defaultAsOf`), so that the specs' dates hold whatever day they run.
 * `E2E_DEMO=live` (npm run docs:screenshots) leaves the PGlite directory empty instead: `npm start` seeds the demo as
 * of today with its day (server/db.ts) — what the README's first command shows.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase, pgliteDir } from '../db/client';
import { seedDatabase } from '../db/seed';

const port = process.env.E2E_PORT ?? '3100';
const E2E_PUBLIC_URL = 'https://ezh.kolledzh.example';
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  NEXTAUTH_URL: `http://localhost:${port}`,
  // The address printed on slips: deliberately not the one the tests open (as behind a reverse proxy).
  PUBLIC_URL: E2E_PUBLIC_URL,
  NEXTAUTH_SECRET: 'e2e-secret-not-for-production-use-0123456789',
  NEXT_TELEMETRY_DISABLED: '1',
};

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const name = 'ezh_e2e';
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), migrate: true, max: 2 });
  await seedDatabase(database.db, { scale: 'demo' });
  await database.close();
  env.DATABASE_URL = url.toString();
  console.log(`[e2e] PostgreSQL ${name} migrated and seeded`);
} else {
  const dataDir = path.resolve('.data/e2e');
  fs.rmSync(dataDir, { recursive: true, force: true });
  env.DATA_DIR = dataDir;
  delete env.DATABASE_URL;
  if (process.env.E2E_DEMO !== 'live') {
    const database = await openDatabase({ dataDir: pgliteDir(dataDir) });
    await seedDatabase(database.db, { scale: 'demo' });
    await database.close();
  }
  console.log(
    `[e2e] PGlite in ${dataDir}${process.env.E2E_DEMO === 'live' ? ': the live demo, seeded by npm start' : ''}`,
  );
}

// Through the README's `npm start` (scripts/start.ts): the build `test:e2e` just made is fresh, so it only starts it.
const child = spawn('npx', ['tsx', 'scripts/start.ts'], { env, stdio: 'inherit' });
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => process.exit(code ?? 0));
