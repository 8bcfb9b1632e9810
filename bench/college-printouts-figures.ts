/**
 * «Все группы» (issue #12, item 5) on the college seed, as the background job does it in the production server:
 * - `collegePrintoutMs`: from the start of the job to its last group, `collegePrintoutPages` / `collegePrintoutGroups`
 *   what it printed;
 * - `callDuringRenderMs`: the median latency over HTTP of a small tRPC call (`me.get`, as the methodist) made every
 *   100 ms while the job renders — target under 200 ms — next to `callIdleMs`, the same call before the job.
 * The job is started from this process (the service the server action calls) and done by the server's workers.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client';
import { jobQueue } from '../server/jobs/queue';
import { loadActor } from '../server/policy/actor';
import { jobProgress, startCollegePrintouts } from '../server/reports/jobs';
import type { HttpSession } from './app-server';
import { median } from './server-figures';

export interface CollegePrintoutFigures {
  collegePrintoutMs: number;
  collegePrintoutPages: number;
  collegePrintoutGroups: number;
  collegePrintoutFailedGroups: number;
  callDuringRenderMs: number;
  callIdleMs: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureCollegePrintouts(
  database: Database,
  methodist: HttpSession,
  log: (line: string) => void,
): Promise<CollegePrintoutFigures> {
  const [m] = await queryRows<{ id: number }>(database.db, sql`select id from users where login = 'metodist'`);
  const actor = (await loadActor(database.db, m!.id))!;
  const [term] = await queryRows<{ id: number }>(
    database.db,
    sql`select id from terms where institution_id = ${actor.institutionId} and starts_on = '2026-09-01'`,
  );
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) idle.push(await time(() => methodist.query('me.get', undefined)));

  const started = performance.now();
  const job = await startCollegePrintouts(database.db, await jobQueue(database), actor, {
    termId: term!.id,
    lessonsPerPage: 40,
    newPage: true,
  });
  const during: number[] = [];
  let progress = await jobProgress(database.db, actor, job.jobId);
  let reported = 0;
  while (progress.status === 'running') {
    during.push(await time(() => methodist.query('me.get', undefined)));
    await pause(100);
    if (during.length % 20 === 0) {
      progress = await jobProgress(database.db, actor, job.jobId);
      if (progress.done + progress.failed >= reported + 10) {
        reported = progress.done + progress.failed;
        log(`  напечатано ${reported} из ${progress.total} групп`);
      }
    }
    if (performance.now() - started > 30 * 60_000) throw new Error('печать всех групп не закончилась за 30 минут');
  }
  const elapsed = performance.now() - started;
  return {
    collegePrintoutMs: Math.round(elapsed),
    collegePrintoutPages: progress.pages,
    collegePrintoutGroups: progress.total,
    collegePrintoutFailedGroups: progress.failed,
    callDuringRenderMs: round(median(during)),
    callIdleMs: round(median(idle)),
  };
}
