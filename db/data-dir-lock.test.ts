import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from './client';
import { DataDirLockedError } from './data-dir-lock';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-lock-'));
const dataDir = path.join(dir, 'pglite');

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('PGlite data directory lock', () => {
  it('refuses a second process with a clear message and leaves the data intact', async () => {
    const database = await openDatabase({ dataDir });
    await database.db.execute(
      sql`insert into institutions (short_name, full_name) values ('Колледж', 'Колледж полностью')`,
    );
    const script = `import { openDatabase } from ${JSON.stringify(path.resolve(import.meta.dirname, 'client.ts'))};
      try { await openDatabase({ dataDir: ${JSON.stringify(dataDir)} }); console.log('OPENED'); }
      catch (e) { console.error(e.message); process.exit(3); }`;
    const scriptFile = path.join(dir, 'second.mts');
    fs.writeFileSync(scriptFile, script);
    const tsx = path.resolve(import.meta.dirname, '../node_modules/.bin/tsx');
    const failure = await run(tsx, [scriptFile], { cwd: path.resolve(import.meta.dirname, '..') }).then(
      () => null,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(failure?.code).toBe(3);
    expect(failure?.stderr).toContain('уже открыта другим процессом');
    expect(failure?.stderr).toContain(String(process.pid));
    const rows = await queryRows<{ short_name: string }>(database.db, sql`select short_name from institutions`);
    expect(rows.map((r) => r.short_name)).toEqual(['Колледж']);
    await database.close();
  });

  it('refuses a second open in the same process too, and reopens after close', async () => {
    const first = await openDatabase({ dataDir });
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();
    const again = await openDatabase({ dataDir });
    const rows = await queryRows<{ n: number }>(again.db, sql`select count(*)::int n from institutions`);
    expect(rows[0]!.n).toBe(1);
    await again.close();
  });

  it('takes over a lock left by a dead process', async () => {
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname() }));
    const database = await openDatabase({ dataDir });
    await database.close();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
