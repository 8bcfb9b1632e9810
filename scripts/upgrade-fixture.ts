/**
 * npm run db:upgrade-fixture — saves the demo college as this version leaves it (test/upgrade/demo-<migrations>.json.gz)
 * for the upgrade test of later versions (db/upgrade.test.ts). Run it before the change that adds a migration, on the
 * code that has not got it yet: then the test proves a database of this version starts under the next one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db/client';
import { seedDatabase } from '../db/seed';
import { dumpFixture, FIXTURES_DIR, writeFixture } from '../db/upgrade/fixture';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-fixture-'));
try {
  const database = await openDatabase({ dataDir: path.join(dir, 'pglite') });
  await seedDatabase(database.db, { scale: 'demo' });
  const version = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;
  const fixture = await dumpFixture(database.db, `ezh-spo ${version}, ${new Date().toISOString().slice(0, 10)}`);
  await database.close();
  const file = path.join(FIXTURES_DIR, `demo-${String(fixture.migrations).padStart(4, '0')}.json.gz`);
  writeFixture(fixture, file);
  const rows = Object.values(fixture.tables).reduce((n, t) => n + t.length, 0);
  console.log(
    `${file}: ${fixture.migrations} миграций, ${rows} строк, ${Math.round(fs.statSync(file).size / 1024)} КБ`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
