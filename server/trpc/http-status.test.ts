/** The HTTP face of the policy: 401 for nobody, 403 for a wrong role or scope, 400 with the zod message for bad input. */
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { demoActors } from '../../test/actors';
import { openTestDatabase } from '../../test/database';
import type { Actor } from '../policy/actor';
import { z } from 'zod';
import { appRouter } from '../routers';
import { transferInput } from '../services/contingent/transfer';
import { describeZodError } from './init';

let database: Database;
let actors: Awaited<ReturnType<typeof demoActors>>;
beforeAll(async () => {
  database = await openTestDatabase();
  actors = await demoActors(database.db);
});
afterAll(async () => {
  await database?.close();
});

async function get(path: string, actor: Actor | null, input?: unknown) {
  const url = new URL(`http://localhost/api/trpc/${path}`);
  if (input !== undefined) url.searchParams.set('input', JSON.stringify({ json: input }));
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(url),
    router: appRouter,
    createContext: () => ({ db: database.db, actor }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { json: { message: string } } } };
}

describe('HTTP status of refusals', () => {
  it('401 without a session', async () => {
    const res = await get('me.get', null);
    expect(res.status).toBe(401);
    expect(res.body.error?.json.message).toBe('Требуется вход в систему');
  });

  it('403 for a role without the permission', async () => {
    const res = await get('audit.signIns', actors.teacher, {});
    expect(res.status).toBe(403);
    expect(res.body.error?.json.message).toBe('Недостаточно прав для этого действия');
  });

  it('403 for a record out of scope', async () => {
    const res = await get('people.groupStudents', actors.curator, { groupId: 999999 });
    expect(res.status).toBe(403);
    expect(res.body.error?.json.message).toBe('Нет доступа к этим данным');
  });

  it('400 with the zod message (in Russian) for malformed input', async () => {
    const res = await get('people.groupStudents', actors.admin, { groupId: 'ИС-21' });
    expect(res.status).toBe(400);
    expect(res.body.error?.json.message).toMatch(/^groupId: .*(число|number)/i);
    expect(res.body.error?.json.message).toMatch(/[а-я]/);
  });

  it('400, not a database error (500), for an id beyond PostgreSQL’s integer', async () => {
    const res = await get('people.groupStudents', actors.admin, { groupId: 2_147_483_648 });
    expect(res.status).toBe(400);
    expect(res.body.error?.json.message).toMatch(/^groupId: /);
  });

  it('400 with the field named, not a database error (500), for a date no calendar has', async () => {
    for (const date of ['2026-02-30', '2026-13-01', '2025-02-29']) {
      const res = await get('timetable.myWeek', actors.teacher, { date });
      expect(res.status, date).toBe(400);
      expect(res.body.error?.json.message).toBe(`Неделя: такой даты нет в календаре — ${date}`);
    }
    const leap = await get('timetable.myWeek', actors.teacher, { date: '2028-02-29' });
    // A leap day passes the calendar and reaches the rule of the college's year.
    expect(leap.body.error?.json.message).toBe('Дата: 29.02.2028 не входит ни в один семестр открытого учебного года');
  });

  it('names the field once, in Russian, when the message names it (no «orderNo:» before «Номер приказа:»)', () => {
    const parsed = transferInput.safeParse({ targetYearId: 1, orderNo: '', orderDate: '' });
    expect(parsed.success).toBe(false);
    const message = describeZodError(parsed.error!);
    expect(message).toBe('Номер приказа: заполните; Дата приказа: ожидается дата в формате гггг-мм-дд');
    expect(describeZodError(z.object({ groupId: z.number() }).safeParse({ groupId: 'x' }).error!)).toMatch(
      /^groupId: /,
    );
  });

  it('403 for everything but the home and the password change while an issued password is unchanged', async () => {
    const actor = { ...actors.admin, mustChangePassword: true };
    const res = await get('structure.overview', actor);
    expect(res.status).toBe(403);
    expect(res.body.error?.json.message).toBe('Сначала смените выданный пароль');
    expect((await get('me.get', actor)).status).toBe(200);
  });

  it('200 for an allowed call', async () => {
    expect((await get('me.get', actors.parent)).status).toBe(200);
  });
});
