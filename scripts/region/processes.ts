/**
 * The region's processes, each known by a pid file under `<dir>/run/`: `{ pid, match }`, where `match` is a piece of
 * the process's command line, so that a pid reused by another program after a reboot or a crash is never signalled.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const runDir = (dir: string) => path.join(dir, 'run');
export const logDir = (dir: string) => path.join(dir, 'logs');
const pidFile = (dir: string, name: string) => path.join(runDir(dir), `${name}.pid`);

interface PidRecord {
  pid: number;
  match: string;
}

/** The command line of a live, non-zombie process, its arguments joined by spaces; null when there is none. */
export function commandLine(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return null;
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return null;
  }
}

/** The process group of a live process, or null. */
export function processGroup(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return null;
  }
}

/** The pid of the region's process `name` when it runs (its pid file names a live process that matches), else null. */
export function runningPid(dir: string, name: string): number | null {
  let record: PidRecord;
  try {
    record = JSON.parse(fs.readFileSync(pidFile(dir, name), 'utf8')) as PidRecord;
  } catch {
    return null;
  }
  return commandLine(record.pid)?.includes(record.match) ? record.pid : null;
}

/** Names of every process with a pid file in `dir`, running or not. */
export function recordedNames(dir: string): string[] {
  try {
    return fs
      .readdirSync(runDir(dir))
      .filter((f) => f.endsWith('.pid'))
      .map((f) => f.slice(0, -4));
  } catch {
    return [];
  }
}

/** Records an already started process (e.g. an app instance) under `name`. */
export function recordPid(dir: string, name: string, pid: number, match: string): void {
  fs.mkdirSync(runDir(dir), { recursive: true });
  fs.writeFileSync(pidFile(dir, name), JSON.stringify({ pid, match } satisfies PidRecord));
}

export const forgetPid = (dir: string, name: string) => fs.rmSync(pidFile(dir, name), { force: true });

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  /** A piece of the command line that identifies this process (a config file's path). */
  match: string;
  /** The whole environment (default: the caller's). */
  env?: Record<string, string>;
  cwd?: string;
  /** Run as this user (root starts PostgreSQL's side as `postgres`). */
  user?: { uid: number; gid: number };
}

/**
 * Starts `spec` in its own process group, detached from the caller (it outlives `region:up`), its output appended to
 * `<dir>/logs/<name>.log`, and records its pid. Returns the pid.
 */
export function startProcess(dir: string, spec: ProcessSpec): number {
  fs.mkdirSync(logDir(dir), { recursive: true });
  const out = fs.openSync(path.join(logDir(dir), `${spec.name}.log`), 'a');
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ? { ...spec.env, NODE_ENV: 'production' } : process.env,
    stdio: ['ignore', out, out],
    detached: true,
    uid: spec.user?.uid,
    gid: spec.user?.gid,
  });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`${spec.name}: не удалось запустить ${spec.command}`);
  child.unref();
  recordPid(dir, spec.name, child.pid, spec.match);
  return child.pid;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function signal(pid: number, sig: NodeJS.Signals, group: boolean): void {
  try {
    process.kill(group ? -pid : pid, sig);
  } catch {
    /* gone */
  }
}

/**
 * Stops the process `pid` (its whole process group when `group`): `sig` first, SIGKILL after `graceMs`. Resolves when
 * it is gone; true when it had to be killed.
 */
export async function stopPid(pid: number, sig: NodeJS.Signals, graceMs: number, group = true): Promise<boolean> {
  signal(pid, sig, group);
  const until = Date.now() + graceMs;
  while (Date.now() < until) {
    if (commandLine(pid) === null) return false;
    await sleep(200);
  }
  signal(pid, 'SIGKILL', group);
  while (commandLine(pid) !== null) await sleep(100);
  return true;
}

/** The uid and gid of a system user (`postgres`), or null when there is no such user. */
export function systemUser(name: string): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** True when nothing listens on 127.0.0.1:`port` (a listener on every address counts as taken too). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
