import { describe, expect, it } from 'vitest';
import { refusalPageHtml, wantsPage } from './refusal-page';

describe('a refused route: a page for a browser, JSON for an API client', () => {
  it.each([
    [{ secFetchMode: 'navigate', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, true],
    // A college PC on plain HTTP by its LAN address: no Fetch Metadata, a browser's Accept.
    [{ secFetchMode: null, accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, true],
    [{ secFetchMode: 'cors', accept: '*/*' }, false],
    [{ secFetchMode: 'same-origin', accept: 'text/html' }, false],
    [{ secFetchMode: 'no-cors', accept: null }, false],
    [{ secFetchMode: null, accept: '*/*' }, false],
    [{ secFetchMode: null, accept: 'application/json' }, false],
    [{ secFetchMode: null, accept: 'text/calendar' }, false],
    [{ secFetchMode: null, accept: null }, false],
  ])('%j → page %s', (kind, page) => {
    expect(wantsPage(kind)).toBe(page);
  });

  it('says what happened in Russian and leads home; the message is text, not markup', () => {
    const html = refusalPageHtml({
      status: 403,
      message: 'Нет доступа к этим данным',
      returnPath: '/api/reports/report-card/5',
    });
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<h1>Нет доступа</h1>');
    expect(html).toContain('<p>Нет доступа к этим данным.</p>');
    expect(html).toContain('<a class="button" href="/">На главную</a>');
    expect(html).not.toMatch(/<script|src=|https?:/);
    const bad = refusalPageHtml({ status: 400, message: 'Группа: «<img src=x>» — не число', returnPath: '/' });
    expect(bad).toContain('<h1>Неверная ссылка</h1>');
    expect(bad).toContain('«&lt;img src=x&gt;»');
  });

  it('a 401 leads to the sign-in and back to the same address', () => {
    const html = refusalPageHtml({
      status: 401,
      message: 'Требуется вход в систему',
      returnPath: '/api/reports/report-card/5?termId=1&period=year',
    });
    expect(html).toContain('<h1>Нужно войти</h1>');
    expect(html).toContain(
      'href="/login?callbackUrl=%2Fapi%2Freports%2Freport-card%2F5%3FtermId%3D1%26period%3Dyear">Войти</a>',
    );
  });
});
