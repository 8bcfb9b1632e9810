/**
 * The workers of this process: each takes one queue job at a time (the renderer process draws one document at a
 * time anyway). Every app instance runs them; pg-boss hands each job to one of them.
 */
import type { Database } from '../../db/client';
import type { DocumentRenderer } from '../reports/certify';
import { renderJobGroup } from '../reports/jobs';
import { jobQueue, QUEUES } from './queue';

const started = new WeakSet<object>();

export async function startJobWorkers(database: Database, options: { render?: DocumentRenderer } = {}): Promise<void> {
  if (started.has(database.db)) return;
  started.add(database.db);
  const queue = await jobQueue(database);
  await queue.work<{ jobId: number; groupId: number }>(
    QUEUES.printoutGroup.name,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    async (jobs) => {
      for (const job of jobs) await renderJobGroup(database.db, job.data, options.render);
    },
  );
}
