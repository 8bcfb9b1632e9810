/** Every server action is built by `formAction` (so it goes through the one policy) and declares a known permission. */
import { describe, expect, it } from 'vitest';
import { serverActionExports } from '../../test/form-actions';
import { isPermission } from '../policy/permissions';

describe('server actions', async () => {
  const exports = [...(await serverActionExports())];

  it('there are server actions to check', () => {
    expect(exports.length).toBeGreaterThanOrEqual(5);
  });

  it.each(exports.map(([name, { module, value }]) => [name, module, value] as const))(
    '%s (%s) is built by formAction with a known permission',
    (_name, _module, value) => {
      expect(typeof value).toBe('function');
      const action = value as { permission?: unknown; perform?: unknown };
      expect(typeof action.perform).toBe('function');
      expect(isPermission(action.permission)).toBe(true);
    },
  );
});
