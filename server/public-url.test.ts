import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';
import { publicUrl } from './public-url';

describe('publicUrl (issue #9.10)', () => {
  it('prints the configured address, PUBLIC_URL first, without a trailing slash', () => {
    expect(
      publicUrl({ PUBLIC_URL: 'https://ezh.college.ru/', NEXTAUTH_URL: 'http://localhost:3000', PORT: 3000 }),
    ).toBe('https://ezh.college.ru');
    expect(publicUrl({ NEXTAUTH_URL: 'https://journal.example.org', PORT: 3000 })).toBe('https://journal.example.org');
  });

  it('without configuration gives an address other PCs can open, with the port', () => {
    expect(publicUrl({ PORT: 3210 })).toMatch(/^http:\/\/[^/]+:3210$/);
  });

  it('a configured value that is not an http(s) address is named (and stops the start)', () => {
    const parsed = parseEnv({ PUBLIC_URL: 'ezh.college.ru', NEXTAUTH_URL: 'ftp://x.ru' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems).toEqual([
        expect.stringMatching(/^NEXTAUTH_URL: нужен адрес http/),
        expect.stringMatching(/^PUBLIC_URL: нужен адрес http/),
      ]);
  });
});
