/**
 * Issue #9.9: «today» is the college's day, not the server's. The same cases run with the server process in three
 * zones (UTC, Etc/GMT+12 — UTC−12 — and Asia/Vladivostok); the answers depend only on the college's zone.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../../db/client';
import { institutions } from '../../../db/schema';
import { todayIn } from '../../../domain/dates';
import { actorByLogin } from '../../../test/actors';
import { openTestDatabase } from '../../../test/database';
import { demoJournalId } from '../../../test/journal-fixtures';
import { createCallerFactory } from '../../trpc/init';
import { appRouter } from '../../routers';
import { createLesson } from '../journal/lessons';

const SERVER_ZONES = ['UTC', 'Etc/GMT+12', 'Asia/Vladivostok'];
const processZone = process.env.TZ;
/** 00:30 on 1 December in Vladivostok (UTC+10) — still 30 November in UTC, Moscow and UTC−12. */
const VLADIVOSTOK_EARLY = new Date('2026-11-30T14:30:00Z');

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  process.env.TZ = processZone;
  await database?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each(SERVER_ZONES)('server process in %s', (serverZone) => {
  beforeAll(() => {
    process.env.TZ = serverZone;
  });

  it('computes the college’s day from its own zone', () => {
    expect(todayIn('Asia/Vladivostok', VLADIVOSTOK_EARLY)).toBe('2026-12-01');
    expect(todayIn('Europe/Moscow', VLADIVOSTOK_EARLY)).toBe('2026-11-30');
    expect(todayIn('Asia/Vladivostok', new Date('2026-11-30T13:59:59Z'))).toBe('2026-11-30');
    expect(todayIn('Europe/Kaliningrad', new Date('2026-12-31T22:30:00Z'))).toBe('2027-01-01');
  });

  it('a college in Vladivostok marks its first lesson of the day at 00:30 local time, not «future»', async () => {
    const db = database.db;
    const teacher = await actorByLogin(db, 'prepod');
    await db
      .update(institutions)
      .set({ timeZone: 'Asia/Vladivostok' })
      .where(eq(institutions.id, teacher.institutionId!));
    try {
      const actor = await actorByLogin(db, 'prepod');
      expect(actor.timeZone).toBe('Asia/Vladivostok');
      const journalId = await demoJournalId(db, actor);
      const lesson = await createLesson(db, actor, {
        assignmentId: journalId,
        date: '2026-12-01',
        // Pairs 6–8: the published week holds the day’s earlier pairs (issue #29, item 1).
        pairNo: 6 + SERVER_ZONES.indexOf(serverZone),
        hours: 2,
        kind: 'lecture',
        topic: `Первая пара (${serverZone})`,
        homework: null,
      });
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(VLADIVOSTOK_EARLY);
      const caller = createCallerFactory(appRouter)({ db, actor });
      const page = await caller.journal.page({ assignmentId: journalId });
      expect(page.today).toBe('2026-12-01');
      expect(page.timeZone).toBe('Asia/Vladivostok');
      const student = page.students.find((s) =>
        s.spans.some((sp) => sp.from <= '2026-12-01' && (sp.to === null || sp.to >= '2026-12-01')),
      )!;
      const result = await caller.journal.save({
        assignmentId: journalId,
        source: 'typing',
        clientBatchId: `tz-${serverZone}-${lesson.id}`,
        cells: [{ lessonId: lesson.id, studentId: student.id, text: 'н', baseVersion: 0 }],
        attestation: [],
      });
      expect(result.status).toBe('saved');
    } finally {
      await db
        .update(institutions)
        .set({ timeZone: 'Europe/Moscow' })
        .where(eq(institutions.id, teacher.institutionId!));
    }
  });

  it('in Moscow at the same moment the lesson of 1 December is still ahead', async () => {
    const db = database.db;
    const actor = await actorByLogin(db, 'prepod');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(VLADIVOSTOK_EARLY);
    const caller = createCallerFactory(appRouter)({ db, actor });
    const page = await caller.journal.page({ assignmentId: await demoJournalId(db, actor) });
    expect(page.today).toBe('2026-11-30');
  });
});

describe('the college’s time zone is set by its administrator and by the regional administrator', () => {
  it('refuses an unknown zone by name, saves a known one, and logs it', async () => {
    const db = database.db;
    const admin = await actorByLogin(db, 'admin');
    const caller = createCallerFactory(appRouter)({ db, actor: admin });
    await expect(caller.structure.setTimeZone({ timeZone: 'Mars/Olympus' })).rejects.toThrow(
      /Часовой пояс: неизвестный пояс/,
    );
    await caller.structure.setTimeZone({ timeZone: 'asia/YEKATERINBURG' });
    expect((await actorByLogin(db, 'prepod')).timeZone).toBe('Asia/Yekaterinburg'); // stored by its canonical name
    const region = await actorByLogin(db, 'region');
    const regional = createCallerFactory(appRouter)({ db, actor: region });
    await regional.institutions.setTimeZone({ institutionId: admin.institutionId!, timeZone: 'Europe/Moscow' });
    const listed = await regional.institutions.list();
    expect(listed.find((i) => i.id === admin.institutionId)?.timeZone).toBe('Europe/Moscow');
  });
});
