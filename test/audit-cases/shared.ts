/** The shape of the audit walk's cases (server/routers/audit-completeness.test.ts), by area in this folder. */
import type { Role } from '../../domain/roles';
import type { RoleFixtures } from '../role-fixtures';
import type { Call } from '../role-matrix/shared';

export type Caller = Parameters<Call>[0];

/** Ids the cases make and later cases use (a lesson created, then changed, then deleted). */
export type Made = Record<string, number>;

/**
 * One kind of change: a procedure called or a server action's form sent as `role` (or the region's administrator),
 * valid so that it changes data. Its name begins with the procedure's path or the action's export name.
 */
export interface AuditCase {
  name: string;
  role: Role | 'regional';
  /** What the change needs that is not the change (made before the probe, not judged). */
  prepare?: () => Promise<void>;
  call?: (c: Caller) => Promise<unknown>;
  form?: () => Record<string, string>;
  /** What the call returns is kept here (ids for later cases). */
  keep?: (result: unknown) => void;
}

export type AuditArea = (fx: RoleFixtures, made: Made) => AuditCase[];
