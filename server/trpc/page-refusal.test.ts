/** Pages see a refusal thrown through the server caller as its status and Russian message; faults stay faults. */
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { useDemoDatabase } from '../../test/demo-database';
import type { Actor } from '../policy/actor';
import { Refusal } from '../policy/refusal';
import { appRouter } from '../routers';
import { createCallerFactory } from './init';
import { asPageRefusal } from './page-refusal';

const demo = useDemoDatabase();
const createCaller = createCallerFactory(appRouter);

async function refusalOf(actor: Actor | null, query: (trpc: ReturnType<typeof createCaller>) => Promise<unknown>) {
  try {
    await query(createCaller({ db: demo.database.db, actor }));
  } catch (error) {
    return asPageRefusal(error);
  }
  throw new Error('the query was not refused');
}

describe('asPageRefusal', () => {
  it('403 out of scope, with the policy message', async () => {
    expect(await refusalOf(demo.actors.curator, (t) => t.people.groupStudents({ groupId: 999999 }))).toEqual({
      status: 403,
      message: 'Нет доступа к этим данным',
    });
  });

  it('403 for a role without the permission', async () => {
    expect(await refusalOf(demo.actors.teacher, (t) => t.audit.signIns({ limit: 10 }))).toEqual({
      status: 403,
      message: 'Недостаточно прав для этого действия',
    });
  });

  it('401 for nobody', async () => {
    expect((await refusalOf(null, (t) => t.me.get()))?.status).toBe(401);
  });

  it('400 with the field named in Russian for malformed input', async () => {
    const refusal = await refusalOf(demo.actors.admin, (t) => t.people.groupStudents({ groupId: -1 }));
    expect(refusal?.status).toBe(400);
    expect(refusal?.message).toMatch(/^groupId: .*[а-я]/);
  });

  it('a Refusal thrown directly keeps its status; a fault is not a refusal', () => {
    expect(asPageRefusal(new Refusal(409, 'Данные изменились'))).toEqual({ status: 409, message: 'Данные изменились' });
    expect(asPageRefusal(new Error('сбой'))).toBeNull();
    expect(asPageRefusal(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'сбой' }))).toBeNull();
  });
});
