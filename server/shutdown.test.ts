/**
 * The embedded database under a hard stop: a real server-like process (test/shutdown-child.ts, opening the database
 * through server/db.ts) is killed during a 600-cell paste — SIGTERM, then SIGKILL — and started again on the same data
 * directory. It must open, and each batch must be in the database wholly (its 600 cells, its edit batch and its 20
 * change-log rows) or not at all. Always PGlite: this is about the embedded database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_DIR } from '../test/database';

const root = path.resolve(import.meta.dirname, '..');
const childScript = path.join(root, 'test/shutdown-child.ts');
const dirs: Record<string, string> = {};
// Both copies at once, straight after this run's global setup made the template.
beforeAll(() => {
  for (const signal of ['SIGTERM', 'SIGKILL']) {
    dirs[signal] = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-shutdown-'));
    fs.cpSync(TEMPLATE_DIR, path.join(dirs[signal], 'pglite'), { recursive: true });
  }
});
afterAll(() => Object.values(dirs).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

class SpawnFailed extends Error {}

interface Child {
  proc: ChildProcess;
  lines: string[];
  waitFor(pattern: RegExp, ms: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(dataParent: string, args: string[]): Promise<Child> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataParent, SEED_DEMO: 'false' };
  delete env.DATABASE_URL;
  // node itself (not npx/tsx's CLI, which run the script in a grandchild): the signal must reach the database's process.
  const proc = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let rest = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((w) => w.pattern.test(line))) w.resolve(line);
    }
  });
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      if (rest) lines.push(rest);
      if (code !== 0 && signal === null && stderr) console.error(stderr);
      resolve({ code, signal });
    }),
  );
  const waitFor = (pattern: RegExp, ms: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${pattern} in ${ms} ms:\n${lines.join('\n')}\n${stderr}`)),
        ms,
      );
      waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      void exited.then(() => reject(new Error(`exited before ${pattern}:\n${lines.join('\n')}\n${stderr}`)));
    });
  return new Promise((resolve, reject) => {
    proc.once('spawn', () => resolve({ proc, lines, waitFor, exited }));
    proc.once('error', (error) => reject(new SpawnFailed(error.message)));
  });
}

/** PostgreSQL's cluster state in global/pg_control (DBState after three 8 + 4 + 4 byte fields): 1 shut down, 6 in production. */
const clusterState = (dataDir: string) => fs.readFileSync(path.join(dataDir, 'global/pg_control')).readUInt32LE(16);
const SHUT_DOWN = 1;
const IN_PRODUCTION = 6;

interface CheckResult {
  blockCells: number;
  batches: { clientBatchId: string; present: boolean; logRows: number; logged: number; logMatches: number }[];
  cellsMatchLast: number;
  orphanLogRows: number;
}

describe('the embedded database under a hard stop', () => {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`${signal} during a 600-cell paste: the restart opens, each batch is wholly there or wholly absent`, async (ctx) => {
      const dir = dirs[signal]!;
      const dataDir = path.join(dir, 'pglite');
      const lockFile = `${dataDir}.lock`;

      let paster: Child;
      try {
        paster = await start(dir, ['paste', signal]);
      } catch (error) {
        if (error instanceof SpawnFailed) return ctx.skip(`cannot start a child process: ${error.message}`);
        throw error;
      }
      // Two batches saved, then the kill as soon as the third one's writing statement has begun.
      await paster.waitFor(/^writing shutdown-\w+-3$/, 60_000);
      paster.proc.kill(signal);
      const stopped = await paster.exited;
      const started = paster.lines.filter((l) => l.startsWith('saving ')).map((l) => l.slice('saving '.length));
      const saved = paster.lines.filter((l) => l.startsWith('saved ')).map((l) => l.split(' ')[1]!);

      if (signal === 'SIGTERM') {
        // The clean path: the handler closed PGlite (a shutdown checkpoint), released the lock and exited by itself.
        expect(stopped).toEqual({ code: 143, signal: null });
        expect(paster.lines.some((l) => /^\[db\] SIGTERM: база .* закрыта$/.test(l))).toBe(true);
        expect(fs.existsSync(lockFile)).toBe(false);
        expect(clusterState(dataDir)).toBe(SHUT_DOWN);
        // The statement under way when the signal came was let finish.
        expect(saved).toContain(started.at(-1));
      } else {
        // Killed outright: a stale lock of a dead process, and a cluster that was never shut down (WAL recovery on open).
        expect(stopped.signal).toBe('SIGKILL');
        expect(fs.existsSync(lockFile)).toBe(true);
        expect(clusterState(dataDir)).toBe(IN_PRODUCTION);
      }

      const checker = await start(dir, ['check', ...started]);
      expect(await checker.exited).toEqual({ code: 0, signal: null });
      const line = checker.lines.find((l) => l.startsWith('result '));
      const result = JSON.parse(line!.slice('result '.length)) as CheckResult;
      expect(result.blockCells).toBe(600);
      const present = result.batches.filter((b) => b.present).map((b) => b.clientBatchId);
      // Saves run one after another: the batches there are the first ones, every batch reported saved among them.
      expect(present).toEqual(started.slice(0, present.length));
      expect(present.length).toBeGreaterThanOrEqual(saved.length);
      expect(present).toEqual(expect.arrayContaining(saved));
      expect(present.length).toBeGreaterThanOrEqual(2);
      for (const b of result.batches) {
        if (b.present) expect(b).toMatchObject({ logRows: 20, logged: 600, logMatches: 600 });
        else expect(b).toMatchObject({ logRows: 0, logged: 0 });
      }
      // The cells hold the last batch there, each exactly one version past what that batch found: nothing of a later one.
      expect(result.cellsMatchLast).toBe(600);
      expect(result.orphanLogRows).toBe(0);
      expect(fs.existsSync(lockFile)).toBe(false);
      expect(clusterState(dataDir)).toBe(SHUT_DOWN);
      const inFlight = started.at(-1)!;
      console.log(
        `[shutdown] ${signal} during ${inFlight}: ${present.includes(inFlight) ? 'saved whole' : 'absent'}; ${present.length} of ${started.length} batches there`,
      );
    }, 120_000);
  }
});
