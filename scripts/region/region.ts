/**
 * The region on this machine's loopback (issue #27; docs/region.md): a PostgreSQL 15 cluster of three nodes under
 * Patroni 3 with a 3-member etcd — a primary, a synchronous standby, an asynchronous read replica — HAProxy 2.6 in
 * front (writes to the primary of the moment, reads to the replicas) and the app's instances behind it. All from
 * Debian's packages, all on 127.0.0.1, all in one data directory with pid files; a watchdog stops everything after a
 * TTL. `regionUp` is idempotent (it starts only what is not running); `regionDown` stops everything it started.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { checkSharedSession, hasBuild, startAppServer, waitFor } from '../../bench/app-server';
import { DEMO_PASSWORD } from '../../db/seed/plan';
import { ensureDebianPackages } from '../debian';
import { appBalancerSections, HAPROXY } from '../haproxy';
import { renderTemplate } from '../template';
import {
  REGION_DATABASE,
  REGION_MARK,
  REGION_SCOPE,
  allPorts,
  readRegionState,
  stateFile,
  type RegionConfig,
  type RegionState,
} from './config';
import {
  commandLine,
  forgetPid,
  portIsFree,
  processGroup,
  recordPid,
  recordedNames,
  runningPid,
  startProcess,
  stopPid,
  systemUser,
} from './processes';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TEMPLATES = path.join(import.meta.dirname, 'templates');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const ETCD = '/usr/bin/etcd';
const PATRONI = '/usr/bin/patroni';

export const NODES = ['node1', 'node2', 'node3'] as const;
const ETCDS = ['etcd1', 'etcd2', 'etcd3'] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Secrets {
  superuser: string;
  replication: string;
  rewind: string;
  nextauth: string;
}

/** The cluster's passwords and the app's session secret: made once per data directory, kept in secrets.json (0600). */
function secrets(dir: string): Secrets {
  const file = path.join(dir, 'secrets.json');
  if (!fs.existsSync(file)) {
    const make = () => crypto.randomBytes(18).toString('base64url');
    const fresh: Secrets = { superuser: make(), replication: make(), rewind: make(), nextauth: make() + make() };
    fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Secrets;
}

const pgUrl = (password: string, port: number, database = REGION_DATABASE) =>
  `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

function stateOf(c: RegionConfig, s: Secrets, withApp: boolean, startedAt: string): RegionState {
  return {
    writeUrl: pgUrl(s.superuser, c.writePort),
    readUrl: pgUrl(s.superuser, c.readPort),
    appUrl: withApp ? `http://127.0.0.1:${c.appPort}` : null,
    nodes: NODES.map((name, i) => ({
      name,
      url: pgUrl(s.superuser, c.pgPorts[i]!),
      rest: `http://127.0.0.1:${c.patroniPorts[i]}`,
    })),
    etcd: c.etcdPorts.map((p) => `http://127.0.0.1:${p}`),
    startedAt,
    expiresAt: new Date(Date.now() + c.ttlMs).toISOString(),
  };
}

/** A directory owned by the user the cluster's processes run as, closed to others (PostgreSQL insists on 0700). */
function ownDir(dir: string, user: { uid: number; gid: number } | undefined) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  if (user) fs.chownSync(dir, user.uid, user.gid);
}

function writeOwned(file: string, text: string, user: { uid: number; gid: number } | undefined) {
  fs.writeFileSync(file, text, { mode: 0o600 });
  if (user) fs.chownSync(file, user.uid, user.gid);
}

/** A member of Patroni's `GET /cluster`. */
export interface ClusterMember {
  name: string;
  /** `leader`, `sync_standby` or `replica` (Patroni 3.0). */
  role: string;
  state: string;
  host: string;
  port: number;
  lag?: number | string;
  timeline?: number;
}

/** The cluster as Patroni tells it (the first node whose REST API answers), or null when none answers. */
export async function clusterState(c: RegionConfig): Promise<ClusterMember[] | null> {
  for (const port of c.patroniPorts) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/cluster`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return ((await res.json()) as { members: ClusterMember[] }).members;
    } catch {
      /* the next node */
    }
  }
  return null;
}

const healthy = (m: ClusterMember) => m.state === 'running' || m.state === 'streaming';

/** How long a replica may stay not running before `regionUp` looks at why. */
const STUCK_MS = 30_000;

/** True when the node's log says the WAL it asks the leader for has been removed (it can never catch up by itself). */
function missingWal(dir: string, node: string): boolean {
  try {
    const log = fs.readFileSync(path.join(dir, 'logs', `patroni-${node}.log`), 'utf8');
    const tail = log.slice(-20_000);
    return /requested WAL segment \S+ has already been removed/.test(tail);
  } catch {
    return false;
  }
}

/** Patroni's `POST /reinitialize` on the node: its data directory made again from the leader (pg_basebackup). */
async function reinitialize(c: RegionConfig, node: string): Promise<void> {
  const port = c.patroniPorts[NODES.indexOf(node as (typeof NODES)[number])];
  const res = await fetch(`http://127.0.0.1:${port}/reinitialize`, {
    method: 'POST',
    body: JSON.stringify({ force: true }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok && res.status !== 503) throw new Error(`reinitialize ${node}: ${res.status} ${await res.text()}`);
}

/** A primary, a synchronous standby and an asynchronous replica, all running. */
function complete(members: ClusterMember[] | null): boolean {
  if (!members || members.length !== NODES.length || !members.every(healthy)) return false;
  const roles = members.map((m) => m.role).sort();
  return roles.join(',') === 'leader,replica,sync_standby';
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | null | false>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await sleep(500);
  }
  throw new Error(`${what}: нет за ${ms / 1000} с${last instanceof Error ? ` (${last.message})` : ''}`);
}

/** One query on a fresh connection (nothing kept open between probes, so a failover is seen at once). */
export async function queryOnce<T extends Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, idle_timeout: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(text)) as unknown as T[];
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export interface UpOptions {
  /** Migrations and, on an empty database, the demo or college seed (`npm run db:seed -- --scale …`). */
  seed?: 'demo' | 'college';
  /** Start the app's instances (default: when REGION_APP_PORTS names some and a build exists). */
  app?: boolean;
  log?: (line: string) => void;
}

export interface UpResult extends RegionState {
  /** What was started by this call (empty when everything already ran). */
  started: string[];
  ms: number;
}

/**
 * Brings the region up, or the parts of it that are not running; waits until a primary, a synchronous standby and an
 * asynchronous replica run and HAProxy routes to them; writes `<dir>/region.json` and (re)starts the watchdog with a
 * fresh TTL. Throws in Russian on a missing package it cannot install, a taken port, or a part that does not come up.
 */
export async function regionUp(c: RegionConfig, options: UpOptions = {}): Promise<UpResult> {
  const log = options.log ?? console.log;
  const t0 = Date.now();
  ensureDebianPackages(
    [
      { command: path.join(c.pgBin, 'postgres'), package: 'postgresql-15' },
      { command: ETCD, package: 'etcd-server', services: ['etcd'] },
      { command: PATRONI, package: 'patroni', services: ['patroni'] },
      HAPROXY,
    ],
    log,
  );
  const isRoot = process.getuid?.() === 0;
  const user = isRoot ? (systemUser('postgres') ?? undefined) : undefined;
  if (isRoot && !user) throw new Error('Нет пользователя postgres: PostgreSQL не запускается от root');

  if (fs.existsSync(c.dir) && fs.readdirSync(c.dir).length > 0 && !fs.existsSync(path.join(c.dir, REGION_MARK)))
    throw new Error(`REGION_DIR=${c.dir}: каталог не пуст и не похож на каталог региона — укажите другой`);
  fs.mkdirSync(c.dir, { recursive: true });
  fs.writeFileSync(path.join(c.dir, REGION_MARK), 'npm run region:up\n');
  const s = secrets(c.dir);
  const withApp = options.app ?? (c.appPorts.length > 0 && hasBuild(ROOT));
  if (c.appPorts.length > 0 && options.app !== false && !hasBuild(ROOT))
    log('Нет сборки приложения (.next/BUILD_ID): экземпляры приложения не запускаю — сначала npm run build.');
  const started: string[] = [];

  // Every port of a part that is not running must be free: another program there is named, not fought with.
  const owners: [string, number[]][] = [
    ...ETCDS.map((n, i): [string, number[]] => [n, [c.etcdPorts[i]!, c.etcdPeerPorts[i]!]]),
    ...NODES.map((n, i): [string, number[]] => [`patroni-${n}`, [c.pgPorts[i]!, c.patroniPorts[i]!]]),
    ['haproxy', [c.writePort, c.readPort, ...(withApp ? [c.appPort] : [])]],
    ...(withApp ? c.appPorts.map((p, i): [string, number[]] => [`app${i + 1}`, [p]]) : []),
  ];
  for (const [name, ports] of owners) {
    if (runningPid(c.dir, name) !== null) continue;
    for (const port of ports)
      if (!(await portIsFree(port)))
        throw new Error(`Порт 127.0.0.1:${port} занят другой программой (${name}); задайте другой в REGION_*_PORT[S]`);
  }

  // etcd: three members, Patroni's DCS.
  const initialCluster = ETCDS.map((n, i) => `${n}=http://127.0.0.1:${c.etcdPeerPorts[i]}`).join(',');
  ETCDS.forEach((name, i) => {
    if (runningPid(c.dir, name) !== null) return;
    const home = path.join(c.dir, name);
    ownDir(home, user);
    const conf = path.join(home, 'etcd.yml');
    writeOwned(
      conf,
      renderTemplate(path.join(TEMPLATES, 'etcd.yml.tmpl'), {
        name,
        dataDir: path.join(home, 'data'),
        clientPort: c.etcdPorts[i]!,
        peerPort: c.etcdPeerPorts[i]!,
        initialCluster,
      }),
      user,
    );
    startProcess(c.dir, {
      name,
      command: ETCD,
      args: ['--config-file', conf],
      match: conf,
      env: { PATH: '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' },
      cwd: home,
      user,
    });
    started.push(name);
  });
  await until('etcd', 60_000, async () => {
    for (const port of c.etcdPorts) {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
      if (((await res.json()) as { health?: string }).health !== 'true') return false;
    }
    return true;
  });
  log(`etcd: 3 участника на ${c.etcdPorts.join(', ')}`);

  // Patroni: three nodes; the first to take the initialize key runs initdb, the others clone it (pg_basebackup).
  const etcdHosts = c.etcdPorts.map((p) => `127.0.0.1:${p}`).join(',');
  NODES.forEach((name, i) => {
    const proc = `patroni-${name}`;
    if (runningPid(c.dir, proc) !== null) return;
    const home = path.join(c.dir, name);
    ownDir(home, user);
    const conf = path.join(home, 'patroni.yml');
    writeOwned(
      conf,
      renderTemplate(path.join(TEMPLATES, 'patroni.yml.tmpl'), {
        scope: REGION_SCOPE,
        name,
        restPort: c.patroniPorts[i]!,
        etcdHosts,
        pgPort: c.pgPorts[i]!,
        dataDir: path.join(home, 'data'),
        pgBin: c.pgBin,
        pgpass: path.join(home, 'pgpass'),
        socketDir: home,
        superPassword: s.superuser,
        replicationPassword: s.replication,
        rewindPassword: s.rewind,
      }),
      user,
    );
    startProcess(c.dir, {
      name: proc,
      command: PATRONI,
      args: [conf],
      match: conf,
      env: { PATH: `${c.pgBin}:/usr/bin:/bin`, HOME: home, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
      cwd: home,
      user,
    });
    started.push(proc);
  });
  // A replica that cannot catch up (the WAL it needs is gone from the leader: it was down while much was written) is
  // made again from the leader (Patroni's reinitialize, pg_basebackup) once it has been stuck for STUCK_MS.
  const stuckSince = new Map<string, number>();
  const reinitialized = new Set<string>();
  const members = await until('кластер Patroni (ведущий, синхронная и асинхронная реплики)', 900_000, async () => {
    const m = await clusterState(c);
    if (complete(m)) return m;
    if (m?.some((x) => x.role === 'leader' && x.state === 'running'))
      for (const x of m.filter((y) => y.role !== 'leader' && !healthy(y))) {
        const since = stuckSince.get(x.name) ?? Date.now();
        stuckSince.set(x.name, since);
        if (Date.now() - since < STUCK_MS || reinitialized.has(x.name) || !missingWal(c.dir, x.name)) continue;
        log(`${x.name} не догоняет ведущего: нужного WAL у него уже нет — пересоздаю реплику (reinitialize)…`);
        await reinitialize(c, x.name);
        reinitialized.add(x.name);
      }
    return null;
  });
  log(`Patroni: ${members.map((m) => `${m.name} ${m.role} :${m.port}`).join(', ')}`);

  // HAProxy: writes, reads, the app.
  const haproxyHome = path.join(c.dir, 'haproxy');
  ownDir(haproxyHome, user);
  const servers = NODES.map((n, i) => `  server ${n} 127.0.0.1:${c.pgPorts[i]} check port ${c.patroniPorts[i]}`);
  const haproxyConf = path.join(haproxyHome, 'haproxy.cfg');
  const text = renderTemplate(path.join(TEMPLATES, 'haproxy.cfg.tmpl'), {
    runDir: haproxyHome,
    writePort: c.writePort,
    readPort: c.readPort,
    writeServers: servers.join('\n'),
    replicaServers: servers.join('\n'),
    appSections: withApp ? appBalancerSections(c.appPort, c.appPorts) : '## no app instances',
  });
  const haproxyPid = runningPid(c.dir, 'haproxy');
  const changed = !fs.existsSync(haproxyConf) || fs.readFileSync(haproxyConf, 'utf8') !== text;
  if (haproxyPid === null || changed) {
    writeOwned(haproxyConf, text, user);
    const check = spawnSync('haproxy', ['-c', '-q', '-f', haproxyConf], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`haproxy -c ${haproxyConf}: ${check.stderr || check.stdout}`);
  }
  if (haproxyPid === null) {
    // Master-worker (-W) in the foreground (-db): SIGUSR2 to the master reloads the config without dropping sessions.
    startProcess(c.dir, {
      name: 'haproxy',
      command: 'haproxy',
      args: ['-W', '-db', '-f', haproxyConf],
      match: haproxyConf,
      cwd: haproxyHome,
      user,
    });
    started.push('haproxy');
  } else if (changed) {
    process.kill(haproxyPid, 'SIGUSR2');
    log('HAProxy: конфигурация изменилась — перечитана (SIGUSR2)');
  }
  const state = stateOf(c, s, withApp, readRegionState(c.dir)?.startedAt ?? new Date().toISOString());
  const admin = pgUrl(s.superuser, c.writePort, 'postgres');
  await until('запись через HAProxy', 60_000, async () => {
    const [row] = await queryOnce<{ r: boolean }>(admin, 'select pg_is_in_recovery() as r');
    return row?.r === false;
  });
  const [exists] = await queryOnce(admin, `select 1 from pg_database where datname = '${REGION_DATABASE}'`);
  if (!exists) await queryOnce(admin, `create database ${REGION_DATABASE}`);
  await until('чтение с реплики через HAProxy', 60_000, async () => {
    const [row] = await queryOnce<{ r: boolean }>(state.readUrl, 'select pg_is_in_recovery() as r');
    return row?.r === true;
  });
  log(`HAProxy: запись 127.0.0.1:${c.writePort} → ведущий, чтение 127.0.0.1:${c.readPort} → реплики`);

  if (options.seed || withApp) {
    const env = { ...process.env, DATABASE_URL: state.writeUrl };
    const run = (args: string[]) => {
      const done = spawnSync(TSX, args, { cwd: ROOT, env, encoding: 'utf8' });
      if (done.status !== 0) throw new Error(`${args.join(' ')}: ${done.stderr || done.stdout}`);
    };
    run(['scripts/db-migrate.ts']);
    log('Миграции применены через порт записи.');
    if (options.seed) {
      const [row] = await queryOnce<{ n: string }>(state.writeUrl, 'select count(*)::text as n from institutions');
      if (row?.n === '0') {
        run(['scripts/db-seed.ts', '--scale', options.seed]);
        log(`База заполнена: масштаб ${options.seed}.`);
      } else log('База уже заполнена — seed пропущен.');
    }
  }

  if (withApp) {
    for (const [i, port] of c.appPorts.entries()) {
      const name = `app${i + 1}`;
      if (runningPid(c.dir, name) !== null) continue;
      const app = await startAppServer(state.writeUrl, log, {
        port,
        build: 'never',
        secret: s.nextauth,
        publicUrl: state.appUrl!,
        env: { DATABASE_READ_URL: state.readUrl, NODE_ENV: 'production' },
        logFile: path.join(c.dir, 'logs', `${name}.log`),
      });
      recordPid(c.dir, name, app.pid, `start -H 127.0.0.1 -p ${port}`);
      started.push(name);
    }
    await waitFor(`${state.appUrl}/login`, 30_000);
    if (c.appPorts.length > 1) {
      try {
        const [first, second] = c.appPorts.map((p) => `http://127.0.0.1:${p}`);
        await checkSharedSession(first!, second!, DEMO_PASSWORD);
        log('Сеанс, открытый на первом экземпляре, принят вторым.');
      } catch (error) {
        log(`Общий сеанс экземпляров не проверен: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    log(`Приложение: ${state.appUrl} → ${c.appPorts.map((p) => `127.0.0.1:${p}`).join(', ')}`);
  }

  // The watchdog: a fresh TTL from now, so that nothing outlives the session that wanted it.
  const old = runningPid(c.dir, 'watchdog');
  if (old !== null) await stopPid(old, 'SIGTERM', 5000);
  startProcess(c.dir, {
    name: 'watchdog',
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'watchdog.ts'),
      c.dir,
      String(Date.parse(state.expiresAt)),
    ],
    match: path.join(import.meta.dirname, 'watchdog.ts'),
    cwd: ROOT,
  });
  fs.writeFileSync(stateFile(c.dir), JSON.stringify(state, null, 2), { mode: 0o600 });
  return { ...state, started, ms: Date.now() - t0 };
}

/** The pids of a node's Patroni and of its PostgreSQL's postmaster (null for one not running). */
export function nodeProcesses(dir: string, node: string): { patroni: number | null; postmaster: number | null } {
  const data = path.join(dir, node, 'data');
  let postmaster: number | null = null;
  try {
    const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (commandLine(pid)?.includes(data)) postmaster = pid;
  } catch {
    /* not running */
  }
  return { patroni: runningPid(dir, `patroni-${node}`), postmaster };
}

/**
 * The death of a machine: SIGKILL to a node's Patroni and to its PostgreSQL's process group (the postmaster and every
 * backend: Patroni starts it in a session of its own), no shutdown of either. Returns what was killed.
 */
export function killNode(dir: string, node: string): { patroni: number | null; postmaster: number | null } {
  const pids = nodeProcesses(dir, node);
  const group = pids.postmaster === null ? null : processGroup(pids.postmaster);
  for (const target of [group === null ? null : -group, pids.postmaster, pids.patroni])
    if (target !== null)
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        /* gone */
      }
  return pids;
}

/**
 * Stops every process the region started in `dir` (by its pid files), in order: the watchdog, the app's instances
 * and HAProxy; Patroni (which stops its PostgreSQL) and any PostgreSQL left without one; etcd. With `purge`, removes
 * the directory (only one `region:up` made: it carries REGION_MARK). Returns the names of what it stopped.
 */
export async function regionDown(
  dir: string,
  options: { purge?: boolean; log?: (line: string) => void } = {},
): Promise<string[]> {
  const log = options.log ?? console.log;
  if (!fs.existsSync(dir)) return [];
  const names = recordedNames(dir);
  const stopped: string[] = [];
  const stopAll = async (list: string[], sig: NodeJS.Signals, graceMs: number) => {
    await Promise.all(
      list.map(async (name) => {
        const pid = runningPid(dir, name);
        if (pid !== null && pid !== process.pid) {
          const killed = await stopPid(pid, sig, graceMs);
          stopped.push(name);
          if (killed) log(`${name}: не остановился за ${graceMs / 1000} с — SIGKILL`);
        }
        forgetPid(dir, name);
      }),
    );
  };
  await stopAll(
    names.filter((n) => n === 'watchdog' || n === 'haproxy' || /^app\d+$/.test(n)),
    'SIGTERM',
    15_000,
  );
  await stopAll(
    names.filter((n) => n.startsWith('patroni-')),
    'SIGTERM',
    60_000,
  );
  // A PostgreSQL whose Patroni was killed keeps running: a fast shutdown (SIGINT) of its postmaster.
  await Promise.all(
    NODES.map(async (node) => {
      const { postmaster } = nodeProcesses(dir, node);
      if (postmaster !== null) {
        await stopPid(postmaster, 'SIGINT', 30_000, false);
        stopped.push(`postgres-${node}`);
      }
    }),
  );
  // One member at a time: a leader stopped while its peers are up hands over at once; the last members stopped
  // together wait out a leader transfer to nobody (≈9 s measured).
  for (const name of names.filter((n) => n.startsWith('etcd'))) await stopAll([name], 'SIGTERM', 15_000);
  if (stopped.length > 0) log(`Остановлено: ${stopped.join(', ')}`);
  fs.rmSync(stateFile(dir), { force: true });
  if (options.purge) {
    if (!fs.existsSync(path.join(dir, REGION_MARK)))
      throw new Error(`${dir}: нет метки ${REGION_MARK} — не каталог региона, не удаляю`);
    fs.rmSync(dir, { recursive: true, force: true });
    log(`Данные удалены: ${dir}`);
  }
  return stopped;
}

/** The ports among the region's that something still listens on (after `regionDown`: should be none). */
export async function busyPorts(c: RegionConfig): Promise<number[]> {
  const busy: number[] = [];
  for (const port of allPorts(c)) if (!(await portIsFree(port))) busy.push(port);
  return busy;
}
