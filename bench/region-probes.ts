/**
 * What bench:region (./region.ts) watches and checks around its load runs: the replicas' lag, a write probe, a reading
 * parent, the etcd leader, a printout job through a fault and its check against the database, and the CPU of every
 * part of the machine (/proc).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client';
import { jobQueue } from '../server/jobs/queue';
import { loadActor } from '../server/policy/actor';
import { jobProgress, startCollegePrintouts } from '../server/reports/jobs';
import type { RegionConfig } from '../scripts/region/config';
import { NODES, queryOnce } from '../scripts/region/region';
import type { HttpSession } from './app-server';
import { percentile, sleep } from './editors';

const round = (x: number) => Math.round(x * 100) / 100;

/** The cluster's URL of `database` (write or read port), from region.json's. */
export const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

interface LagSample {
  /** Client connections open on the primary (the app's pools, pg-boss, this bench). */
  connections: number;
  asyncMs: number;
  syncMs: number;
  asyncBytes: number;
}

/** Samples the primary's pg_stat_replication every 500 ms until stopped (through the write port). */
export function sampleLag(writeUrl: string) {
  const samples: LagSample[] = [];
  let running = true;
  const done = (async () => {
    const db = postgres(withDatabase(writeUrl, 'postgres'), { max: 1, onnotice: () => {} });
    try {
      while (running) {
        const rows = await db<{ sync_state: string; ms: number | null; bytes: string | null; connections: number }[]>`
          select sync_state, extract(epoch from replay_lag) * 1000 as ms,
            pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::text as bytes,
            (select count(*) from pg_stat_activity where backend_type = 'client backend')::int as connections
          from pg_stat_replication`.catch(() => []);
        const of = (state: string) => rows.find((r) => r.sync_state === state);
        const a = of('async');
        const s = of('sync');
        if (a || s)
          samples.push({
            connections: rows[0]!.connections,
            asyncMs: Number(a?.ms ?? 0),
            syncMs: Number(s?.ms ?? 0),
            asyncBytes: Number(a?.bytes ?? 0),
          });
        await sleep(500);
      }
    } finally {
      await db.end({ timeout: 1 });
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      const lag = (xs: number[]) => ({ p95: percentile(xs, 95), max: xs.length ? Math.max(...xs) : null });
      const a = lag(samples.map((s) => s.asyncMs));
      return {
        regionReplicaLagMs: a.p95,
        regionReplicaLagMaxMs: a.max === null ? null : round(a.max),
        regionReplicaLagMaxBytes: lag(samples.map((s) => s.asyncBytes)).max,
        regionSyncLagMs: lag(samples.map((s) => s.syncMs)).p95,
        regionLagSamples: samples.length,
        regionPrimaryConnectionsMax: lag(samples.map((s) => s.connections)).max,
      };
    },
  };
}

/** Writes through the write port every 200 ms on a fresh connection; the confirmed ids and when each succeeded. */
export function probeWrites(writeUrl: string) {
  const admin = withDatabase(writeUrl, 'postgres');
  const confirmed: { id: number; at: number }[] = [];
  let running = true;
  const done = (async () => {
    await queryOnce(admin, 'create table if not exists bench_region_probe (id bigserial primary key, at timestamptz)');
    while (running) {
      try {
        const [row] = await queryOnce<{ id: string }>(
          admin,
          'insert into bench_region_probe (at) values (now()) returning id',
        );
        confirmed.push({ id: Number(row!.id), at: Date.now() });
      } catch {
        /* no primary at the moment */
      }
      await sleep(200);
    }
  })();
  return {
    async stop(killedAt: number | null) {
      running = false;
      await done;
      const after = killedAt === null ? undefined : confirmed.find((c) => c.at > killedAt);
      const ids = confirmed.map((c) => c.id);
      const [present] = await queryOnce<{ n: string }>(
        admin,
        `select count(*)::text as n from bench_region_probe where id = any('{${ids.join(',')}}'::bigint[])`,
      );
      return {
        writeGapMs: after && killedAt !== null ? after.at - killedAt : null,
        probeWrites: ids.length,
        probeLost: ids.length - Number(present?.n ?? 0),
      };
    },
  };
}

/** A parent reading /family every 500 ms through the balancer: how many reads failed. */
export function readAlong(parent: HttpSession) {
  let running = true;
  let reads = 0;
  let errors = 0;
  const done = (async () => {
    while (running) {
      reads += 1;
      await parent.download('/family').catch(() => (errors += 1));
      await sleep(500);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { reads, errors };
    },
  };
}

/** The etcd member that leads now (v3 maintenance status over the JSON gateway), or etcd1 when none says. */
export async function etcdLeader(c: RegionConfig): Promise<string> {
  for (const [i, port] of c.etcdPorts.entries()) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v3/maintenance/status`, {
        method: 'POST',
        body: '{}',
        signal: AbortSignal.timeout(2000),
      });
      const status = (await res.json()) as { header?: { member_id?: string }; leader?: string };
      if (status.leader && status.header?.member_id === status.leader) return `etcd${i + 1}`;
    } catch {
      /* the next */
    }
  }
  return 'etcd1';
}

/** A college printout job of the demo college started from this process; its id and the actor who asked. */
export async function startPrintoutJob(database: Database) {
  const [m] = await queryRows<{ id: number }>(database.db, sql`select id from users where login = 'metodist'`);
  const actor = (await loadActor(database.db, m!.id))!;
  const [term] = await queryRows<{ id: number }>(
    database.db,
    sql`select id from terms where institution_id = ${actor.institutionId} and starts_on = '2026-09-01'`,
  );
  const job = await startCollegePrintouts(database.db, await jobQueue(database), actor, {
    termId: term!.id,
    lessonsPerPage: 40,
    newPage: true,
  });
  return { jobId: job.jobId, actor, startedAt: Date.now() };
}

/** Waits for the job to finish (≤ 20 min) and checks it against the database: every group once, none lost. */
export async function checkPrintoutJob(database: Database, job: Awaited<ReturnType<typeof startPrintoutJob>>) {
  const deadline = Date.now() + 20 * 60_000;
  let progress = await jobProgress(database.db, job.actor, job.jobId);
  while (progress.status === 'running' && Date.now() < deadline) {
    await sleep(2000);
    progress = await jobProgress(database.db, job.actor, job.jobId).catch(() => progress);
  }
  const [groups] = await queryRows<{ total: number; done: number; failed: number; retried: number; pdfs: number }>(
    database.db,
    sql`select count(*)::int as total, count(*) filter (where status = 'done')::int as done,
          count(*) filter (where status = 'failed')::int as failed,
          count(*) filter (where attempts > 1)::int as retried, count(pdf)::int as pdfs
        from report_job_groups where job_id = ${job.jobId}`,
  );
  const [queue] = await queryRows<{ twice: number; completed: number }>(
    database.db,
    sql`select count(*) filter (where n > 1)::int as twice, coalesce(sum(n), 0)::int as completed from (
          select data->>'groupId' as g, count(*) as n from (
            select data, state from pgboss.job where name = 'report-printout-group'
            union all select data, state from pgboss.archive where name = 'report-printout-group') q
          where state = 'completed' and (data->>'jobId')::int = ${job.jobId} group by 1) per_group`,
  );
  return {
    JobStatus: progress.status === 'running' ? 0 : 1,
    JobMs: Date.now() - job.startedAt,
    JobGroups: groups!.total,
    JobGroupsDone: groups!.done,
    JobGroupsFailed: groups!.failed,
    JobGroupsRetried: groups!.retried,
    JobPdfs: groups!.pdfs,
    JobQueueCompleted: queue!.completed,
    JobGroupsCompletedTwice: queue!.twice,
  };
}

/**
 * CPU seconds (user + system) of every process of the machine by what it is, from /proc (Linux): the app's instances,
 * each node's PostgreSQL (its postmaster and every backend, the children of the postmaster) under the node's role,
 * Patroni, etcd, HAProxy, this bench (the editors' HTTP clients), everything else.
 */
export function cpuByPart(c: RegionConfig, roles: Map<string, string>): Record<string, number> {
  const tick = 100; // USER_HZ on Linux
  const procs = new Map<number, { ppid: number; cmd: string; seconds: number }>();
  for (const d of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(d), { ppid: Number(f[1]), cmd, seconds: (Number(f[11]) + Number(f[12])) / tick });
    } catch {
      /* the process ended */
    }
  }
  const nodeOf = new Map<number, string>();
  for (const [pid, p] of procs) {
    const node = NODES.find((n) => p.cmd.includes(path.join(c.dir, n, 'data')) && !/patroni/.test(p.cmd));
    if (node) nodeOf.set(pid, node);
  }
  const parts: Record<string, number> = {};
  for (const [pid, p] of procs) {
    const node = nodeOf.get(pid) ?? nodeOf.get(p.ppid);
    const part =
      pid === process.pid
        ? 'bench'
        : node
          ? `postgres ${roles.get(node) ?? node}`
          : /next-server|next start|next\/dist/.test(p.cmd)
            ? 'app'
            : /patroni/.test(p.cmd)
              ? 'patroni'
              : /\/etcd /.test(p.cmd)
                ? 'etcd'
                : /haproxy/.test(p.cmd)
                  ? 'haproxy'
                  : 'other';
    parts[part] = (parts[part] ?? 0) + p.seconds;
  }
  return parts;
}

/** The CPU seconds spent by each part between two `cpuByPart` snapshots, with their share of the machine's. */
export function cpuSpent(before: Record<string, number>, after: Record<string, number>, wallSeconds: number) {
  const spent = Object.fromEntries(
    Object.keys(after).map((k) => [k, Math.round(((after[k] ?? 0) - (before[k] ?? 0)) * 10) / 10]),
  );
  const total = Object.values(spent).reduce((a, b) => a + b, 0);
  return {
    regionLoadCpuSeconds: spent,
    regionLoadCpuBusyPercent: Math.round((total / (wallSeconds * os.cpus().length)) * 100),
  };
}
