/**
 * `GET /api/health` (issue #29, item 5): whether this instance can serve, for a college's monitoring (Zabbix, a
 * balancer's check, `curl -f`). Three checks, each with its own verdict:
 * - `database`: a `select 1` answers within 5 s (`ms`: how long it took);
 * - `migrations`: every migration of this version (db/migrations/meta/_journal.json) is applied, and no newer one —
 *   `applied` / `expected` counts; a database of a newer version (a rollback of the app) is not current either;
 * - `queue`: this process's job queue is started (its workers take jobs) and pg-boss's maintenance, which some instance
 *   runs every 30 s, ran within 3 intervals (`maintainedSecondsAgo`; null before the first, then a grace of the same
 *   length from this process's start).
 * `ok` is all three; the route answers 200 or 503. Anonymous on purpose: it holds no personal data, only these fields.
 */
import { sql } from 'drizzle-orm';
import { migrationJournal, queryRows, type Database } from '../db/client';
import { jobQueueRunning, MAINTENANCE_SECONDS } from './jobs/queue';

export interface HealthReport {
  ok: boolean;
  database: { ok: boolean; ms: number | null; error?: string };
  migrations: { ok: boolean; applied: number | null; expected: number };
  queue: { ok: boolean; running: boolean; maintainedSecondsAgo: number | null };
}

const DATABASE_TIMEOUT_MS = 5_000;
const processStartedAt = Date.now();

/** The migrations this version ships: the `when` of each, in order. */
export const expectedMigrations = () => migrationJournal().map((e) => e.when);

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`нет ответа за ${ms / 1000} с`)), ms).unref()),
  ]);
}

export async function checkHealth(
  database: Database,
  options: { now?: number; expected?: number[]; startedAt?: number } = {},
): Promise<HealthReport> {
  const now = options.now ?? Date.now();
  const expected = options.expected ?? expectedMigrations();
  const started = performance.now();
  let report: HealthReport['database'];
  try {
    await withTimeout(queryRows(database.db, sql`select 1`), DATABASE_TIMEOUT_MS);
    report = { ok: true, ms: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    report = { ok: false, ms: null, error: error instanceof Error ? error.message : String(error) };
  }
  const unknown = { ok: false, applied: null, expected: expected.length };
  if (!report.ok)
    return {
      ok: false,
      database: report,
      migrations: unknown,
      queue: { ok: false, running: false, maintainedSecondsAgo: null },
    };

  const [applied] = await queryRows<{ n: number; last: string | null }>(
    database.db,
    sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`,
  ).catch(() => [undefined]);
  const migrations = applied
    ? {
        ok: Number(applied.n) === expected.length && Number(applied.last) === expected.at(-1),
        applied: Number(applied.n),
        expected: expected.length,
      }
    : unknown;

  const [version] = await queryRows<{ at: string | null }>(
    database.db,
    sql`select extract(epoch from maintained_on)::text as at from pgboss.version`,
  ).catch(() => [undefined]);
  const running = jobQueueRunning(database);
  const maintainedSecondsAgo = version?.at ? Math.max(0, Math.round(now / 1000 - Number(version.at))) : null;
  const window = 3 * MAINTENANCE_SECONDS;
  const fresh =
    maintainedSecondsAgo === null
      ? now - (options.startedAt ?? processStartedAt) < window * 1000
      : maintainedSecondsAgo <= window;
  const queue = { ok: running && fresh, running, maintainedSecondsAgo };
  return { ok: migrations.ok && queue.ok, database: report, migrations, queue };
}
