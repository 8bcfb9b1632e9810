import { describe, expect, it } from 'vitest';
import { publicUrl, publicUrlProblem } from './public-url';

describe('publicUrl (issue #9.10)', () => {
  it('prints the configured address, PUBLIC_URL first, without a trailing slash', () => {
    expect(publicUrl({ PUBLIC_URL: 'https://ezh.college.ru/', NEXTAUTH_URL: 'http://localhost:3000' })).toBe('https://ezh.college.ru');
    expect(publicUrl({ NEXTAUTH_URL: 'https://journal.example.org' })).toBe('https://journal.example.org');
  });

  it('without configuration gives an address other PCs can open, with the port', () => {
    expect(publicUrl({ PORT: '3210' })).toMatch(/^http:\/\/[^/]+:3210$/);
  });

  it('names a configured value that is not an http(s) address', () => {
    expect(publicUrlProblem({ PUBLIC_URL: 'ezh.college.ru' })).toMatch(/^PUBLIC_URL: «ezh\.college\.ru» — не адрес/);
    expect(publicUrlProblem({ NEXTAUTH_URL: 'ftp://x.ru' })).toMatch(/^NEXTAUTH_URL: .*http:\/\/ или https:\/\//);
    expect(publicUrlProblem({ PUBLIC_URL: 'https://ezh.college.ru' })).toBeNull();
  });
});
