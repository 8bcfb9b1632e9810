import { afterAll, describe, expect, it } from 'vitest';
import { useDemoDatabase } from '../../test/demo-database';
import { jobQueue, stopJobQueue } from '../jobs/queue';
import { recentJobs } from '../reports/jobs';
import { stopRenderer } from '../reports/render/off-thread';
import { verifyCopy } from '../reports/certify';
import { noticeBoard } from '../services/control/notices';
import { remarksList } from '../services/control/remarks';
import { liveDemoStory } from './story';

const demo = useDemoDatabase();
afterAll(async () => {
  await stopJobQueue(demo.database);
  stopRenderer();
});

describe('the living demo’s day (issue #29, item 1)', () => {
  it('leaves remarks for the demo teacher, posts on the board, a certified copy that verifies and a print job', async () => {
    const db = demo.database.db;
    const { teacher, curator } = demo.actors;
    const queue = await jobQueue(demo.database);
    const lines = await liveDemoStory(db, queue);
    expect(lines).toHaveLength(4);

    const remarks = await remarksList(db, teacher, { state: 'open' }, 'teacher');
    expect(remarks.length).toBe(2);
    expect(remarks.every((r) => r.ruleLabel && r.href.startsWith('/journals/'))).toBe(true);

    for (const reader of [teacher, curator]) {
      const board = await noticeBoard(db, reader);
      expect(board.map((n) => n.title)).toContain('Заполнение журнала к концу семестра');
    }
    expect((await noticeBoard(db, teacher)).some((n) => n.title.startsWith('Итоги проверки журналов'))).toBe(true);

    const code = /код (\S+)$/.exec(lines[2]!)![1]!;
    const verified = await verifyCopy(db, null, code);
    expect(verified).toMatchObject({ code, kind: 'journal' });
    expect(verified!.title).toContain('ИС-21');

    // The printed journals of every group are asked for: the workers draw them (server/reports/jobs.test.ts).
    const [job] = await recentJobs(db, demo.actors.methodist);
    expect(job).toMatchObject({ kind: 'college-printouts', status: 'running', total: 6 });
  }, 120_000);
});
