/**
 * npm run bench:load [-- --editors 100] [-- --seconds 60] [-- --json] [-- --pglite]
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
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, pgliteDir, queryRows, type Db } from '../db/client';
import { DEMO_PASSWORD, isEmpty, seedDatabase } from '../db/seed';
import { unpackCells, type JournalCell } from '../domain/journal-cells';
import { todayIn } from '../domain/dates';
import { ensureDebianPackages } from '../scripts/debian';
import { appBalancerSections, HAPROXY } from '../scripts/haproxy';
import { checkSharedSession, signInHttp, startAppServer, type AppServer, type HttpSession } from './app-server';
import { pasteBlock } from './server-figures';
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

type Page = Parameters<typeof pasteBlock>[0] & { today: string; timeZone: string };
type Saved = JournalCell;
type SaveResult =
  | { status: 'saved'; batchId: number | null; cells: string } // packed (domain/journal-cells.ts)
  | { status: 'invalid'; errors: { message: string }[] }
  | { status: 'conflict'; conflicts: { lessonId?: number; studentId: number; version: number }[] };

interface Editor {
  login: string;
  assignmentId: number;
  /** Pace between saves, ms. */
  pause: () => number;
}

interface Tally {
  latency: Record<'page' | 'typed' | 'paste', number[]>;
  requests: number;
  serverErrors: number;
  networkErrors: number;
  conflicts: number;
  invalid: number;
  /** Confirmed batches: id → the cells the server said it saved. */
  confirmed: Map<number, Saved[]>;
  /** Batches never confirmed after all retries (their outcome unknown to the client). */
  unconfirmed: number;
}

/** The outbox's patience: a batch is sent again every RETRY_MS for up to a minute. */
const RETRY_MS = 500;
const RETRIES = 120;

const TEXTS = ['5', '4', '3', '2', 'н', '4/5', ''];
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

/** The editors: one teacher each (with a journal of the current term), every tenth a second session of another. */
async function chooseEditors(db: Db, count: number): Promise<Editor[]> {
  const rows = await queryRows<{ login: string; assignment_id: number }>(
    db,
    sql`with term as (
          select t.id from terms t join institutions i on i.id = t.institution_id
          where t.starts_on <= (now() at time zone i.time_zone)::date order by t.starts_on desc limit 1)
        select distinct on (u.id) u.login, ta.id as assignment_id
        from teaching_assignments ta join users u on u.id = ta.teacher_user_id
        where ta.term_id = (select id from term) and u.is_active
          and (select count(*) from lessons l where l.institution_id = ta.institution_id
               and l.teaching_assignment_id = ta.id and l.date <= current_date) >= 20
        order by u.id, ta.id`,
  );
  const own = Math.ceil(count * 0.9);
  if (rows.length < own) throw new Error(`в базе ${rows.length} преподавателей с журналами, нужно ${own}`);
  const editors: Editor[] = [];
  for (let i = 0; i < count; i++) {
    const row = i < own ? rows[i]! : rows[i - own]!;
    const fast = i % 3 === 2;
    editors.push({
      login: row.login,
      assignmentId: row.assignment_id,
      pause: fast ? () => Math.random() * 200 : () => 500 + Math.random() * 2500,
    });
  }
  return editors;
}

async function runEditor(session: HttpSession, editor: Editor, n: number, runId: string, until: number, t: Tally) {
  // A reload that fails (the server or the database down for a moment) is tried again, as a teacher would.
  const load = async () => {
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      try {
        const res = await session.call<Omit<Page, 'cells'> & { cells: string }>('query', 'journal.page', {
          assignmentId: editor.assignmentId,
        });
        t.requests += 1;
        if (res.data) {
          t.latency.page.push(performance.now() - started);
          return { ...res.data, cells: unpackCells(res.data.cells) };
        }
        if (res.status >= 500) t.serverErrors += 1;
        else throw new Error(`journal.page: ${res.status} ${res.error}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('journal.page: 4')) throw error;
        t.networkErrors += 1;
      }
      if (attempt >= RETRIES) throw new Error('journal.page: сервер не отвечает');
      await sleep(RETRY_MS);
    }
  };
  const page = await load();
  const { block, versions } = pasteBlock(page, todayIn(page.timeZone, new Date()));
  if (block.length === 0) return;
  let batchNo = 0;
  while (Date.now() < until) {
    const paste = Math.random() < 0.15;
    const cells = paste ? block : Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => pick(block));
    const unique = [...new Map(cells.map((c) => [`${c.lessonId}:${c.studentId}`, c])).values()];
    batchNo += 1;
    const input = {
      assignmentId: editor.assignmentId,
      source: paste ? 'paste' : 'typing',
      clientBatchId: `load-${runId}-${n}-${batchNo}`,
      cells: unique.map((c) => ({
        ...c,
        text: pick(TEXTS),
        baseVersion: versions.get(`${c.lessonId}:${c.studentId}`) ?? 0,
      })),
    };
    // The outbox: a failed send (network, 5xx) goes again with the same batch id until confirmed or refused.
    let result: SaveResult | undefined;
    for (let attempt = 0; attempt <= RETRIES && !result; attempt++) {
      const started = performance.now();
      try {
        const res = await session.call<SaveResult>('mutation', 'journal.save', input);
        t.requests += 1;
        if (res.status >= 500) t.serverErrors += 1;
        else if (res.data) {
          result = res.data;
          t.latency[paste ? 'paste' : 'typed'].push(performance.now() - started);
        } else throw new Error(`journal.save: ${res.status} ${res.error}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('journal.save: 4')) throw error;
        t.networkErrors += 1;
      }
      if (!result) await sleep(RETRY_MS);
    }
    if (!result) t.unconfirmed += 1;
    else if (result.status === 'saved') {
      const saved = unpackCells(result.cells);
      if (result.batchId !== null) t.confirmed.set(result.batchId, saved);
      for (const c of saved) versions.set(`${c.lessonId}:${c.studentId}`, c.version);
    } else if (result.status === 'conflict') {
      t.conflicts += 1;
      // What a teacher does after «изменено другим»: takes the current state and goes on.
      for (const c of result.conflicts)
        if (c.lessonId !== undefined) versions.set(`${c.lessonId}:${c.studentId}`, c.version);
    } else t.invalid += 1;
    if (batchNo % 10 === 0) {
      const fresh = await load();
      for (const c of fresh.cells) versions.set(`${c.lessonId}:${c.studentId}`, c.version);
    }
    await sleep(editor.pause());
  }
}

/** Checks the database against what the clients were told. */
async function verify(db: Db, runId: string, t: Tally) {
  const written = await queryRows<{ id: number; client_batch_id: string; cells: number }>(
    db,
    sql`select b.id, b.client_batch_id, coalesce((select sum(array_length(c.student_ids, 1)) from cell_changes c
          where c.institution_id = b.institution_id and c.batch_id = b.id), 0)::int as cells
        from edit_batches b where b.client_batch_id like ${`load-${runId}-%`}`,
  );
  const byId = new Map(written.map((w) => [w.id, w]));
  let lost = 0;
  let missingLogRows = 0;
  for (const [id, cells] of t.confirmed) {
    const row = byId.get(id);
    if (!row) lost += 1;
    else if (row.cells !== cells.length) missingLogRows += Math.abs(row.cells - cells.length);
  }
  const duplicated = written.length - new Set(written.map((w) => w.client_batch_id)).size;
  const unexpected = written.filter((w) => !t.confirmed.has(w.id)).length;
  // Each cell: its last confirmed write (the highest version a client was told of) is what the database holds.
  const last = new Map<string, Saved>();
  for (const cells of t.confirmed.values())
    for (const c of cells) {
      const k = `${c.lessonId}:${c.studentId}`;
      if ((last.get(k)?.version ?? -1) < c.version) last.set(k, c);
    }
  const keys = [...last.values()];
  const rows = await queryRows<{
    lesson_id: number;
    student_id: number;
    attendance: string | null;
    grade1: string | null;
    grade2: string | null;
    version: number;
  }>(
    db,
    sql`select c.lesson_id, c.student_id, c.attendance, c.grade1, c.grade2, c.version from journal_cells c
        join (select unnest(string_to_array(${keys.map((k) => k.lessonId).join(',')}, ',')::int[]) as l,
                     unnest(string_to_array(${keys.map((k) => k.studentId).join(',')}, ',')::int[]) as s) k
          on c.lesson_id = k.l and c.student_id = k.s`,
  );
  const inDb = new Map(rows.map((r) => [`${r.lesson_id}:${r.student_id}`, r]));
  let lostCells = 0;
  let overwritten = 0;
  for (const c of keys) {
    const r = inDb.get(`${c.lessonId}:${c.studentId}`);
    const empty = c.attendance === null && c.grade1 === null && c.grade2 === null;
    if (!r) {
      if (!empty) lostCells += 1;
    } else if (r.version < c.version) lostCells += 1;
    else if (r.version > c.version) overwritten += 1;
    else if (r.attendance !== c.attendance || r.grade1 !== c.grade1 || r.grade2 !== c.grade2) lostCells += 1;
  }
  return { lost: lost + lostCells, missingLogRows, duplicated, unexpected, overwritten, cellsChecked: keys.length };
}

async function loadRun(
  target: { url: string | null; dataDir?: string },
  db: () => Promise<{ db: Db; close: () => Promise<void> }>,
  editorsWanted: number,
  seconds: number,
) {
  const runId = Date.now().toString(36);
  const chooser = await db();
  const editors = await chooseEditors(chooser.db, editorsWanted);
  if (target.url === null) await chooser.close();
  let app = twoInstances
    ? await startBalanced(target.url!)
    : await startAppServer(target.url, log, { port: PORT, dataDir: target.dataDir });
  const t: Tally = {
    latency: { page: [], typed: [], paste: [] },
    requests: 0,
    serverErrors: 0,
    networkErrors: 0,
    conflicts: 0,
    invalid: 0,
    confirmed: new Map(),
    unconfirmed: 0,
  };
  let started: number;
  try {
    log(`Вход ${editors.length} преподавателей…`);
    const sessions: HttpSession[] = [];
    for (let i = 0; i < editors.length; i += 5)
      sessions.push(
        ...(await Promise.all(editors.slice(i, i + 5).map((e) => signInHttp(app.base, e.login, DEMO_PASSWORD)))),
      );
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
    const saves = [...t.latency.typed, ...t.latency.paste];
    return {
      loadFault: fault,
      loadInstances: twoInstances ? 2 : 1,
      loadEditors: editors.length,
      loadSeconds: Math.round(elapsed),
      loadRequests: t.requests,
      loadRps: Math.round((t.requests / elapsed) * 10) / 10,
      loadSaves: saves.length,
      loadConfirmedBatches: t.confirmed.size,
      loadConflicts: t.conflicts,
      loadInvalid: t.invalid,
      loadServerErrors: t.serverErrors,
      loadNetworkErrors: t.networkErrors,
      loadUnconfirmed: t.unconfirmed,
      loadP50SaveMs: percentile(saves, 50),
      loadP95SaveMs: percentile(saves, 95),
      loadP99SaveMs: percentile(saves, 99),
      loadTypedP50Ms: percentile(t.latency.typed, 50),
      loadTypedP95Ms: percentile(t.latency.typed, 95),
      loadTypedP99Ms: percentile(t.latency.typed, 99),
      loadPasteP50Ms: percentile(t.latency.paste, 50),
      loadPasteP95Ms: percentile(t.latency.paste, 95),
      loadPasteP99Ms: percentile(t.latency.paste, 99),
      loadPageP50Ms: percentile(t.latency.page, 50),
      loadPageP95Ms: percentile(t.latency.page, 95),
      loadPageP99Ms: percentile(t.latency.page, 99),
      loadLostWrites: v.lost,
      loadMissingLogRows: v.missingLogRows,
      loadDuplicatedWrites: v.duplicated,
      loadUnexpectedWrites: v.unexpected,
      loadCellsVerified: v.cellsChecked,
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
    (current() as Balanced).instances[0]!.kill();
  } else {
    log('Сбой: приложение убито (SIGKILL) посреди сохранений…');
    current().kill();
    await sleep(2000);
    replace(await startAppServer(target.url, log, { port: PORT, dataDir: target.dataDir }));
    log('Приложение запущено снова.');
  }
}

type Balanced = AppServer & { instances: AppServer[] };

/**
 * Two instances of the app on one PostgreSQL behind HAProxy (Debian's package; installed with apt-get when missing and
 * run as root) on 127.0.0.1:PORT: round robin, a health check of /login every second, a request that fails on a dead
 * instance (connection refused) sent to the other (scripts/templates/haproxy-app.cfg.tmpl, as `npm run region:up` has it).
 */
async function startBalanced(url: string): Promise<Balanced> {
  ensureDebianPackages([HAPROXY], log);
  const instances = [
    await startAppServer(url, log, { port: PORT + 1 }),
    await startAppServer(url, log, { port: PORT + 2 }),
  ];
  const config = path.join(os.tmpdir(), `ezh-haproxy-${process.pid}.cfg`);
  fs.writeFileSync(config, `global\n  maxconn 4096\n\n${appBalancerSections(PORT, [PORT + 1, PORT + 2])}`);
  await checkSharedSession(instances[0]!.base, instances[1]!.base, DEMO_PASSWORD);
  log('Сеанс, открытый на первом экземпляре, принят вторым.');
  const proxy = spawn('haproxy', ['-f', config], { stdio: 'ignore', detached: true });
  const base = `http://localhost:${PORT}`;
  for (let i = 0; i < 50; i++) {
    if ((await fetch(`${base}/login`).catch(() => null))?.status === 200) break;
    await sleep(200);
  }
  const stopProxy = () => {
    try {
      process.kill(-proxy.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
    fs.rmSync(config, { force: true });
  };
  return {
    base,
    pid: instances[0]!.pid,
    instances,
    stop: () => {
      stopProxy();
      for (const i of instances) i.stop();
    },
    kill: () => instances[0]!.kill(),
  };
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
  result = {
    loadDatabase: URL_PG.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    ...(await loadRun({ url: URL_PG }, () => openDatabase({ url: URL_PG, max: 2 }), editorsWanted, seconds)),
  };
}
if (json) console.log(JSON.stringify(result));
else console.log(JSON.stringify(result, null, 2));
process.exit(0);
