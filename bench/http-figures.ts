/**
 * What the teacher's browser gets (issue #14, item 1), over HTTP against the production build, signed in as the bench
 * journal's teacher:
 * - `httpFloorMs`: an authenticated trivial tRPC query (`me.get`) in the same session — session, user, tRPC, Next;
 * - `nodeHttpFloorMs`: the same call, with the same cookie and client, answered by a bare `node:http` server doing only
 *   the session and the actor (./node-http-floor.ts); `httpFloorRatio` = httpFloorMs / nodeHttpFloorMs (target ≤ 1.5);
 * - `journalPageHttpMs`: the journal page's tRPC query (`journal.page`);
 * - `pasteSaveHttpMs`: the 30 × 20 paste (`journal.save`, the same block as `pasteSaveMs`).
 * The three alternate, so that the machine's noise falls on all alike; medians in ms. The ratios against the raw SQL
 * floor plus the HTTP floor are made in ./run.ts with the server figures of the same run.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client';
import { DEMO_PASSWORD } from '../db/seed';
import { todayIn } from '../domain/dates';
import { unpackCells } from '../domain/journal-cells';
import { BENCH_SECRET, keptAliveGet, signInHttp } from './app-server';
import { startNodeHttpFloor } from './node-http-floor';
import { median, pasteBlock, PASTE_TEXTS, pickBenchJournal } from './server-figures';

export interface HttpFigures {
  httpFloorMs: number;
  nodeHttpFloorMs: number;
  httpFloorRatio: number;
  journalPageHttpMs: number;
  pasteSaveHttpMs: number;
}

const round = (x: number) => Math.round(x * 100) / 100;
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

type Page = Omit<Parameters<typeof pasteBlock>[0], 'cells'> & { cells: string };
/** `journal.save`'s answer: a saved batch's cells packed (domain/journal-cells.ts). */
type SaveResult = { status: string; cells: string };

export async function measureHttp(
  database: Database,
  databaseUrl: string,
  base: string,
  runs: number,
): Promise<HttpFigures> {
  const pick = await pickBenchJournal(database.db);
  const [who] = await queryRows<{ login: string; time_zone: string }>(
    database.db,
    sql`select u.login, i.time_zone from users u join teaching_assignments ta on ta.id = ${pick.id}
        join institutions i on i.id = ta.institution_id where u.id = ${pick.teacher}`,
  );
  const teacher = await signInHttp(base, who!.login, DEMO_PASSWORD);
  const page = await teacher.query<Page>('journal.page', { assignmentId: pick.id });
  const { block, versions } = pasteBlock({ ...page, cells: unpackCells(page.cells) }, todayIn(who!.time_zone));
  let round_ = 0;
  const paste = async (): Promise<number> => {
    round_ += 1;
    const input = {
      assignmentId: pick.id,
      source: 'paste',
      clientBatchId: `bench-http-${Date.now()}-${round_}`,
      cells: block.map((c, i) => ({
        ...c,
        text: PASTE_TEXTS[(i + round_) % PASTE_TEXTS.length]!,
        baseVersion: versions.get(`${c.lessonId}:${c.studentId}`) ?? 0,
      })),
    };
    const started = performance.now();
    const result = await teacher.mutate<SaveResult>('journal.save', input);
    const elapsed = performance.now() - started;
    if (result.status !== 'saved') throw new Error(`bench HTTP paste: ${result.status}`);
    for (const c of unpackCells(result.cells)) versions.set(`${c.lessonId}:${c.studentId}`, c.version);
    return elapsed;
  };
  const floor = () => teacher.query('me.get', undefined);
  const bare = await startNodeHttpFloor(databaseUrl, BENCH_SECRET, 3290);
  const get = keptAliveGet();
  const meUrl = `${bare.base}/api/trpc/me.get?input=${encodeURIComponent(JSON.stringify({ json: undefined }))}`;
  const nodeFloor = async () => {
    const res = await get(meUrl, { cookie: teacher.cookies() });
    if (res.status !== 200) throw new Error(`node:http me.get: ${res.status} ${res.body.toString()}`);
  };
  const load = () => teacher.query('journal.page', { assignmentId: pick.id });
  for (let i = 0; i < 5; i++) {
    await floor();
    await nodeFloor();
    await load();
    await paste();
  }
  const floorTimes: number[] = [];
  const nodeFloorTimes: number[] = [];
  const loadTimes: number[] = [];
  const saveTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    floorTimes.push(await time(floor));
    nodeFloorTimes.push(await time(nodeFloor));
    loadTimes.push(await time(load));
    saveTimes.push(await paste());
  }
  bare.stop();
  const httpFloorMs = round(median(floorTimes));
  const nodeHttpFloorMs = round(median(nodeFloorTimes));
  return {
    httpFloorMs,
    nodeHttpFloorMs,
    httpFloorRatio: round(httpFloorMs / nodeHttpFloorMs),
    journalPageHttpMs: round(median(loadTimes)),
    pasteSaveHttpMs: round(median(saveTimes)),
  };
}
