/**
 * The editors of the load runs (`npm run bench:load`, `npm run bench:region`): teachers signed in over HTTP who open a
 * journal of the current term and save batches at a teacher's pace or faster, sending a failed save again with the same
 * client batch id as the browser's outbox does; then the verification of the database against what they were told.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { DEMO_PASSWORD } from '../db/seed/plan';
import { unpackCells, type JournalCell } from '../domain/journal-cells';
import { todayIn } from '../domain/dates';
import { signInHttp, type HttpSession } from './app-server';
import { pasteBlock } from './server-figures';

type Page = Parameters<typeof pasteBlock>[0] & { today: string; timeZone: string };
type Saved = JournalCell;
type SaveResult =
  | { status: 'saved'; batchId: number | null; cells: string } // packed (domain/journal-cells.ts)
  | { status: 'invalid'; errors: { message: string }[] }
  | { status: 'conflict'; conflicts: { lessonId?: number; studentId: number; version: number }[] };

export interface Editor {
  login: string;
  assignmentId: number;
  /** Pace between saves, ms. */
  pause: () => number;
}

export interface Tally {
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
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

/**
 * The editors: one teacher each (with a journal of their college's current term and ≥ 20 lessons held), every tenth a
 * second session of another. With several colleges the teachers are taken in turn from each college, so that the load
 * is spread over the region; with one, in the order of their ids.
 */
export async function chooseEditors(db: Db, count: number): Promise<Editor[]> {
  const rows = await queryRows<{ login: string; assignment_id: number }>(
    db,
    sql`with term as (
          select distinct on (t.institution_id) t.institution_id, t.id from terms t
          join institutions i on i.id = t.institution_id
          where t.starts_on <= (now() at time zone i.time_zone)::date
          order by t.institution_id, t.starts_on desc
        ), candidate as (
          select distinct on (u.id) u.id as user_id, u.login, ta.id as assignment_id, ta.institution_id
          from teaching_assignments ta join term on term.id = ta.term_id
          join users u on u.id = ta.teacher_user_id
          where u.is_active
            and (select count(*) from lessons l where l.institution_id = ta.institution_id
                 and l.teaching_assignment_id = ta.id and l.date <= current_date) >= 20
          order by u.id, ta.id
        )
        select login, assignment_id from (
          select c.*, row_number() over (partition by c.institution_id order by c.user_id) as turn from candidate c
        ) x order by turn, institution_id`,
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

export const newTally = (): Tally => ({
  latency: { page: [], typed: [], paste: [] },
  requests: 0,
  serverErrors: 0,
  networkErrors: 0,
  conflicts: 0,
  invalid: 0,
  confirmed: new Map(),
  unconfirmed: 0,
});

/** Signs the editors in at `base`, five at a time (a sign-in is an argon2 hash: all at once would only queue). */
export async function signInAll(base: string, editors: Editor[]): Promise<HttpSession[]> {
  const sessions: HttpSession[] = [];
  for (let i = 0; i < editors.length; i += 5)
    sessions.push(...(await Promise.all(editors.slice(i, i + 5).map((e) => signInHttp(base, e.login, DEMO_PASSWORD)))));
  return sessions;
}

/** The run's figures under `prefix` (load…, regionLoad…): requests, errors, latencies in ms, the verification. */
export function loadFigures(
  prefix: string,
  t: Tally,
  v: Awaited<ReturnType<typeof verify>>,
  editors: number,
  elapsedSeconds: number,
): Record<string, number | null> {
  const saves = [...t.latency.typed, ...t.latency.paste];
  const figures: Record<string, number | null> = {
    Editors: editors,
    Seconds: Math.round(elapsedSeconds),
    Requests: t.requests,
    Rps: Math.round((t.requests / elapsedSeconds) * 10) / 10,
    Saves: saves.length,
    ConfirmedBatches: t.confirmed.size,
    Conflicts: t.conflicts,
    Invalid: t.invalid,
    ServerErrors: t.serverErrors,
    NetworkErrors: t.networkErrors,
    Unconfirmed: t.unconfirmed,
    P50SaveMs: percentile(saves, 50),
    P95SaveMs: percentile(saves, 95),
    P99SaveMs: percentile(saves, 99),
    TypedP50Ms: percentile(t.latency.typed, 50),
    TypedP95Ms: percentile(t.latency.typed, 95),
    TypedP99Ms: percentile(t.latency.typed, 99),
    PasteP50Ms: percentile(t.latency.paste, 50),
    PasteP95Ms: percentile(t.latency.paste, 95),
    PasteP99Ms: percentile(t.latency.paste, 99),
    PageP50Ms: percentile(t.latency.page, 50),
    PageP95Ms: percentile(t.latency.page, 95),
    PageP99Ms: percentile(t.latency.page, 99),
    LostWrites: v.lost,
    MissingLogRows: v.missingLogRows,
    DuplicatedWrites: v.duplicated,
    UnexpectedWrites: v.unexpected,
    CellsVerified: v.cellsChecked,
  };
  return Object.fromEntries(Object.entries(figures).map(([k, x]) => [`${prefix}${k}`, x]));
}

export async function runEditor(
  session: HttpSession,
  editor: Editor,
  n: number,
  runId: string,
  until: number,
  t: Tally,
) {
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
export async function verify(db: Db, runId: string, t: Tally) {
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
