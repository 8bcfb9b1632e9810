/**
 * Calls every procedure as every demo role (and as nobody) on a real database seeded with the demo college, and checks
 * allowed / forbidden / out of scope; what comes back is checked against each role's scope in ./role-scopes.test.ts.
 * The server actions have their own matrix (server/actions/action-matrix.test.ts).
 */
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../domain/roles';
import { roleMatrix, type Call } from '../../test/role-matrix-cases';
import { useRoleFixtures, type Outcome } from '../../test/role-fixtures';
import type { Actor } from '../policy/actor';
import { createCallerFactory } from '../trpc/init';
import { appRouter } from './index';

const fx = useRoleFixtures();
const createCaller = createCallerFactory(appRouter);

const MATRIX = roleMatrix(fx);

async function outcome(actor: Actor | null, call: Call): Promise<Outcome> {
  try {
    await call(createCaller({ db: fx.database.db, actor }));
    return 'ok';
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'FORBIDDEN') return 'forbidden';
    // Past the policy, refused for its input: the role was allowed.
    if (error instanceof TRPCError && error.code === 'BAD_REQUEST') return 'ok';
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') return 'unauthorized';
    throw error;
  }
}

describe('role matrix', () => {
  it('covers every procedure of the router', () => {
    const covered = new Set(MATRIX.map((m) => m.name.split(' ')[0]));
    expect([...covered].sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  for (const row of MATRIX) {
    it.each(ROLES.map((role) => [role, row.expect[role]] as const))(
      `${row.name} as %s → %s`,
      async (role, expected) => {
        expect(await outcome(fx.actors[role], row.call())).toBe(expected);
      },
    );
    it(`${row.name} anonymously → unauthorized`, async () => {
      expect(await outcome(null, row.call())).toBe('unauthorized');
    });
  }
});
