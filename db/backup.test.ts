/**
 * Backup and restore as a round trip (issue #14, item 4): a copy of the demo college with a change of its own is
 * restored into a fresh database, and every table of the two holds the same rows. On PGlite the copy is taken from the
 * running process's own client; on PostgreSQL (TEST_DATABASE_URL) with pg_dump and pg_restore.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase, serverUrl, withDatabase } from '../test/database';
import { backupPglite, dumpPglite, restorePglite, restorePostgres, backupPostgres, tableDigests } from './backup';
import { openDatabase } from './client';
import { DataDirLockedError } from './data-dir-lock';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('backup and restore', () => {
  it('a restored copy holds every row of every table, and a later change is not in it', async () => {
    const source = await openTestDatabase();
    try {
      await source.db.execute(
        sql`update institutions set full_name = full_name || ' (копия ' || ${"'); drop table users; --"} || ')'`,
      );
      const before = await tableDigests(source.db);
      expect(Object.keys(before)).toEqual(expect.arrayContaining(['public.journal_cells', 'public.change_log']));
      const file = path.join(dir, source.kind === 'pglite' ? 'copy.tar.gz' : 'copy.dump');
      if (source.kind === 'pglite') await dumpPglite(source.pglite!, file);
      else await backupPostgres(source.url!, file);
      // A change after the copy: the restore gives the state of the copy, not of now.
      await source.db.execute(sql`delete from notice_reads`);
      await source.db.execute(sql`update journal_cells set grade1 = '5' where grade1 = '2'`);

      let restored;
      let drop: (() => Promise<void>) | null = null;
      if (source.kind === 'pglite') {
        const dataDir = path.join(dir, 'restored', 'pglite');
        expect(await restorePglite(file, dataDir)).toBeNull();
        restored = await openDatabase({ dataDir });
      } else {
        const name = `ezh_restore_${process.pid}_${Date.now()}`;
        const admin = postgres(serverUrl()!, { max: 1, onnotice: () => {} });
        await admin.unsafe(`CREATE DATABASE "${name}"`);
        await admin.end();
        const url = withDatabase(serverUrl()!, name);
        await restorePostgres(url, file);
        restored = await openDatabase({ url, max: 1 });
        drop = async () => {
          const cleanup = postgres(serverUrl()!, { max: 1, onnotice: () => {} });
          await cleanup.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await cleanup.end();
        };
      }
      try {
        expect(await tableDigests(restored.db)).toEqual(before);
        expect(await tableDigests(source.db)).not.toEqual(before);
      } finally {
        await restored.close();
        await drop?.();
      }
    } finally {
      await source.close();
    }
  });

  it.skipIf(serverUrl() !== undefined)(
    'the embedded database: refused while another process holds it; a restore keeps the directory it replaces',
    async () => {
      const dataDir = path.join(dir, 'live', 'pglite');
      const live = await openDatabase({ dataDir });
      const file = path.join(dir, 'live.tar.gz');
      try {
        await expect(backupPglite(dataDir, file)).rejects.toBeInstanceOf(DataDirLockedError);
        await dumpPglite(live.pglite!, file);
        await expect(restorePglite(file, dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
      } finally {
        await live.close();
      }
      await backupPglite(dataDir, file);
      const kept = await restorePglite(file, dataDir);
      expect(kept).toMatch(/pglite\.before-restore-/);
      expect(fs.existsSync(kept!)).toBe(true);
      const again = await openDatabase({ dataDir });
      await again.close();
    },
  );
});
