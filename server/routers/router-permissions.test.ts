import { describe, expect, it } from 'vitest';
import { isPermission } from '../policy/permissions';
import { appRouter } from './index';

/** Every procedure of the whole router must have been built with `procedure.requires(permission)`. */
describe('router permissions', () => {
  const procedures = Object.entries(
    appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { permission?: unknown } } }>,
  );

  it('has procedures to check', () => {
    expect(procedures.length).toBeGreaterThan(5);
  });

  it.each(procedures.map(([path, proc]) => [path, proc._def.meta?.permission] as const))(
    '%s declares a known permission (%s)',
    (_path, permission) => {
      expect(isPermission(permission)).toBe(true);
    },
  );
});
