import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../db/client';
import { openTestDatabase } from '../test/database';
import { checkHealth, expectedMigrations } from './health';
import { jobQueue, MAINTENANCE_SECONDS, stopJobQueue } from './jobs/queue';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await stopJobQueue(database);
  await database.close();
});

const stampMaintenance = (secondsAgo: number) =>
  queryRows(database.db, sql`update pgboss.version set maintained_on = now() - make_interval(secs => ${secondsAgo})`);

describe('the health check (/api/health)', () => {
  it('says what is wrong: the database answers and is current, but no job queue runs in this process', async () => {
    const report = await checkHealth(database);
    expect(report.database.ok).toBe(true);
    expect(report.migrations).toEqual({
      ok: true,
      applied: expectedMigrations().length,
      expected: expectedMigrations().length,
    });
    expect(report.queue.running).toBe(false);
    expect(report.ok).toBe(false);
  });

  it('is healthy with the queue started, and its answer holds only the checks (no personal data)', async () => {
    await jobQueue(database);
    const report = await checkHealth(database);
    expect(report.ok).toBe(true);
    expect(Object.keys(report).sort()).toEqual(['database', 'migrations', 'ok', 'queue']);
    expect(Object.keys(report.database).sort()).toEqual(['ms', 'ok']);
    expect(Object.keys(report.queue).sort()).toEqual(['maintainedSecondsAgo', 'ok', 'running']);
  });

  it("judges pg-boss's maintenance: stale after three intervals; before the first one, a grace from the start", async () => {
    await stampMaintenance(10);
    expect((await checkHealth(database)).queue).toEqual({ ok: true, running: true, maintainedSecondsAgo: 10 });
    await stampMaintenance(3 * MAINTENANCE_SECONDS + 30);
    const stale = await checkHealth(database);
    expect(stale.queue.ok).toBe(false);
    expect(stale.ok).toBe(false);
    await queryRows(database.db, sql`update pgboss.version set maintained_on = null`);
    expect((await checkHealth(database, { startedAt: Date.now() - 10_000 })).queue.ok).toBe(true);
    expect((await checkHealth(database, { startedAt: Date.now() - 600_000 })).queue.ok).toBe(false);
    await stampMaintenance(0);
  });

  it('is not current when the database lacks a migration of this version, or has one this version does not know', async () => {
    const expected = expectedMigrations();
    const newer = await checkHealth(database, { expected: [...expected, expected.at(-1)! + 1000] });
    expect(newer.migrations).toEqual({ ok: false, applied: expected.length, expected: expected.length + 1 });
    expect(newer.ok).toBe(false);
    const older = await checkHealth(database, { expected: expected.slice(0, -1) });
    expect(older.migrations.ok).toBe(false);
    expect((await checkHealth(database)).ok).toBe(true);
  });

  it('answers «not ok» with the reason when the database is gone', async () => {
    const gone = await openTestDatabase();
    await gone.close();
    const report = await checkHealth(gone);
    expect(report.ok).toBe(false);
    expect(report.database.ok).toBe(false);
    expect(report.database.error).toBeTruthy();
    expect(report.migrations.applied).toBeNull();
  });
});
