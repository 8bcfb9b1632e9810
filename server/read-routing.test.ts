/**
 * Reads that tolerate lag go to a replica, a user who just saved reads the own write, a replica that is down is
 * skipped (issue #27, item 2) — on a real primary and streaming standby (test/streaming-pair.ts): the region's smoke
 * test in CI. On the PostgreSQL run only (the PGlite run proves the app without a server).
 */
import { sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as trpcGet, POST as trpcPost } from '@/app/api/trpc/[trpc]/route';
import { openDatabase, queryRows, type Database, type Db } from '../db/client';
import { seedDatabase } from '../db/seed';
import { demoActors } from '../test/actors';
import { demoJournalId } from '../test/journal-fixtures';
import { canStartPair, startStreamingPair, type StreamingPair } from '../test/streaming-pair';
import { startSession } from './auth/sessions';
import { authSecret } from './auth/options';
import { todayOf, type Actor } from './policy/actor';
import { ReadRouter, WAL_COOKIE } from './read-routing';
import { appRouter } from './routers';
import { createCallerFactory } from './trpc/init';

const createCaller = createCallerFactory(appRouter);
import { loadJournalPage } from './services/journal/page';

const onServer = Boolean(process.env.TEST_DATABASE_URL) && canStartPair();

describe.skipIf(!onServer)('read routing on a primary and a streaming standby', () => {
  let pair: StreamingPair;
  let primary: Database;
  let replica: Database;
  let actors: Awaited<ReturnType<typeof demoActors>>;
  const log: string[] = [];
  let router: ReadRouter;

  beforeAll(async () => {
    pair = await startStreamingPair();
    primary = await openDatabase({ url: pair.primaryUrl, migrate: true, max: 4 });
    await seedDatabase(primary.db, { scale: 'demo' });
    replica = await openDatabase({ url: pair.replicaUrl, max: 4, connectTimeoutSeconds: 2 });
    actors = await demoActors(primary.db);
    router = new ReadRouter(primary.db, replica.db, (line) => log.push(line));
    // The app's route handlers read the process's database and router (server/db.ts): this pair.
    const g = globalThis as { __ezhDatabase?: Promise<Database>; __ezhReadRouter?: Promise<ReadRouter> };
    g.__ezhDatabase = Promise.resolve(primary);
    g.__ezhReadRouter = Promise.resolve(router);
    process.env.NEXTAUTH_URL = 'http://localhost:3000';
  }, 180_000);

  afterAll(async () => {
    await replica?.close();
    await primary?.close();
    pair?.stop();
  });

  const inRecovery = async (db: Db) =>
    (await queryRows<{ r: boolean }>(db, sql`select pg_is_in_recovery() as r`))[0]!.r;
  const until = async (probe: () => Promise<boolean>, ms = 20_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
      if (await probe()) return;
    throw new Error('не дождались');
  };

  async function cookieOf(actor: Actor): Promise<string> {
    const sid = await startSession(primary.db, actor, null);
    const token = await encode({ token: { uid: actor.userId, sid }, secret: authSecret() });
    return `next-auth.session-token=${token}`;
  }

  it('sends lag-tolerant reads to the replica and the rest to the primary', async () => {
    expect(await inRecovery(await router.dbFor('replica', null))).toBe(true);
    expect(await inRecovery(await router.dbFor('primary', null))).toBe(false);
    expect(await inRecovery(await router.dbFor('replica', 'not a position'))).toBe(true);
  });

  it('a user who just saved reads the own write; others read the replica, which may lag', async () => {
    const teacher = actors.teacher;
    const parent = actors.parent;
    const assignmentId = await demoJournalId(primary.db, teacher);
    const page = (await loadJournalPage(primary.db, teacher, assignmentId, todayOf(teacher)))!;
    const children = new Set(parent.childStudentIds.map((c) => c.studentId));
    // The child's latest lesson in the journal (the family's recent marks list it first).
    const dateOf = new Map(page.lessons.map((l) => [l.id, l.date]));
    const cell = page.cells
      .filter((c) => children.has(c.studentId) && c.grade1 !== '2' && c.attendance === null)
      .sort((a, b) => dateOf.get(b.lessonId)!.localeCompare(dateOf.get(a.lessonId)!))[0]!;
    expect(cell).toBeDefined();
    const cookie = await cookieOf(teacher);

    // The replica stops replaying (as a lagging one does); the teacher saves through the HTTP route.
    await queryRows(replica.db, sql`select pg_wal_replay_pause()`);
    const save = await trpcPost(
      new NextRequest('http://localhost:3000/api/trpc/journal.save', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          json: {
            assignmentId,
            source: 'typing',
            clientBatchId: `routing-${Date.now()}`,
            cells: [{ lessonId: cell.lessonId, studentId: cell.studentId, text: '2', baseVersion: cell.version }],
          },
        }),
      }),
    );
    expect(save.status).toBe(200);
    const setCookie = save.headers.get('set-cookie') ?? '';
    const position = new RegExp(`${WAL_COOKIE}=([0-9A-F]+/[0-9A-F]+)`, 'i').exec(setCookie)?.[1];
    expect(position, setCookie).toBeDefined();
    expect(setCookie).toContain('HttpOnly');

    // A lag-tolerant read with that position goes to the primary and sees the mark; without it, the replica's past.
    expect(await inRecovery(await router.dbFor('replica', position!))).toBe(false);
    const parentCookie = await cookieOf(parent);
    const marks = async (wal: string | null) => {
      const res = await trpcGet(
        new NextRequest(
          `http://localhost:3000/api/trpc/family.recentMarks?input=${encodeURIComponent(
            JSON.stringify({ json: { studentId: cell.studentId, limit: 100 } }),
          )}`,
          { headers: { cookie: wal ? `${parentCookie}; ${WAL_COOKIE}=${wal}` : parentCookie } },
        ),
      );
      expect(res.status).toBe(200);
      return (await res.json()) as { result: { data: { json: { lessonId?: number; grades?: string[] }[] } } };
    };
    const cellIn = async (db: Db) =>
      (
        await queryRows<{ grade1: string | null }>(
          db,
          sql`select grade1 from journal_cells where lesson_id = ${cell.lessonId} and student_id = ${cell.studentId}`,
        )
      )[0]?.grade1;
    expect(await cellIn(primary.db)).toBe('2');
    expect(await cellIn(replica.db)).not.toBe('2');
    const lagging = JSON.stringify(await marks(null));
    const own = JSON.stringify(await marks(position!));
    expect(own).not.toEqual(lagging);

    // Replay resumes: the replica catches up and serves the teacher's reads again.
    await queryRows(replica.db, sql`select pg_wal_replay_resume()`);
    await until(async () => inRecovery(await router.dbFor('replica', position!)));
  });

  it('the lag-tolerant procedures run on a read-only replica (none of them writes there)', async () => {
    const onReplica = new ReadRouter(replica.db, replica.db, () => {});
    const caller = (actor: Actor) =>
      createCaller({ db: primary.db, actor, routing: { router: onReplica, walToken: null, wrote: null } });
    const child = actors.parent.childStudentIds[0]!.studentId;
    const { methodist, parent, student, admin, curator } = actors;
    const groupId = curator.grants.find((g) => g.role === 'curator')!.groupId!;
    const [term] = await queryRows<{ id: number }>(primary.db, sql`select id from terms order by starts_on limit 1`);
    const calls: [string, () => Promise<unknown>][] = [
      ['control.monitoring', () => caller(methodist).control.monitoring({})],
      ['control.activity', () => caller(admin).control.activity({})],
      ['family.students', () => caller(parent).family.students()],
      ['family.portal', () => caller(parent).family.portal({ studentId: child })],
      ['family.recentMarks', () => caller(parent).family.recentMarks({ studentId: child })],
      ['family.studentCard', () => caller(parent).family.studentCard({ studentId: child })],
      ['family.accessEnded', () => caller(parent).family.accessEnded()],
      ['timetable.myWeek', () => caller(student).timetable.myWeek({ date: '2026-12-07' })],
      ['timetable.hours', () => caller(methodist).timetable.hours({ by: 'group' })],
      ['reports.consolidated', () => caller(curator).reports.consolidated({ groupId, termId: term!.id })],
      ['reports.curatorWeek', () => caller(curator).reports.curatorWeek({ groupId, date: '2026-12-01' })],
      ['reports.preflight', () => caller(methodist).reports.preflight({ groupId, termId: term!.id })],
    ];
    const marked = Object.entries(appRouter._def.procedures)
      .filter(([, p]) => (p as unknown as { _def: { meta?: { reads?: string } } })._def.meta?.reads === 'replica')
      .map(([name]) => name)
      .filter((name) => !name.startsWith('region.'));
    expect(calls.map(([name]) => name).sort()).toEqual(marked.sort());
    for (const [name, call] of calls) await expect(call(), name).resolves.toBeDefined();
  });

  it('a replica that is down is skipped, logged once, and used again when it is back', async () => {
    pair.stopReplica();
    log.length = 0;
    for (let i = 0; i < 5; i++) expect(await inRecovery(await router.dbFor('replica', null))).toBe(false);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^\[db\] Реплика не отвечает .*: всё чтение — с основного сервера$/);
    // A lag-tolerant page still answers, from the primary.
    const res = await trpcGet(
      new NextRequest('http://localhost:3000/api/trpc/family.students', {
        headers: { cookie: await cookieOf(actors.parent) },
      }),
    );
    expect(res.status).toBe(200);
    pair.startReplica();
    await until(async () => inRecovery(await router.dbFor('replica', null)), 30_000);
    expect(log.at(-1)).toMatch(/Реплика снова отвечает/);
  });
});
