import { eq, sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { academicYears, certifiedCopies } from '../../db/schema';
import { useDemoDatabase } from '../../test/demo-database';
import { jobQueue, QUEUES, stopJobQueue } from '../jobs/queue';
import { closeYear } from '../services/college/years';
import { verifyCopy, type DocumentRenderer } from './certify';
import { jobFile, jobProgress, renderJobGroup } from './jobs';
import { renderDocument } from './render/documents';
import { archiveGroup } from './year-archive';

const demo = useDemoDatabase();
afterAll(async () => {
  await stopJobQueue(demo.database);
});

describe('the year’s archive (regulation §6.1: archived at the end of the year)', () => {
  it('closing a year stores every group’s certified journal of each term and the year’s sheet, once', async () => {
    const db = demo.database.db;
    const { admin } = demo.actors;
    const [year] = await db.select().from(academicYears).where(eq(academicYears.name, '2026/2027'));
    const closed = await closeYear(db, admin, { yearId: year!.id, reason: 'Приказ № 77 от 30.06.2027' });
    expect(closed.archiveGroups).toBeGreaterThan(1);

    // Drawn here rather than in the renderer process, counted: every document once.
    let drawn = 0;
    const render: DocumentRenderer = async (document, stamp) => {
      drawn++;
      return renderDocument(document, stamp);
    };
    const queue = await jobQueue(demo.database);
    await queue.work<{ jobId: number; groupId: number }>(
      QUEUES.printoutGroup.name,
      { batchSize: 1, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        for (const job of jobs) await renderJobGroup(db, job.data, render);
      },
    );
    const done = await (async () => {
      for (const end = Date.now() + 240_000; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) {
        const p = await jobProgress(db, admin, closed.archiveJobId);
        if (p.status === 'done') return p;
      }
      throw new Error('timed out');
    })();
    expect(done.failed).toBe(0);
    expect(done.title).toBe('Архив учебного года 2026/2027: заверенные копии всех групп');

    const expected = await queryRows<{ group_id: number; terms: number }>(
      db,
      sql`select ta.group_id, count(distinct ta.term_id)::int as terms from teaching_assignments ta
          join terms t on t.institution_id = ta.institution_id and t.id = ta.term_id
          where t.academic_year_id = ${year!.id} group by ta.group_id`,
    );
    const copies = await db.select().from(certifiedCopies).where(eq(certifiedCopies.archiveYearId, year!.id));
    const journals = expected.reduce((n, g) => n + g.terms, 0);
    expect(copies.filter((c) => c.kind === 'journal')).toHaveLength(journals);
    expect(copies.filter((c) => c.kind === 'consolidated')).toHaveLength(expected.length);
    expect(drawn).toBe(journals + expected.length);
    expect(copies.every((c) => c.certifiedBy === admin.userId && c.fingerprint.length === 64 && c.pages > 0)).toBe(
      true,
    );
    expect(done.pages).toBe(copies.reduce((n, c) => n + c.pages, 0));

    // A group resumed after a crash gets no second copy.
    expect(await archiveGroup(db, admin, { yearId: year!.id }, expected[0]!.group_id, render)).toBeGreaterThan(0);
    expect(drawn).toBe(journals + expected.length);

    const verified = await verifyCopy(db, null, copies[0]!.code);
    expect(verified!.matches).toBe(true);
    const zip = unzipSync(new Uint8Array((await jobFile(db, admin, closed.archiveJobId)).body));
    expect(Object.keys(zip)).toHaveLength(copies.length);
    expect(Object.keys(zip).every((n) => n.endsWith(`.pdf`))).toBe(true);
    // Renders every group's copies of the year: minutes on a busy 2-core machine, not the default minute.
  }, 240_000);
});
