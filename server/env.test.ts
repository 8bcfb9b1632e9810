import { afterEach, describe, expect, it, vi } from 'vitest';
import { env, parseEnv } from './env';

describe('configuration read once (issue #10, item 6)', () => {
  it('gives the defaults of the README’s table', () => {
    const parsed = parseEnv({});
    expect(parsed).toMatchObject({
      ok: true,
      env: {
        DATA_DIR: './.data',
        PORT: 3000,
        SEED_DEMO: 'true',
        PG_PLAN_CACHE_MODE: 'force_generic_plan',
      },
    });
  });

  it('leaves HOST unset by default: `npm start` listens on every address, IPv6 and IPv4 (issue #26, item 9)', () => {
    const parsed = parseEnv({});
    expect(parsed.ok && parsed.env.HOST).toBeUndefined();
  });

  it('names every bad variable in Russian', () => {
    const parsed = parseEnv({
      PORT: 'восемьдесят',
      PUBLIC_URL: 'ezh.college.ru',
      DATABASE_URL: 'mysql://x',
      SEED_DEMO: 'нет',
      NEXTAUTH_SECRET: 'short',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.join('\n')).toMatch(/PORT: /);
    expect(parsed.problems.join('\n')).toMatch(/PUBLIC_URL: нужен адрес http/);
    expect(parsed.problems.join('\n')).toMatch(/DATABASE_URL: нужен адрес вида postgres/);
    expect(parsed.problems.join('\n')).toMatch(/SEED_DEMO: true или false/);
    expect(parsed.problems.join('\n')).toMatch(/NEXTAUTH_SECRET: не короче 16/);
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ PUBLIC_URL: '', PORT: '' })).toMatchObject({ ok: true, env: { PORT: 3000 } });
  });

  describe('env() of the running process', () => {
    afterEach(() => vi.unstubAllEnvs());

    it('keeps its check while the variables stay, and checks again when one changes', () => {
      vi.stubEnv('PORT', '3100');
      const first = env();
      expect(first.PORT).toBe(3100);
      expect(env()).toBe(first);
      vi.stubEnv('PORT', '3200');
      expect(env().PORT).toBe(3200);
      vi.stubEnv('PORT', 'восемьдесят');
      expect(() => env()).toThrow(/PORT: /);
    });
  });
});
