/**
 * npm run bench:load [-- --editors 100] [-- --seconds 60] [-- --json] [-- --pglite]
 *
 * Without `--editors` (and without a fault or a second instance), on PostgreSQL: steps of 50, 100, 150, 200… editors ×
 * `--seconds` each, until the p95 of a save reaches 200 ms or a write is lost or answered 5xx;
 * `loadMaxEditorsP95Under200` is the last step that held (issue #28, item 3), `steps` their figures, and the run of 100
 * editors gives the top-level figures as before.
 *
 * Issue #14, item 2: teachers of the `college` seed at once, over HTTP against the production build (loopback only,
 * bounded in time). Each editor signs in as its own teacher, opens one of the teacher's journals of the current term
 * and saves batches — typed cells (1–3) and 30 × 20 pastes — at a teacher's pace (0.5–3 s between saves) or faster
 * (every third editor: 0–0.2 s); one editor in ten is a second session of another editor's teacher on the same cells,
 * to force conflicts. A save that fails (network, 5xx) is sent again with the same client batch id, as the browser's
 * outbox does. Then it **verifies against the database**: every batch the server confirmed is there exactly once with
 * its log rows, every cell holds the value of its last confirmed write, and nothing else was written.
 *
 * PostgreSQL: LOAD_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ezh_load, created and seeded when empty).
 * `--pglite`: the embedded database (.data/load-pglite, seeded once) in steps of 10, 25, 50 and 100 editors × 20 s,
 * for the number of editors a one-PC college holds with p95 of a save under 500 ms and nothing lost.
 *
 * Faults (issue #14, item 3), in the middle of the run: `--fault pg-restart` stops the PostgreSQL server and starts it
 * 3 s later (`pg_ctlcluster`); `--fault kill-app` kills the app's process (SIGKILL, no shutdown) and starts it again
 * 2 s later — on PostgreSQL, or with `--pglite` on the embedded database. The clients keep their unsent batches and
 * send them again; the verification then proves no confirmed batch is missing and no half batch is there.
 *
 * `--two-instances` (PostgreSQL): two app instances (ports 3211, 3212, one NEXTAUTH_SECRET) behind HAProxy from Debian's
 * packages on 127.0.0.1:3210 (round robin, health checks, a failed request sent to the other instance); a session
 * signed in on one is used on both. With `--fault kill-app` the first instance is killed and stays dead: the other
 * serves.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, pgliteDir, type Db } from '../db/client';
import { isEmpty, seedDatabase } from '../db/seed';
import { startAppServer, startBalancedApp, type AppServer, type BalancedApp } from './app-server';
import { chooseEditors, loadFigures, newTally, runEditor, signInAll, sleep, verify } from './editors';
import { openBenchDatabase } from './setup';

const argValue = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const json = process.argv.includes('--json');
const pglite = process.argv.includes('--pglite');
const log = (s: string) => (json ? process.stderr.write(`${s}\n`) : console.log(s));
const faultArg = process.argv.indexOf('--fault');
const fault = faultArg >= 0 ? (process.argv[faultArg + 1] as 'pg-restart' | 'kill-app') : null;
if (fault !== null && fault !== 'pg-restart' && fault !== 'kill-app')
  throw new Error('--fault: pg-restart или kill-app');
const twoInstances = process.argv.includes('--two-instances');
const URL_PG = process.env.LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ezh_load';
const PGLITE_DATA = path.resolve('.data/load-pglite');
const PORT = 3210;

async function loadRun(
  target: { url: string | null; dataDir?: string },
  db: () => Promise<{ db: Db; close: () => Promise<void> }>,
  editorsWanted: number,
  seconds: number,
): Promise<Record<string, unknown>> {
  const runId = Date.now().toString(36);
  const chooser = await db();
  const editors = await chooseEditors(chooser.db, editorsWanted);
  if (target.url === null) await chooser.close();
  let app = twoInstances
    ? await startBalancedApp(target.url!, log, { port: PORT, instancePorts: [PORT + 1, PORT + 2] })
    : await startAppServer(target.url, log, { port: PORT, dataDir: target.dataDir });
  const t = newTally();
  let started: number;
  try {
    log(`Вход ${editors.length} преподавателей…`);
    const sessions = await signInAll(app.base, editors);
    log(`Нагрузка: ${editors.length} редакторов × ${seconds} с…`);
    started = performance.now();
    const until = Date.now() + seconds * 1000;
    const faults = fault
      ? injectFault(
          fault,
          seconds,
          target,
          () => app,
          (next) => (app = next),
        )
      : Promise.resolve();
    await Promise.all([...editors.map((e, i) => runEditor(sessions[i]!, e, i, runId, until, t)), faults]);
  } finally {
    app.stop();
  }
  const elapsed = (performance.now() - started) / 1000;
  await sleep(1500); // the server's process is gone before the embedded database is opened again
  const check = target.url === null ? await db() : chooser;
  try {
    const v = await verify(check.db, runId, t);
    return {
      loadFault: fault,
      loadInstances: twoInstances ? 2 : 1,
      ...loadFigures('load', t, v, editors.length, elapsed),
    };
  } finally {
    await check.close();
  }
}

/** The fault in the middle of the run; returns when the system is back. */
async function injectFault(
  kind: 'pg-restart' | 'kill-app',
  seconds: number,
  target: { url: string | null; dataDir?: string },
  current: () => AppServer,
  replace: (app: AppServer) => void,
) {
  await sleep((seconds * 1000) / 2);
  if (kind === 'pg-restart') {
    const version = fs.readdirSync('/etc/postgresql')[0]!;
    // Stopped, and started 3 s later: the queries in hand fail and the app meets a database that is not there.
    log(`Сбой: PostgreSQL ${version} остановлен на 3 с…`);
    const cluster = (action: string) => {
      const done = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action]);
      if (done.status !== 0) throw new Error(`pg_ctlcluster ${action}: ${done.stderr.toString()}`);
    };
    cluster('stop');
    await sleep(3000);
    cluster('start');
    log('PostgreSQL снова работает.');
  } else if (twoInstances) {
    log('Сбой: первый экземпляр приложения убит (SIGKILL) и не поднимается; служит второй…');
    (current() as BalancedApp).instances[0]!.kill();
  } else {
    log('Сбой: приложение убито (SIGKILL) посреди сохранений…');
    current().kill();
    await sleep(2000);
    replace(await startAppServer(target.url, log, { port: PORT, dataDir: target.dataDir }));
    log('Приложение запущено снова.');
  }
}

async function pgliteDatabase() {
  const dataDir = pgliteDir(PGLITE_DATA);
  const database = await openDatabase({ dataDir });
  if (await isEmpty(database.db)) {
    log('Встроенная база пуста: заполняю колледж (масштаб college)…');
    await seedDatabase(database.db, { scale: 'college' }, (line) => log(line));
  }
  return database;
}

const editorsWanted = argValue('editors', 100);
const seconds = argValue('seconds', 60);
let result: Record<string, unknown>;
if (pglite && fault) {
  fs.mkdirSync(PGLITE_DATA, { recursive: true });
  result = {
    loadDatabase: 'pglite',
    ...(await loadRun({ url: null, dataDir: PGLITE_DATA }, pgliteDatabase, editorsWanted, seconds)),
  };
} else if (pglite) {
  fs.mkdirSync(PGLITE_DATA, { recursive: true });
  const steps: Record<string, unknown>[] = [];
  let holds = 0;
  for (const n of [10, 25, 50, 100].filter((x) => x <= editorsWanted)) {
    log(`PGlite: ${n} редакторов…`);
    const step = await loadRun({ url: null, dataDir: PGLITE_DATA }, pgliteDatabase, n, argValue('seconds', 20));
    steps.push(step);
    const ok = (step.loadP95SaveMs as number) < 500 && step.loadLostWrites === 0 && step.loadServerErrors === 0;
    if (ok) holds = n;
    else break;
  }
  result = { loadDatabase: 'pglite', loadPgliteEditorsAtP95Under500: holds, steps };
} else {
  const database = await openBenchDatabase(URL_PG, log);
  await database.close();
  const run = (n: number) => loadRun({ url: URL_PG }, () => openDatabase({ url: URL_PG, max: 2 }), n, seconds);
  const loadDatabase = URL_PG.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  if (process.argv.includes('--editors') || fault || twoInstances)
    result = { loadDatabase, ...(await run(editorsWanted)) };
  else {
    const steps: Record<string, unknown>[] = [];
    let holds = 0;
    for (let n = 50; n <= 400; n += 50) {
      log(`PostgreSQL: ${n} редакторов…`);
      const step = await run(n);
      steps.push(step);
      if ((step.loadP95SaveMs as number) >= 200 || step.loadLostWrites !== 0 || step.loadServerErrors !== 0) break;
      holds = n;
    }
    const hundred = steps.find((s) => s.loadEditors === 100) ?? steps.at(-1)!;
    result = { loadDatabase, ...hundred, loadMaxEditorsP95Under200: holds, steps };
  }
}
if (json) console.log(JSON.stringify(result));
else console.log(JSON.stringify(result, null, 2));
process.exit(0);
