/**
 * The server Playwright tests: the production build (`next start`) on a fresh database — a new PGlite directory, or,
 * with TEST_DATABASE_URL, a new database on that PostgreSQL server, migrated and seeded with the demo college.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../db/client';
import { seedDatabase } from '../db/seed';

const port = process.env.E2E_PORT ?? '3100';
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  NEXTAUTH_URL: `http://localhost:${port}`,
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
  console.log(`[e2e] PGlite in ${dataDir}`);
}

const child = spawn('npx', ['next', 'start', '-p', port], { env, stdio: 'inherit' });
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => process.exit(code ?? 0));
