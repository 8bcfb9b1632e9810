/**
 * npm run bench:region [-- --json] [--colleges N] [--runs R] [--editors E] [--seconds S] [--faults] [--only-faults]
 *   [--steps figures,load,faults,browser] [--no-printouts] [--down]
 *
 * Issue #27, items 5–7: the region of `npm run region:up` (Patroni + etcd + HAProxy on loopback, scripts/region/),
 * measured over HTTP through HAProxy, signed in, on two databases of the cluster: `ezh_region_1` (one college of the
 * `college` scale) and `ezh_region_N` (N colleges, `db:seed -- --scale region`; made from the first by
 * `CREATE DATABASE … TEMPLATE` and the seed resumed, so both start alike). Each is served by two app instances of the
 * production build (3411, 3412) behind HAProxy on 3410, with DATABASE_URL on the cluster's write port and
 * DATABASE_READ_URL on its read port.
 *
 * For each of 1 and N (`…Region1Ms`, `…RegionNMs`, medians of R runs, ms): the journal page and a 30 × 20 paste
 * (`journal.page`, `journal.save` as the demo college's teacher, next to the raw SQL of the same in this process), the
 * monitoring of one college (`control.monitoring` as its methodist, next to its raw SQL), the family page (`/family` as
 * the demo parent) and the printout job of the whole college (every group's journal, the server's workers).
 * `…RegionGrowth` = N / 1. Then on N colleges: E editors (default 100) spread over the colleges for S s (default 60)
 * through HAProxy — `regionLoad…` (p95 save `regionLoadP95SaveMs`, verified against the database) — while the
 * primary's `pg_stat_replication` is sampled every 500 ms: `regionReplicaLagMs` (p95 of the asynchronous replica's
 * replay lag), `regionReplicaLagMaxMs`, `regionSyncLagMs`.
 *
 * `--faults` (item 6, 7): the same load four more times, each with a fault at half time and verified afterwards —
 * `primary`: SIGKILL to the primary's Patroni and PostgreSQL (a dead machine) with a college printout job in flight;
 * `failoverWriteGapMs` (from the kill to the first write that succeeds through HAProxy, a probe every 200 ms),
 * `failoverLostWrites` (confirmed saves and probe writes missing), the job's groups done / failed / retried, queue jobs
 * completed more than once; `app`: SIGKILL to one app instance; `replica`: SIGKILL to the asynchronous replica (reads
 * go on through the other replica or the primary; a parent reads all along: `…ReadErrors`); `etcd`: SIGKILL to the etcd
 * leader. After each, `region:up` brings the dead part back (`…RestoreMs`). Then a teacher types in Chromium through
 * the primary's death (./region-browser.ts: `browserFailover…`). `--only-faults` skips the figures and the fault-free
 * load; `--steps` names the steps to run (default figures,load; with `--faults` all four).
 *
 * The region is brought up when it is not (`region:up` without its own app instances, REGION_* variables as there) and
 * left running (its watchdog stops it after REGION_TTL) unless `--down`. Everything on 127.0.0.1; every run is
 * bounded in time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../db/client';
import { DEMO_PASSWORD } from '../db/seed/plan';
import { jobQueue } from '../server/jobs/queue';
import { loadActor } from '../server/policy/actor';
import { jobProgress, startCollegePrintouts } from '../server/reports/jobs';
import { regionConfig, type RegionConfig } from '../scripts/region/config';
import { runningPid } from '../scripts/region/processes';
import { clusterState, killNode, queryOnce, regionDown, regionUp } from '../scripts/region/region';
import { signInHttp, startBalancedApp, type BalancedApp, type HttpSession } from './app-server';
import { measureCollegePrintouts } from './college-printouts-figures';
import { measureControl } from './control-figures';
import {
  chooseEditors,
  loadFigures,
  newTally,
  percentile,
  runEditor,
  signInAll,
  sleep,
  verify,
  type Tally,
} from './editors';
import { measureHttp } from './http-figures';
import { typeThroughFailover } from './region-browser';
import { measureServer } from './server-figures';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const argValue = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const has = (flag: string) => process.argv.includes(`--${flag}`);
const json = has('json');
const log = (s: string) => (json ? process.stderr.write(`${s}\n`) : console.log(s));
const colleges = argValue('colleges', 20);
const runs = argValue('runs', 10);
const editorsWanted = argValue('editors', 100);
const seconds = argValue('seconds', 60);
const APP_PORT = 3410;
const INSTANCE_PORTS = [3411, 3412];
const round = (x: number) => Math.round(x * 100) / 100;
const STEPS = ['figures', 'load', 'faults', 'browser'] as const;
const stepsArg = process.argv.indexOf('--steps');
const steps = new Set<string>(
  stepsArg >= 0
    ? process.argv[stepsArg + 1]!.split(',')
    : has('only-faults')
      ? ['faults', 'browser']
      : has('faults')
        ? STEPS
        : ['figures', 'load'],
);
for (const step of steps)
  if (!(STEPS as readonly string[]).includes(step))
    throw new Error(`--steps: неизвестный шаг «${step}» (${STEPS.join(', ')})`);

type Fault = 'primary' | 'app' | 'replica' | 'etcd';

/** The cluster's URL of `database` (write or read port), from region.json's. */
const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/** Runs one of the project's scripts with DATABASE_URL set; throws with its output when it fails. */
function script(args: string[], databaseUrl: string) {
  const done = spawnSync(TSX, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (done.status !== 0) throw new Error(`${args.join(' ')}: ${done.stderr || done.stdout}`);
  return done.stdout;
}

async function collegesIn(url: string): Promise<number> {
  const [row] = await queryOnce<{ n: string }>(url, 'select count(*)::text as n from institutions').catch(() => [
    { n: '0' },
  ]);
  return Number(row?.n ?? 0);
}

/**
 * The database of `count` colleges on the cluster, made when missing (`template`: copied from that database first) and
 * seeded up to `count` (the region seed resumes where it stopped). Returns its write URL.
 */
async function regionDatabase(writeUrl: string, count: number, template?: string): Promise<string> {
  const name = `ezh_region_${count}`;
  const admin = withDatabase(writeUrl, 'postgres');
  const url = withDatabase(writeUrl, name);
  const [exists] = await queryOnce(admin, `select 1 from pg_database where datname = '${name}'`);
  if (!exists) {
    const from = template && (await collegesIn(withDatabase(writeUrl, template))) > 0 ? template : null;
    log(`Создаю базу ${name}${from ? ` копией ${from}` : ''}…`);
    await queryOnce(admin, `create database ${name}${from ? ` template ${from}` : ''}`);
  }
  script(['scripts/db-migrate.ts'], url);
  if ((await collegesIn(url)) < count) {
    log(`Заполняю ${name}: ${count} колл. масштаба college (COPY; продолжает с места, где остановились)…`);
    const t0 = Date.now();
    const out = script(['scripts/db-seed.ts', '--scale', 'region', '--colleges', String(count)], url);
    log(`${name} заполнена за ${Math.round((Date.now() - t0) / 1000)} с. ${out.trim().split('\n').at(-1) ?? ''}`);
  }
  return url;
}

/** The app's two instances behind HAProxy on `database` of the cluster. */
function startApp(state: { writeUrl: string; readUrl: string }, database: string): Promise<BalancedApp> {
  return startBalancedApp(withDatabase(state.writeUrl, database), log, {
    port: APP_PORT,
    instancePorts: INSTANCE_PORTS,
    env: { DATABASE_READ_URL: withDatabase(state.readUrl, database), NODE_ENV: 'production' },
  });
}

/** The figures of one database (1 or N colleges) with the given suffix. */
async function figures(database: Database, url: string, base: string, suffix: string) {
  const out: Record<string, number | null> = {};
  const put = (key: string, value: number | null | undefined) => (out[`${key}${suffix}`] = value ?? null);
  log(`  журнал в процессе и сырой SQL (${runs} повторов)…`);
  const server = await measureServer(database, url, runs);
  log('  журнал и вставка 30 × 20 по HTTP…');
  const http = await measureHttp(database, base, runs);
  put('httpFloor', http.httpFloorMs);
  put('journalPage', http.journalPageHttpMs);
  put('journalPageRaw', server.journalLoadRawMs);
  put('paste', http.pasteSaveHttpMs);
  put('pasteRaw', server.pasteSaveRawMs);
  log('  контроль ведения журнала колледжа и главная родителя по HTTP…');
  const methodist = await signInHttp(base, 'metodist', DEMO_PASSWORD);
  const parent = await signInHttp(base, 'roditel', DEMO_PASSWORD);
  const control = await measureControl(database, url, methodist, parent, runs);
  put('monitoring', control.monitoringMs);
  put('monitoringRaw', control.monitoringRawMs);
  put('familyPage', control.familyPageHttpMs);
  if (!has('no-printouts')) {
    log('  журналы всех групп колледжа фоновой задачей…');
    const job = await measureCollegePrintouts(database, methodist, log);
    put('printoutJob', job.collegePrintoutMs);
    put('printoutJobGroups', job.collegePrintoutGroups);
    put('printoutJobFailedGroups', job.collegePrintoutFailedGroups);
  }
  return out;
}

interface LagSample {
  /** Client connections open on the primary (the app's pools, pg-boss, this bench). */
  connections: number;
  asyncMs: number;
  syncMs: number;
  asyncBytes: number;
}

/** Samples the primary's pg_stat_replication every 500 ms until stopped (through the write port). */
function sampleLag(writeUrl: string) {
  const samples: LagSample[] = [];
  let running = true;
  const done = (async () => {
    const db = postgres(withDatabase(writeUrl, 'postgres'), { max: 1, onnotice: () => {} });
    try {
      while (running) {
        const rows = await db<{ sync_state: string; ms: number | null; bytes: string | null; connections: number }[]>`
          select sync_state, extract(epoch from replay_lag) * 1000 as ms,
            pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::text as bytes,
            (select count(*) from pg_stat_activity where backend_type = 'client backend')::int as connections
          from pg_stat_replication`.catch(() => []);
        const of = (state: string) => rows.find((r) => r.sync_state === state);
        const a = of('async');
        const s = of('sync');
        if (a || s)
          samples.push({
            connections: rows[0]!.connections,
            asyncMs: Number(a?.ms ?? 0),
            syncMs: Number(s?.ms ?? 0),
            asyncBytes: Number(a?.bytes ?? 0),
          });
        await sleep(500);
      }
    } finally {
      await db.end({ timeout: 1 });
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      const lag = (xs: number[]) => ({ p95: percentile(xs, 95), max: xs.length ? Math.max(...xs) : null });
      const a = lag(samples.map((s) => s.asyncMs));
      return {
        regionReplicaLagMs: a.p95,
        regionReplicaLagMaxMs: a.max === null ? null : round(a.max),
        regionReplicaLagMaxBytes: lag(samples.map((s) => s.asyncBytes)).max,
        regionSyncLagMs: lag(samples.map((s) => s.syncMs)).p95,
        regionLagSamples: samples.length,
        regionPrimaryConnectionsMax: lag(samples.map((s) => s.connections)).max,
      };
    },
  };
}

/** Writes through the write port every 200 ms on a fresh connection; the confirmed ids and when each succeeded. */
function probeWrites(writeUrl: string) {
  const admin = withDatabase(writeUrl, 'postgres');
  const confirmed: { id: number; at: number }[] = [];
  let running = true;
  const done = (async () => {
    await queryOnce(admin, 'create table if not exists bench_region_probe (id bigserial primary key, at timestamptz)');
    while (running) {
      try {
        const [row] = await queryOnce<{ id: string }>(
          admin,
          'insert into bench_region_probe (at) values (now()) returning id',
        );
        confirmed.push({ id: Number(row!.id), at: Date.now() });
      } catch {
        /* no primary at the moment */
      }
      await sleep(200);
    }
  })();
  return {
    async stop(killedAt: number | null) {
      running = false;
      await done;
      const after = killedAt === null ? undefined : confirmed.find((c) => c.at > killedAt);
      const ids = confirmed.map((c) => c.id);
      const [present] = await queryOnce<{ n: string }>(
        admin,
        `select count(*)::text as n from bench_region_probe where id = any('{${ids.join(',')}}'::bigint[])`,
      );
      return {
        writeGapMs: after && killedAt !== null ? after.at - killedAt : null,
        probeWrites: ids.length,
        probeLost: ids.length - Number(present?.n ?? 0),
      };
    },
  };
}

/** A parent reading /family every 500 ms through the balancer: how many reads failed. */
function readAlong(parent: HttpSession) {
  let running = true;
  let reads = 0;
  let errors = 0;
  const done = (async () => {
    while (running) {
      reads += 1;
      await parent.download('/family').catch(() => (errors += 1));
      await sleep(500);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { reads, errors };
    },
  };
}

/** The etcd member that leads now (v3 maintenance status over the JSON gateway), or etcd1 when none says. */
async function etcdLeader(c: RegionConfig): Promise<string> {
  for (const [i, port] of c.etcdPorts.entries()) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v3/maintenance/status`, {
        method: 'POST',
        body: '{}',
        signal: AbortSignal.timeout(2000),
      });
      const status = (await res.json()) as { header?: { member_id?: string }; leader?: string };
      if (status.leader && status.header?.member_id === status.leader) return `etcd${i + 1}`;
    } catch {
      /* the next */
    }
  }
  return 'etcd1';
}

/** A college printout job of the demo college started from this process; its id and the actor who asked. */
async function startPrintoutJob(database: Database) {
  const [m] = await queryRows<{ id: number }>(database.db, sql`select id from users where login = 'metodist'`);
  const actor = (await loadActor(database.db, m!.id))!;
  const [term] = await queryRows<{ id: number }>(
    database.db,
    sql`select id from terms where institution_id = ${actor.institutionId} and starts_on = '2026-09-01'`,
  );
  const job = await startCollegePrintouts(database.db, await jobQueue(database), actor, {
    termId: term!.id,
    lessonsPerPage: 40,
    newPage: true,
  });
  return { jobId: job.jobId, actor, startedAt: Date.now() };
}

/** Waits for the job to finish (≤ 20 min) and checks it against the database: every group once, none lost. */
async function checkPrintoutJob(database: Database, job: Awaited<ReturnType<typeof startPrintoutJob>>) {
  const deadline = Date.now() + 20 * 60_000;
  let progress = await jobProgress(database.db, job.actor, job.jobId);
  while (progress.status === 'running' && Date.now() < deadline) {
    await sleep(2000);
    progress = await jobProgress(database.db, job.actor, job.jobId).catch(() => progress);
  }
  const [groups] = await queryRows<{ total: number; done: number; failed: number; retried: number; pdfs: number }>(
    database.db,
    sql`select count(*)::int as total, count(*) filter (where status = 'done')::int as done,
          count(*) filter (where status = 'failed')::int as failed,
          count(*) filter (where attempts > 1)::int as retried, count(pdf)::int as pdfs
        from report_job_groups where job_id = ${job.jobId}`,
  );
  const [queue] = await queryRows<{ twice: number; completed: number }>(
    database.db,
    sql`select count(*) filter (where n > 1)::int as twice, coalesce(sum(n), 0)::int as completed from (
          select data->>'groupId' as g, count(*) as n from (
            select data, state from pgboss.job where name = 'report-printout-group'
            union all select data, state from pgboss.archive where name = 'report-printout-group') q
          where state = 'completed' and (data->>'jobId')::int = ${job.jobId} group by 1) per_group`,
  );
  return {
    JobStatus: progress.status === 'running' ? 0 : 1,
    JobMs: Date.now() - job.startedAt,
    JobGroups: groups!.total,
    JobGroupsDone: groups!.done,
    JobGroupsFailed: groups!.failed,
    JobGroupsRetried: groups!.retried,
    JobPdfs: groups!.pdfs,
    JobQueueCompleted: queue!.completed,
    JobGroupsCompletedTwice: queue!.twice,
  };
}

/**
 * CPU seconds (user + system) of every process of the machine by what it is, from /proc (Linux): the app's instances,
 * each node's PostgreSQL (its postmaster and every backend, the children of the postmaster) under the node's role,
 * Patroni, etcd, HAProxy, this bench (the editors' HTTP clients), everything else.
 */
function cpuByPart(c: RegionConfig, roles: Map<string, string>): Record<string, number> {
  const tick = 100; // USER_HZ on Linux
  const procs = new Map<number, { ppid: number; cmd: string; seconds: number }>();
  for (const d of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(d), { ppid: Number(f[1]), cmd, seconds: (Number(f[11]) + Number(f[12])) / tick });
    } catch {
      /* the process ended */
    }
  }
  const nodeOf = new Map<number, string>();
  for (const [pid, p] of procs) {
    const node = NODE_NAMES.find((n) => p.cmd.includes(path.join(c.dir, n, 'data')) && !/patroni/.test(p.cmd));
    if (node) nodeOf.set(pid, node);
  }
  const parts: Record<string, number> = {};
  for (const [pid, p] of procs) {
    const node = nodeOf.get(pid) ?? nodeOf.get(p.ppid);
    const part =
      pid === process.pid
        ? 'bench'
        : node
          ? `postgres ${roles.get(node) ?? node}`
          : /next-server|next start|next\/dist/.test(p.cmd)
            ? 'app'
            : /patroni/.test(p.cmd)
              ? 'patroni'
              : /\/etcd /.test(p.cmd)
                ? 'etcd'
                : /haproxy/.test(p.cmd)
                  ? 'haproxy'
                  : 'other';
    parts[part] = (parts[part] ?? 0) + p.seconds;
  }
  return parts;
}
const NODE_NAMES = ['node1', 'node2', 'node3'];

/** The CPU seconds spent by each part between two `cpuByPart` snapshots, with their share of the machine's. */
function cpuSpent(before: Record<string, number>, after: Record<string, number>, wallSeconds: number) {
  const spent = Object.fromEntries(
    Object.keys(after).map((k) => [k, Math.round(((after[k] ?? 0) - (before[k] ?? 0)) * 10) / 10]),
  );
  const total = Object.values(spent).reduce((a, b) => a + b, 0);
  return {
    regionLoadCpuSeconds: spent,
    regionLoadCpuBusyPercent: Math.round((total / (wallSeconds * os.cpus().length)) * 100),
  };
}

/** One load run of the editors on `app`, with `fault` at half time; verified against the database afterwards. */
async function loadRun(
  c: RegionConfig,
  state: { writeUrl: string; readUrl: string },
  database: Database,
  app: BalancedApp,
  fault: Fault | null,
) {
  const prefix = fault === null ? 'regionLoad' : `fault${fault[0]!.toUpperCase()}${fault.slice(1)}`;
  const runId = `r${Date.now().toString(36)}`;
  const editors = await chooseEditors(database.db, editorsWanted);
  log(`Вход ${editors.length} преподавателей…`);
  const sessions = await signInAll(app.base, editors);
  const parent = await signInHttp(app.base, 'roditel', DEMO_PASSWORD);
  const t: Tally = newTally();
  const lag = fault === null ? sampleLag(state.writeUrl) : null;
  const roles = new Map(((await clusterState(c)) ?? []).map((m) => [m.name, m.role]));
  const cpuBefore = fault === null ? cpuByPart(c, roles) : null;
  const probe = probeWrites(state.writeUrl);
  const reader = readAlong(parent);
  const job = fault === 'primary' && !has('no-printouts') ? await startPrintoutJob(database) : null;
  log(`Нагрузка${fault ? ` со сбоем «${fault}»` : ''}: ${editors.length} редакторов × ${seconds} с…`);
  const started = performance.now();
  const until = Date.now() + seconds * 1000;
  let killedAt: number | null = null;
  let killed = '';
  const inject = async () => {
    if (fault === null) return;
    await sleep((seconds * 1000) / 2);
    const members = (await clusterState(c)) ?? [];
    if (fault === 'primary' || fault === 'replica') {
      const node = members.find((m) => m.role === (fault === 'primary' ? 'leader' : 'replica'))?.name;
      if (!node) throw new Error(`нет узла с ролью ${fault}: ${JSON.stringify(members)}`);
      killedAt = Date.now();
      killNode(c.dir, node);
      killed = node;
    } else if (fault === 'app') {
      killedAt = Date.now();
      app.instances[0]!.kill();
      killed = 'app1';
    } else {
      const member = await etcdLeader(c);
      const pid = runningPid(c.dir, member);
      killedAt = Date.now();
      if (pid !== null) process.kill(pid, 'SIGKILL');
      killed = member;
    }
    log(`Сбой: ${killed} убит (SIGKILL).`);
  };
  await Promise.all([...editors.map((e, i) => runEditor(sessions[i]!, e, i, runId, until, t)), inject()]);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuBefore ? cpuSpent(cpuBefore, cpuByPart(c, roles), elapsed) : {};
  const lagFigures = lag ? await lag.stop() : {};
  const probed = await probe.stop(killedAt);
  const read = await reader.stop();
  const v = await verify(database.db, runId, t);
  const out: Record<string, unknown> = {
    ...loadFigures(prefix, t, v, editors.length, elapsed),
    ...lagFigures,
    ...cpu,
    [`${prefix}Reads`]: read.reads,
    [`${prefix}ReadErrors`]: read.errors,
    [`${prefix}ProbeWrites`]: probed.probeWrites,
    [`${prefix}ProbeLost`]: probed.probeLost,
  };
  if (fault !== null) {
    out[`${prefix}Killed`] = killed;
    out[`${prefix}WriteGapMs`] = probed.writeGapMs;
  }
  if (fault === 'primary') {
    out.failoverWriteGapMs = probed.writeGapMs;
    out.failoverLostWrites = v.lost + probed.probeLost;
    const after = (await clusterState(c)) ?? [];
    out.failoverNewPrimary = after.find((m) => m.role === 'leader')?.name ?? null;
  }
  if (job) {
    log('Жду конца задания печати, начатого до сбоя…');
    const checked = await checkPrintoutJob(database, job);
    for (const [k, x] of Object.entries(checked)) out[`failover${k}`] = x;
  }
  return out;
}

/** Brings back what a fault killed (region:up is idempotent) and waits for the whole cluster; ms. */
async function restore(c: RegionConfig): Promise<number> {
  const t0 = Date.now();
  await regionUp(c, { app: false, log: () => {} });
  return Date.now() - t0;
}

const c = regionConfig();
log(`Регион (${c.dir}): поднимаю, если не работает…`);
const up = await regionUp(c, { app: false, log });
const result: Record<string, unknown> = { regionColleges: colleges, runs, regionUpMs: up.ms };
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The steps in order; a step that throws ends the run, and what was measured before it is printed all the same. */
async function run() {
  const one = await regionDatabase(up.writeUrl, 1);
  const many = await regionDatabase(up.writeUrl, colleges, 'ezh_region_1');

  if (steps.has('figures'))
    for (const [count, url] of [
      [1, one],
      [colleges, many],
    ] as const) {
      const suffix = count === 1 ? 'Region1Ms' : 'RegionNMs';
      log(`Замеры на ${count} колл. (${url.replace(/:[^:@/]*@/, ':***@')})…`);
      const app = await startApp(up, `ezh_region_${count}`);
      const database = await openDatabase({ url, max: 4 });
      try {
        Object.assign(result, await figures(database, url, app.base, suffix));
      } finally {
        app.stop();
        await database.close();
      }
    }
  for (const key of ['journalPage', 'paste', 'monitoring', 'familyPage', 'printoutJob']) {
    const a = result[`${key}Region1Ms`];
    const b = result[`${key}RegionNMs`];
    if (typeof a === 'number' && typeof b === 'number') result[`${key}RegionGrowth`] = round(b / a);
  }

  const database = await openDatabase({ url: many, max: 4 });
  try {
    let app = await startApp(up, `ezh_region_${colleges}`);
    try {
      if (steps.has('load')) Object.assign(result, await loadRun(c, up, database, app, null));
      if (steps.has('faults'))
        for (const fault of ['primary', 'app', 'replica', 'etcd'] as const) {
          // A fault run that throws is reported, and the cluster brought back, without losing the other figures.
          const prefix = `fault${fault[0]!.toUpperCase()}${fault.slice(1)}`;
          await loadRun(c, up, database, app, fault).then(
            (figures) => Object.assign(result, figures),
            (error: unknown) => (result[`${prefix}Error`] = message(error)),
          );
          if (fault === 'app') {
            app.stop();
            app = await startApp(up, `ezh_region_${colleges}`);
          } else result[`${prefix}RestoreMs`] = await restore(c);
        }
      if (steps.has('browser')) {
        const [journal] = await queryRows<{ id: number }>(
          database.db,
          sql`select ta.id from teaching_assignments ta join users u on u.id = ta.teacher_user_id
              join terms t on t.id = ta.term_id
              where u.login = 'prepod' and t.starts_on <= current_date and ta.subgroup_id is null
              order by t.starts_on desc, ta.id limit 1`,
        );
        log('Chromium: преподаватель вводит отметки, пока ведущий умирает…');
        const killPrimary = async () => {
          const leader = (await clusterState(c))?.find((m) => m.role === 'leader');
          if (leader) killNode(c.dir, leader.name);
        };
        await typeThroughFailover(app.base, 'prepod', DEMO_PASSWORD, journal!.id, killPrimary, 30, log).then(
          (figures) => Object.assign(result, figures),
          (error: unknown) => (result.browserFailoverError = message(error)),
        );
        result.browserFailoverRestoreMs = await restore(c);
      }
    } finally {
      app.stop();
    }
  } finally {
    await database.close();
  }
}

let failed = false;
try {
  await run();
} catch (error) {
  failed = true;
  result.error = message(error);
  log(`Прогон прерван: ${message(error)}`);
}
if (has('down')) await regionDown(c.dir, { log });
if (json) console.log(JSON.stringify(result));
else console.log(JSON.stringify(result, null, 2));
process.exit(failed ? 1 : 0);
