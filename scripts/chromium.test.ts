import { describe, expect, it } from 'vitest';
import { chromiumPlan } from './chromium';

const only =
  (...files: string[]) =>
  (f: string) =>
    files.includes(f);

describe('the browser for e2e and the bench (issue #10.10)', () => {
  it('takes PLAYWRIGHT_CHROMIUM_PATH when it is there, else Debian’s Chromium', () => {
    expect(chromiumPlan('/opt/chrome/chrome', false, only('/opt/chrome/chrome'))).toEqual({
      use: '/opt/chrome/chrome',
    });
    expect(chromiumPlan(undefined, false, only('/usr/bin/chromium'))).toEqual({ use: '/usr/bin/chromium' });
  });

  it('with the path pointing nowhere: falls back to Debian’s, saying so', () => {
    const plan = chromiumPlan('/nowhere/chromium', false, only('/usr/bin/chromium'));
    expect(plan).toMatchObject({ use: '/usr/bin/chromium', note: expect.stringContaining('/nowhere/chromium') });
  });

  it('without any browser: installs it as root, otherwise stops with the command in Russian', () => {
    expect(chromiumPlan('/nowhere/chromium', true, only())).toMatchObject({ install: true });
    const refused = chromiumPlan(undefined, false, only());
    expect(refused).toMatchObject({ refuse: expect.stringContaining('apt-get install -y chromium') });
    expect('refuse' in refused && refused.refuse).toMatch(/нужен Chromium/);
  });
});
