import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from './client';
import { acquireDataDirLock, DataDirLockedError, lockPaths } from './data-dir-lock';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-lock-'));
const dataDir = path.join(dir, 'pglite');
const lockFile = `${dataDir}.lock`;

/** A process that takes the lock of the directory given and keeps it, printing `HELD <pid>`. */
const holderScript = path.join(dir, 'holder.mts');
fs.writeFileSync(
  holderScript,
  `import { acquireDataDirLock } from ${JSON.stringify(path.join(root, 'db/data-dir-lock.ts'))};
  try { await acquireDataDirLock(process.argv[2]!); console.log('HELD ' + process.pid); }
  catch (e) { console.error((e as Error).message); process.exit(3); }
  setInterval(() => {}, 1 << 30);`,
);

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Starts `command` and resolves with the PID a holder printed. */
function startHolder(command: string, args: string[]): Promise<{ child: ChildProcess; holderPid: number }> {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const held = /HELD (\d+)/.exec(out);
      if (held) resolve({ child, holderPid: Number(held[1]) });
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`holder exited (${code}): ${err}`)));
  });
}

const holder = (dirOfData: string) => startHolder(process.execPath, ['--import', 'tsx', holderScript, dirOfData]);

async function waitDead(pid: number) {
  for (let i = 0; i < 200; i++) {
    const state = processState(pid);
    if (state === null || state === 'Z') return state;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`process ${pid} still running`);
}

/** The state letter of /proc/<pid>/stat (Linux), or null when there is no such process. */
function processState(pid: number): string | null {
  try {
    return /\) (\w) /.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

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
    const failure = await run(tsx, [scriptFile], { cwd: root }).then(
      () => null,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(failure?.code).toBe(3);
    expect(failure?.stderr).toContain('уже открыта другим процессом');
    expect(failure?.stderr).toContain(`PID ${process.pid}`);
    const rows = await queryRows<{ short_name: string }>(database.db, sql`select short_name from institutions`);
    expect(rows.map((r) => r.short_name)).toEqual(['Колледж']);
    await database.close();
    expect(fs.existsSync(lockFile)).toBe(false); // a clean close leaves nothing behind
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

  // Issue #26, item 7: a lock file left by a power cut, a crash or a container's restart named a PID that was alive
  // again (PID 1 after a reboot; our own PID in a container started from the same numbers), or another host name (every
  // container run): the journal never started. Nothing of the file's content decides now.
  it.each([
    ['PID 1 (alive: after a reboot the old PID belongs to whatever started first)', { pid: 1, host: os.hostname() }],
    ['our own PID (a container restarted from the same numbers)', { pid: process.pid, host: os.hostname() }],
    ['another host name (a new container)', { pid: 1, host: 'ezh-container-before-restart' }],
  ])('opens over a stale lock file naming %s', async (_case, holderRecord) => {
    fs.rmSync(lockFile, { force: true });
    fs.writeFileSync(lockFile, JSON.stringify({ ...holderRecord, at: '2026-12-01T08:00:00.000Z' }));
    const database = await openDatabase({ dataDir });
    const rows = await queryRows<{ n: number }>(database.db, sql`select count(*)::int n from institutions`);
    expect(rows[0]!.n).toBe(1);
    // ...and the lock it holds now is real: another process is refused.
    await expect(holder(dataDir)).rejects.toThrow(/уже открыта другим процессом \(PID \d+\)/);
    await database.close();
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('refuses while another live process holds the lock, naming it, and takes the lock once that one is killed', async () => {
    const { child, holderPid } = await holder(dataDir);
    const refused = await acquireDataDirLock(dataDir).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain(`уже открыта другим процессом (PID ${holderPid})`);
    child.kill('SIGKILL');
    await waitDead(holderPid);
    expect(fs.existsSync(lockFile)).toBe(true); // a killed process cannot clean up: its socket file stays
    const lock = await acquireDataDirLock(dataDir);
    lock.release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')(
    'takes the lock of a zombie (a holder killed but not yet reaped by its parent)',
    async () => {
      // `sh` starts the holder in the background and becomes `sleep`, which never reaps it: killed, it stays a zombie.
      const { child: parent, holderPid } = await startHolder('sh', [
        '-c',
        `"${process.execPath}" --import tsx "${holderScript}" "${dataDir}" & exec sleep 600`,
      ]);
      process.kill(holderPid, 'SIGKILL');
      expect(await waitDead(holderPid)).toBe('Z');
      const lock = await acquireDataDirLock(dataDir);
      lock.release();
      parent.kill('SIGKILL');
    },
  );

  it('lets one of several processes starting at once over a stale lock hold it, and refuses the others', async () => {
    fs.rmSync(lockFile, { force: true });
    fs.writeFileSync(lockFile, JSON.stringify({ pid: 1, host: os.hostname() }));
    const results = await Promise.allSettled([holder(dataDir), holder(dataDir), holder(dataDir)]);
    const held = results.filter((r) => r.status === 'fulfilled');
    expect(held).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(String(r.reason)).toMatch(/уже открыта другим процессом \(PID \d+\)/);
  });

  it('keeps a lock whose path is too long for a socket in the temporary directory', () => {
    const deep = path.join(dir, 'x'.repeat(120), 'pglite');
    expect(lockPaths(deep)).toEqual([
      expect.stringMatching(new RegExp(`^${os.tmpdir()}/ezh-spo-pglite-[0-9a-f]{24}\\.lock$`)),
    ]);
    expect(lockPaths(dataDir)[0]).toBe(lockFile);
  });
});
