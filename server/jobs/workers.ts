/**
 * The workers of this process: each takes one queue job at a time (the renderer process draws one document at a
 * time anyway). Every app instance runs them; pg-boss hands each job to one of them.
 */
import type { Database, Db } from '../../db/client';
import type { DocumentRenderer } from '../reports/certify';
import { renderJobGroup } from '../reports/jobs';
import type { ReadRouter } from '../read-routing';
import { runDueChecks } from '../services/control/scheduled-checks';
import { jobQueue, QUEUES } from './queue';

const started = new WeakSet<object>();

export async function startJobWorkers(
  database: Database,
  options: { render?: DocumentRenderer; router?: ReadRouter } = {},
): Promise<void> {
  if (started.has(database.db)) return;
  started.add(database.db);
  const queue = await jobQueue(database, { schedule: true });
  await queue.work<{ jobId: number; groupId: number }>(
    QUEUES.printoutGroup.name,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    async (jobs) => {
      for (const job of jobs) await renderJobGroup(database.db, job.data, options.render, reader(options.router));
    },
  );
  // Every 15 minutes (pg-boss's clock, one tick for all instances): the scheduled checks that are due run.
  await queue.work(QUEUES.scheduledChecks.name, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
    for (const run of await runDueChecks(database.db)) console.info('[scheduled-check]', run.id, run.result);
  });
  await queue.schedule(QUEUES.scheduledChecks.name, SCHEDULED_CHECKS_CRON);
}

/** When the tick of the scheduled checks comes: every 15 minutes (a due check runs within 15 minutes of 07:00). */
export const SCHEDULED_CHECKS_CRON = '*/15 * * * *';

/**
 * Where a job's documents are read: a replica that has replayed the job's WAL position — everything its author wrote
 * before asking for it (server/read-routing.ts); the primary without a router.
 */
function reader(router: ReadRouter | undefined): ((walPosition: string | null) => Promise<Db>) | undefined {
  if (!router) return undefined;
  return (walPosition) => router.dbFor('replica', walPosition);
}
