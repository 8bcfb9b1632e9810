/**
 * The process's job queue: pg-boss 10 (the last line for Node 20) over the application's own database, so that a job
 * is kept in the database, done once even with two app instances (pg-boss takes each job with SKIP LOCKED) and retried
 * when the process doing it dies (the job expires). On PostgreSQL pg-boss opens its own pool of two connections; on the
 * embedded PGlite it talks to the same in-process database through an adapter. pg-boss creates and migrates its
 * `pgboss` schema itself on start.
 */
import PgBoss from 'pg-boss';
import { beforeClose, type Database, type Db } from '../../db/client';

/** The queues of the application and their retry rules. */
export const QUEUES = {
  /** One group's «Распечатка классного журнала» of a college-wide report job (server/reports/college-printouts.ts). */
  printoutGroup: { name: 'report-printout-group', retryLimit: 2, retryDelay: 2, expireInSeconds: 180 },
  /** The tick that runs the scheduled checks of journal keeping that are due (server/services/control/scheduled-checks.ts). */
  scheduledChecks: { name: 'control-scheduled-checks', retryLimit: 0, retryDelay: 0, expireInSeconds: 900 },
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];

/** How often pg-boss's maintenance runs (expires, archives) — and stamps `pgboss.version.maintained_on`, in seconds. */
export const MAINTENANCE_SECONDS = 30;

const state = globalThis as typeof globalThis & {
  __ezhQueues?: WeakMap<Db, Promise<PgBoss>>;
  /** The queues started and not stopped (for the health check: `jobQueueRunning`). */
  __ezhQueuesRunning?: WeakSet<Db>;
};

function pgliteAdapter(database: Database) {
  const client = database.pglite!;
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values || values.length === 0) {
        // pg-boss's migrations are several statements with their own BEGIN/COMMIT: the simple protocol.
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      return client.query(text, values);
    },
  };
}

async function start(database: Database, schedule: boolean): Promise<PgBoss> {
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: pgliteAdapter(database), schedule, maintenanceIntervalSeconds: MAINTENANCE_SECONDS })
      : new PgBoss({
          connectionString: database.url,
          max: 2,
          schedule,
          maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
        });
  boss.on('error', (error) => console.error('[jobs]', error));
  await boss.start();
  state.__ezhQueuesRunning ??= new WeakSet();
  state.__ezhQueuesRunning.add(database.db);
  boss.on('stopped', () => state.__ezhQueuesRunning?.delete(database.db));
  for (const queue of Object.values(QUEUES)) {
    if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, { ...queue, policy: 'standard' });
  }
  if (database.kind === 'pglite') await retryOrphans(database);
  return boss;
}

/**
 * The embedded database belongs to one process (db/data-dir-lock.ts): a job still «active» when it opens was being
 * done by a process that died — it is given back to the queue at once instead of after its expiry.
 */
async function retryOrphans(database: Database): Promise<void> {
  await database.pglite!.query(
    `update pgboss.job set state = 'retry', start_after = now() where state = 'active' and name = any($1::text[])`,
    [Object.values(QUEUES).map((q) => q.name)],
  );
}

/**
 * The queue of this database (started, its queues created, on first use; stopped when the database closes). The first
 * call decides `schedule`: whether this process keeps pg-boss's clock for cron schedules (the server does; the tests
 * and scripts that only send jobs do not).
 */
export function jobQueue(database: Database, options: { schedule?: boolean } = {}): Promise<PgBoss> {
  state.__ezhQueues ??= new WeakMap();
  let boss = state.__ezhQueues.get(database.db);
  if (!boss) {
    boss = start(database, options.schedule ?? false).catch((error: unknown) => {
      state.__ezhQueues?.delete(database.db);
      throw error;
    });
    state.__ezhQueues.set(database.db, boss);
    beforeClose(database.db, () => stopJobQueue(database));
  }
  return boss;
}

/** Whether this process's queue of `database` is started and not stopped (its workers take jobs). */
export function jobQueueRunning(database: Database): boolean {
  return state.__ezhQueuesRunning?.has(database.db) ?? false;
}

/** Stops the queue of this database: its workers finish the job in hand (up to `timeoutMs`) and take no more. */
export async function stopJobQueue(database: Database, timeoutMs = 10_000): Promise<void> {
  const boss = state.__ezhQueues?.get(database.db);
  if (!boss) return;
  state.__ezhQueues?.delete(database.db);
  state.__ezhQueuesRunning?.delete(database.db);
  await (await boss).stop({ graceful: true, wait: true, timeout: timeoutMs });
}
