/**
 * Sessions that really end (issue #26, item 1; OWASP ASVS 4.0 V3.3.1, V3.3.3). A cookie kept from a session is replayed
 * after each event that must end it — sign-out (that session only), a password change (the user's other sessions), a
 * reset or deactivation by the administrator and a curator's re-issue of a parent's access (all) — on every way in:
 * next-auth's own `/api/auth/session`, the tRPC route (`journal.page`, `journal.save`, `family.portal`), a report route,
 * and the cookie reading that pages and server actions share (`actorOfToken`, which `currentActor` calls). Sign-in
 * and sign-out go through next-auth's real handler with the app's options.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getToken } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { GET as trpcGet, POST as trpcPost } from '@/app/api/trpc/[trpc]/route';
import { GET as ktpGet } from '@/app/api/reports/ktp/[assignmentId]/route';
import { guardians, signInEvents, users } from '../../db/schema';
import { DEMO_PASSWORD } from '../../db/seed';
import { useDemoDatabase } from '../../test/demo-database';
import { demoJournalId } from '../../test/journal-fixtures';
import type { Database } from '../../db/client';
import { todayOf } from '../policy/actor';
import { loadJournalPage } from '../services/journal/page';
import { changeOwnPassword } from '../services/people/change-password';
import { issueAccess } from '../services/people/family-access';
import { resetStaffPassword, setStaffActive } from '../services/people/staff';
import { actorOfToken } from './current-actor';
import { authOptions, authRequestHeaders, authSecret } from './options';

// next-auth's core handler, which its route handler and getServerSession call; not in the package's exports map.
const { AuthHandler } = createRequire(import.meta.url)(
  path.resolve(import.meta.dirname, '../../node_modules/next-auth/core/index.js'),
) as { AuthHandler: (params: { req: unknown; options: typeof authOptions }) => Promise<AuthAnswer> };

/** What next-auth's core handler answers (next-auth/core/types: ResponseInternal). */
interface AuthAnswer {
  body?: unknown;
  cookies?: { name: string; value: string; options?: { maxAge?: number } }[];
}

const demo = useDemoDatabase();
const BASE = 'http://localhost:3000';

beforeAll(() => {
  process.env.NEXTAUTH_URL = BASE;
  // The route handlers below read the process's database (server/db.ts): this file's copy of the demo college.
  (globalThis as { __ezhDatabase?: Promise<Database> }).__ezhDatabase = Promise.resolve(demo.database);
});

type Jar = Record<string, string>;

async function auth(action: string, jar: Jar, init: { method?: string; body?: Record<string, string> } = {}) {
  const answer = await AuthHandler({
    req: {
      action,
      method: init.method ?? 'GET',
      providerId: action === 'callback' ? 'credentials' : undefined,
      headers: { host: 'localhost:3000' },
      cookies: jar,
      body: init.body,
      query: {},
    },
    options: authOptions,
  });
  for (const c of answer.cookies ?? []) {
    if (c.options?.maxAge === 0 || c.value === '') delete jar[c.name];
    else jar[c.name] = c.value;
  }
  return answer;
}

/** A device that signs in through next-auth's credentials callback: its cookie jar. */
async function signIn(login: string, password = DEMO_PASSWORD): Promise<Jar> {
  const jar: Jar = {};
  const csrf = await auth('csrf', jar);
  const { csrfToken } = csrf.body as { csrfToken: string };
  await auth('callback', jar, { method: 'POST', body: { csrfToken, login, password } });
  if (!jar['next-auth.session-token']) throw new Error(`вход ${login} не удался`);
  return jar;
}

async function signOut(jar: Jar) {
  const csrf = await auth('csrf', jar);
  const { csrfToken } = csrf.body as { csrfToken: string };
  const kept = { ...jar };
  // As the route handler runs it: with the request's headers at hand (the address in the sign-in log).
  await authRequestHeaders.run({ 'x-forwarded-for': '10.0.0.7' }, () =>
    auth('signout', jar, { method: 'POST', body: { csrfToken } }),
  );
  expect(jar['next-auth.session-token']).toBeUndefined();
  return kept;
}

const cookieHeader = (jar: Jar) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

function trpc(jar: Jar, path: string, input: unknown, kind: 'query' | 'mutation' = 'query') {
  const headers = { cookie: cookieHeader(jar), 'content-type': 'application/json' };
  return kind === 'query'
    ? trpcGet(
        new NextRequest(`${BASE}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
          headers,
        }),
      )
    : trpcPost(
        new NextRequest(`${BASE}/api/trpc/${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ json: input }),
        }),
      );
}

/** What every way in answers to this cookie jar: who it is, or null/401 when the session is over. */
async function waysIn(jar: Jar, login: string) {
  const db = demo.database.db;
  const session = await auth('session', { ...jar });
  const token = await getToken({ req: { cookies: jar, headers: {} } as never, secret: authSecret() });
  const pageActor = await actorOfToken(db, token);
  const me = await trpc(jar, 'me.get', undefined);
  const answers: Record<string, unknown> = {
    session: (session.body as { userId?: number } | undefined)?.userId ?? null,
    page: pageActor?.login ?? null,
    me: me.status,
  };
  if (login === 'prepod') {
    const teacher = demo.actors.teacher;
    const assignmentId = await demoJournalId(db, teacher);
    const page = await loadJournalPage(db, teacher, assignmentId, todayOf(teacher));
    const cell = page!.cells.find((c) => c.grade1 === null && c.attendance === null) ?? page!.cells[0]!;
    const current = (await loadJournalPage(db, teacher, assignmentId, todayOf(teacher)))!.cells.find(
      (c) => c.lessonId === cell.lessonId && c.studentId === cell.studentId,
    )!;
    answers.journalPage = (await trpc(jar, 'journal.page', { assignmentId })).status;
    const save = await trpc(
      jar,
      'journal.save',
      {
        assignmentId,
        source: 'typing',
        clientBatchId: `session-test-${Math.random().toString(36).slice(2)}`,
        cells: [{ lessonId: cell.lessonId, studentId: cell.studentId, text: '5', baseVersion: current.version }],
      },
      'mutation',
    );
    answers.journalSave = save.status;
    const after = (await loadJournalPage(db, teacher, assignmentId, todayOf(teacher)))!.cells.find(
      (c) => c.lessonId === cell.lessonId && c.studentId === cell.studentId,
    )!;
    answers.markWritten = after.version > current.version;
    answers.report = (
      await ktpGet(
        new NextRequest(`${BASE}/api/reports/ktp/${assignmentId}`, { headers: { cookie: cookieHeader(jar) } }),
        {
          params: Promise.resolve({ assignmentId: String(assignmentId) }),
        },
      )
    ).status;
  }
  if (login === 'roditel') {
    const studentId = demo.actors.parent.childStudentIds[0]!.studentId;
    answers.portal = (await trpc(jar, 'family.portal', { studentId })).status;
  }
  return answers;
}

const live = (userId: number) => ({ session: userId, me: 200 });
const dead = { session: null, page: null, me: 401 };

describe('a session ends on the server', () => {
  it('sign-out: the kept cookie opens nothing and writes no mark; the user’s other device stays signed in', async () => {
    const teacher = demo.actors.teacher;
    const phone = await signIn('prepod');
    const desktop = await signIn('prepod');
    expect(await waysIn(desktop, 'prepod')).toMatchObject({
      ...live(teacher.userId),
      page: 'prepod',
      journalPage: 200,
      journalSave: 200,
      markWritten: true,
      report: 200,
    });
    const kept = await signOut(desktop);
    expect(await waysIn(kept, 'prepod')).toEqual({
      ...dead,
      journalPage: 401,
      journalSave: 401,
      markWritten: false,
      report: 401,
    });
    expect(await waysIn(phone, 'prepod')).toMatchObject({ ...live(teacher.userId), journalSave: 200 });
    const [last] = await demo.database.db
      .select()
      .from(signInEvents)
      .where(eq(signInEvents.userId, teacher.userId))
      .orderBy(desc(signInEvents.id))
      .limit(1);
    expect(last).toMatchObject({ event: 'sign_out', success: true, login: 'prepod', ip: '10.0.0.7' });
  });

  it('sign-out of a parent: family.portal refuses the kept cookie', async () => {
    const parent = demo.actors.parent;
    const jar = await signIn('roditel');
    expect(await waysIn(jar, 'roditel')).toMatchObject({ ...live(parent.userId), portal: 200 });
    expect(await waysIn(await signOut(jar), 'roditel')).toEqual({ ...dead, portal: 401 });
  });

  it('a password change ends the user’s other sessions and keeps the one it was made in', async () => {
    const db = demo.database.db;
    const here = await signIn('inspektor');
    const elsewhere = await signIn('inspektor');
    const token = await getToken({ req: { cookies: here, headers: {} } as never, secret: authSecret() });
    const actor = (await actorOfToken(db, token))!;
    const changed = await changeOwnPassword(db, actor, {
      current: DEMO_PASSWORD,
      next: 'Инспекция-2027',
      confirm: 'Инспекция-2027',
    });
    expect(changed).toEqual({ ok: true });
    expect(await waysIn(here, 'inspektor')).toMatchObject({ ...live(actor.userId), page: 'inspektor' });
    expect(await waysIn(elsewhere, 'inspektor')).toEqual(dead);
    const [last] = await db
      .select()
      .from(signInEvents)
      .where(and(eq(signInEvents.userId, actor.userId), eq(signInEvents.event, 'sessions_ended')));
    expect(last).toMatchObject({ success: true, reason: 'password_change' });
  });

  it('a reset or a deactivation by the administrator ends every session of the user', async () => {
    const db = demo.database.db;
    const [zav] = await db.select().from(users).where(eq(users.login, 'zav'));
    const devices = [await signIn('zav'), await signIn('zav')];
    for (const jar of devices) expect(await waysIn(jar, 'zav')).toMatchObject({ ...live(zav!.id), page: 'zav' });
    await resetStaffPassword(db, demo.actors.admin, { userId: zav!.id });
    for (const jar of devices) expect(await waysIn(jar, 'zav')).toEqual(dead);

    const [methodist] = await db.select().from(users).where(eq(users.login, 'metodist'));
    const jar = await signIn('metodist');
    expect(await waysIn(jar, 'metodist')).toMatchObject(live(methodist!.id));
    await setStaffActive(db, demo.actors.admin, { userId: methodist!.id, active: false });
    expect(await waysIn(jar, 'metodist')).toEqual(dead);
    // Enabling the account again does not bring the old session back.
    await setStaffActive(db, demo.actors.admin, { userId: methodist!.id, active: true });
    expect(await waysIn(jar, 'metodist')).toEqual(dead);
  });

  it('a curator re-issuing a parent’s access ends the parent’s sessions', async () => {
    const db = demo.database.db;
    const parent = demo.actors.parent;
    const jar = await signIn('roditel');
    expect(await waysIn(jar, 'roditel')).toMatchObject({ ...live(parent.userId), portal: 200 });
    const [guardian] = await db.select().from(guardians).where(eq(guardians.userId, parent.userId));
    const curator = demo.actors.curator;
    const groupId = curator.grants.find((g) => g.role === 'curator')!.groupId!;
    await issueAccess(db, curator, { groupId, people: [{ kind: 'guardian', id: guardian!.id }] }, todayOf(curator));
    expect(await waysIn(jar, 'roditel')).toEqual({ ...dead, portal: 401 });
  });

  it('a cookie without a server session (issued before sessions were recorded) opens nothing', async () => {
    const { encode } = await import('next-auth/jwt');
    const teacher = demo.actors.teacher;
    const old = await encode({ token: { uid: teacher.userId, epoch: 0 }, secret: authSecret() });
    expect(await waysIn({ 'next-auth.session-token': old }, 'other')).toEqual(dead);
  });
});
