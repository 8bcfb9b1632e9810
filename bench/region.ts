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
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../db/client';
import { DEMO_PASSWORD } from '../db/seed/plan';
import { regionConfig, type RegionConfig } from '../scripts/region/config';
import { runningPid } from '../scripts/region/processes';
import { clusterState, killNode, queryOnce, regionDown, regionUp } from '../scripts/region/region';
import { signInHttp, startBalancedApp, type BalancedApp } from './app-server';
import { measureCollegePrintouts } from './college-printouts-figures';
import { measureControl } from './control-figures';
import { chooseEditors, loadFigures, newTally, runEditor, signInAll, sleep, verify, type Tally } from './editors';
import { measureHttp } from './http-figures';
import { typeThroughFailover } from './region-browser';
import {
  checkPrintoutJob,
  cpuByPart,
  cpuSpent,
  etcdLeader,
  probeWrites,
  readAlong,
  sampleLag,
  startPrintoutJob,
  withDatabase,
} from './region-probes';
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
  const http = await measureHttp(database, url, base, runs);
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
