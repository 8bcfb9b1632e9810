import { eq, sql } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { extractText } from 'unpdf';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { reportJobGroups, reportJobs, terms } from '../../db/schema';
import { useDemoDatabase } from '../../test/demo-database';
import { jobQueue, QUEUES, stopJobQueue } from '../jobs/queue';
import { Refusal } from '../policy/refusal';
import { jobFile, jobProgress, MAX_ATTEMPTS, recentJobs, renderJobGroup, startCollegePrintouts } from './jobs';
import type { DocumentRenderer } from './certify';
import type { JournalCopy } from './printout/load';
import { renderOffThread, stopRenderer } from './render/off-thread';

const demo = useDemoDatabase();
afterEach(async () => {
  // Each test registers its own workers.
  await (await jobQueue(demo.database)).offWork(QUEUES.printoutGroup.name);
});
afterAll(async () => {
  await stopJobQueue(demo.database);
  stopRenderer();
});

async function until<T>(probe: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function firstTerm() {
  const [term] = await demo.database.db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
  return term!;
}

const input = (termId: number, lessonsPerPage = 40) => ({ termId, lessonsPerPage, newPage: true });

describe('«Все группы»: the college’s printed journals as a background job', () => {
  it('renders every group once with two workers, off the request thread; progress and the ZIP', async () => {
    const db = demo.database.db;
    const { methodist } = demo.actors;
    const term = await firstTerm();
    const queue = await jobQueue(demo.database);
    const started = await startCollegePrintouts(db, queue, methodist, input(term.id));
    expect(started.joined).toBe(false);
    expect(started.groups).toBeGreaterThan(1);
    // A second request for the same set joins the running job.
    const again = await startCollegePrintouts(db, queue, methodist, input(term.id));
    expect(again).toEqual({ ...started, joined: true });

    const rendered: number[] = [];
    const render: DocumentRenderer = async (document) => {
      rendered.push((document.data as JournalCopy).group.id);
      return renderOffThread(document);
    };
    // Two workers on one queue, as two app instances would be: each group is taken by one of them.
    for (let i = 0; i < 2; i++) {
      await queue.work<{ jobId: number; groupId: number }>(
        QUEUES.printoutGroup.name,
        { batchSize: 1, pollingIntervalSeconds: 0.5 },
        async (jobs) => {
          for (const job of jobs) await renderJobGroup(db, job.data, render);
        },
      );
    }
    const done = await until(async () => {
      const job = await jobProgress(db, methodist, started.jobId);
      return job.status === 'done' && job;
    }, 120_000);
    expect(done.done).toBe(started.groups);
    expect(done.failed).toBe(0);
    expect(new Set(rendered).size).toBe(rendered.length);
    expect(rendered).toHaveLength(started.groups);
    expect(done.pages).toBeGreaterThan(started.groups);
    expect((await recentJobs(db, methodist))[0]!.id).toBe(started.jobId);

    const zip = await jobFile(db, methodist, started.jobId);
    expect(zip.format).toBe('zip');
    const files = unzipSync(new Uint8Array(zip.body));
    const names = Object.keys(files);
    expect(names).toHaveLength(started.groups);
    expect(names.every((n) => n.startsWith('Классный журнал ') && n.endsWith('.pdf'))).toBe(true);
    const { text } = await extractText(files[names[0]!], { mergePages: true });
    expect(text).toMatch(/пронумеровано и прошнуровано/i);
    const one = await jobFile(db, methodist, started.jobId, done.groups[0]!.groupId);
    expect(one.format).toBe('pdf');

    // The job is finished: the same set again is a new job.
    const next = await startCollegePrintouts(db, queue, methodist, input(term.id));
    expect(next.joined).toBe(false);
    expect(next.jobId).not.toBe(started.jobId);
  });

  it('a group that keeps failing is reported with the reason after three attempts; the others still finish', async () => {
    const db = demo.database.db;
    const { admin } = demo.actors;
    const term = await firstTerm();
    const queue = await jobQueue(demo.database);
    const job = await startCollegePrintouts(db, queue, admin, input(term.id, 20));
    const [victim] = await db
      .select({ groupId: reportJobGroups.groupId })
      .from(reportJobGroups)
      .where(eq(reportJobGroups.jobId, job.jobId))
      .orderBy(reportJobGroups.position)
      .limit(1);
    const render: DocumentRenderer = async (document) => {
      if ((document.data as JournalCopy).group.id === victim!.groupId) throw new Error('нет места на диске');
      return { pdf: Buffer.from('%PDF-1.4 test'), pages: 2 };
    };
    await queue.work<{ jobId: number; groupId: number }>(
      QUEUES.printoutGroup.name,
      { batchSize: 1, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        for (const j of jobs) if (j.data.jobId === job.jobId) await renderJobGroup(db, j.data, render);
      },
    );
    const done = await until(async () => {
      const p = await jobProgress(db, admin, job.jobId);
      return p.status === 'done' && p;
    }, 60_000);
    expect(done.failed).toBe(1);
    expect(done.done).toBe(job.groups - 1);
    const failed = done.groups.find((g) => g.status === 'failed')!;
    expect(failed.groupId).toBe(victim!.groupId);
    expect(failed.error).toBe('нет места на диске');
    const [row] = await db
      .select({ attempts: reportJobGroups.attempts })
      .from(reportJobGroups)
      .where(sql`${reportJobGroups.jobId} = ${job.jobId} and ${reportJobGroups.groupId} = ${victim!.groupId}`);
    expect(row!.attempts).toBe(MAX_ATTEMPTS);
    const files = unzipSync(new Uint8Array((await jobFile(db, admin, job.jobId)).body));
    expect(Object.keys(files)).toHaveLength(job.groups);
    expect(strFromU8(files['Не напечатано.txt']!)).toContain(`${failed.groupName}: нет места на диске`);
  });

  it('a group whose worker died mid-render is given back to the queue when its time runs out and finished once', async () => {
    const db = demo.database.db;
    const { methodist } = demo.actors;
    const term = await firstTerm();
    const queue = await jobQueue(demo.database);
    const job = await startCollegePrintouts(db, queue, methodist, input(term.id, 30));
    // A worker takes one group and dies: its attempt is counted, the queue job stays active, nothing is stored.
    const [taken] = await queue.fetch<{ jobId: number; groupId: number }>(QUEUES.printoutGroup.name);
    expect(taken!.data.jobId).toBe(job.jobId);
    await db
      .update(reportJobGroups)
      .set({ attempts: 1 })
      .where(
        sql`${reportJobGroups.jobId} = ${taken!.data.jobId} and ${reportJobGroups.groupId} = ${taken!.data.groupId}`,
      );
    await db.execute(sql`update pgboss.job set started_on = now() - interval '1 hour' where id = ${taken!.id}::uuid`);
    await queue.expire();
    const render: DocumentRenderer = async () => ({ pdf: Buffer.from('%PDF-1.4 test'), pages: 3 });
    const renderedGroups: number[] = [];
    await queue.work<{ jobId: number; groupId: number }>(
      QUEUES.printoutGroup.name,
      { batchSize: 1, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        for (const j of jobs) {
          if (j.data.jobId !== job.jobId) continue;
          renderedGroups.push(j.data.groupId);
          await renderJobGroup(db, j.data, render);
        }
      },
    );
    const done = await until(async () => {
      const p = await jobProgress(db, methodist, job.jobId);
      return p.status === 'done' && p;
    }, 60_000);
    expect(done.done).toBe(job.groups);
    expect(renderedGroups.filter((g) => g === taken!.data.groupId)).toHaveLength(1);
    const [row] = await db
      .select({ attempts: reportJobGroups.attempts })
      .from(reportJobGroups)
      .where(sql`${reportJobGroups.jobId} = ${job.jobId} and ${reportJobGroups.groupId} = ${taken!.data.groupId}`);
    expect(row!.attempts).toBe(2);
  });

  it('refuses roles without the right, another college’s term and job, a running job’s ZIP', async () => {
    const db = demo.database.db;
    const { methodist, curator, head, teacher } = demo.actors;
    const term = await firstTerm();
    const queue = await jobQueue(demo.database);
    for (const actor of [curator, head, teacher]) {
      await expect(startCollegePrintouts(db, queue, actor, input(term.id))).rejects.toMatchObject({ status: 403 });
    }
    await expect(startCollegePrintouts(db, queue, methodist, input(999_999))).rejects.toMatchObject({ status: 403 });
    const [other] = await queryRows<{ id: number }>(db, sql`select max(id) + 1 as id from ${reportJobs}`);
    await expect(jobProgress(db, methodist, Number(other!.id))).rejects.toBeInstanceOf(Refusal);
    const running = await startCollegePrintouts(db, queue, methodist, input(term.id, 25));
    await expect(jobFile(db, methodist, running.jobId)).rejects.toMatchObject({ status: 409 });
  });
});
