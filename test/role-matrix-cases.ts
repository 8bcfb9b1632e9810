/**
 * The role matrix's rows: every procedure of the router with the outcome each demo role gets, written out by hand from
 * the regulation (not derived from the policy table), by area in ./role-matrix/. Run by
 * server/routers/role-matrix.test.ts.
 */
import type { RoleFixtures } from './role-fixtures';
import { journalRows } from './role-matrix/journal';
import { peopleRows } from './role-matrix/people';
import { planRows } from './role-matrix/plan';
import { reportsRows } from './role-matrix/reports';
import type { MatrixRow } from './role-matrix/shared';

export type { Call, MatrixRow } from './role-matrix/shared';

export function roleMatrix(fx: RoleFixtures): MatrixRow[] {
  return [...peopleRows(fx), ...journalRows(fx), ...planRows(fx), ...reportsRows(fx)];
}
