/**
 * Issue #14, item 6: the audit is complete. Every kind of change the router and the server actions allow is made once,
 * validly, as a role that may make it (test/audit-cases/), on the demo college; each must change data and leave in the
 * log who (the batch's user), when (its time) and what (a `change_log` row with before and after, or the cells'
 * `cell_changes`) — test/audit-probe.ts. The walk covers every mutation of the router and every server action.
 */
import { describe, expect, it } from 'vitest';
import { departments } from '../../db/schema';
import { DEMO_REGIONAL_LOGIN } from '../../db/seed';
import { actorByLogin } from '../../test/actors';
import { auditCases } from '../../test/audit-cases';
import { auditProblems, changesSince, probe } from '../../test/audit-probe';
import { useRoleFixtures } from '../../test/role-fixtures';
import type { Actor } from '../policy/actor';
import { createCallerFactory } from '../trpc/init';
import { appRouter } from './index';

const fx = useRoleFixtures();
const createCaller = createCallerFactory(appRouter);
const made: Record<string, number> = {};
const CASES = auditCases(fx, made);
const nameOf = (caseName: string) => caseName.split(' ')[0]!;

describe('the audit is complete', () => {
  it('has a change for every mutation of the router and every server action', () => {
    const mutations = Object.entries(appRouter._def.procedures as Record<string, unknown>)
      .filter(([, p]) => (p as { _def: { type: string } })._def.type === 'mutation')
      .map(([path]) => path);
    const wanted = [...mutations, ...Object.keys(fx.actions)].sort();
    expect([...new Set(CASES.map((c) => nameOf(c.name)))].sort()).toEqual(wanted);
  });

  it('sees a change nobody logged (the walk can fail)', async () => {
    const db = fx.database.db;
    const before = await probe(db);
    await db
      .insert(departments)
      .values({ institutionId: fx.actors.admin.institutionId!, name: 'Без записи в журнале' });
    const { changed, batches } = await changesSince(db, before);
    expect(auditProblems(changed, batches, fx.actors.admin.userId)).toEqual(['changed departments and logged nothing']);
    expect(auditProblems([], [], fx.actors.admin.userId)).toEqual([
      'the call changed no data: the case does not exercise a change',
    ]);
  });

  let regional: Actor | undefined;
  for (const kase of CASES) {
    it(`${kase.name}: logged who, when, what before and after`, async () => {
      const db = fx.database.db;
      regional ??= await actorByLogin(db, DEMO_REGIONAL_LOGIN);
      const actor = kase.role === 'regional' ? regional : fx.actors[kase.role];
      await kase.prepare?.();
      const before = await probe(db);
      let result: unknown;
      if (kase.call) {
        result = await kase.call(createCaller({ db, actor }));
      } else {
        const action = fx.actions[nameOf(kase.name)]!;
        const form = new FormData();
        for (const [key, value] of Object.entries(kase.form!())) form.append(key, value);
        const answer = await action.perform({ db, actor }, action.inputOf(form));
        if (!answer.ok) throw new Error(`${answer.status}: ${answer.error}`);
        result = answer.message;
      }
      kase.keep?.(result);
      const { changed, batches } = await changesSince(db, before);
      expect(auditProblems(changed, batches, actor.userId)).toEqual([]);
    });
  }
});
