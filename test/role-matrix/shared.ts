/** What the role matrix's rows share: their shape and the outcomes many rows repeat. */
import type { Role } from '../../domain/roles';
import { appRouter } from '../../server/routers';
import { createCallerFactory } from '../../server/trpc/init';
import { A, F, type Outcome } from '../role-fixtures';

const createCaller = createCallerFactory(appRouter);
export type Call = (caller: ReturnType<typeof createCaller>) => Promise<unknown>;

export interface MatrixRow {
  name: string;
  call: () => Call;
  expect: Record<Role, Outcome>;
}

/** Who reads the ИС-21 journals: everybody in the college's administration, its curator and its teacher. */
export const READ_ИС21: Record<Role, Outcome> = {
  admin: A,
  head: A,
  methodist: A,
  curator: A,
  teacher: A,
  student: F,
  parent: F,
  inspector: A,
};
export const EDIT: Record<Role, Outcome> = {
  admin: F,
  head: F,
  methodist: F,
  curator: F,
  teacher: A,
  student: F,
  parent: F,
  inspector: F,
};

/** procedure → expected outcome per role, written out by hand from the regulation (not derived from the policy table). */
