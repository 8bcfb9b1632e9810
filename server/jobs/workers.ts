/**
 * The workers of this process: each takes one queue job at a time (the renderer process draws one document at a
 * time anyway). Every app instance runs them; pg-boss hands each job to one of them.
 */
import type { Database } from '../../db/client';
import type { DocumentRenderer } from '../reports/certify';
import { renderJobGroup } from '../reports/jobs';
import { runDueChecks } from '../services/control/scheduled-checks';
import { jobQueue, QUEUES } from './queue';

const started = new WeakSet<object>();

export async function startJobWorkers(database: Database, options: { render?: DocumentRenderer } = {}): Promise<void> {
  if (started.has(database.db)) return;
  started.add(database.db);
  const queue = await jobQueue(database, { schedule: true });
  await queue.work<{ jobId: number; groupId: number }>(
    QUEUES.printoutGroup.name,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    async (jobs) => {
      for (const job of jobs) await renderJobGroup(database.db, job.data, options.render);
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
