import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';
import { openJournal } from './journal-helpers';

/**
 * Issue #14, item 5: every answer carries the security headers; a page's Content-Security-Policy has a fresh nonce,
 * no `unsafe-eval` in production, and the app works under it — the grid, a form, a report — with no violation.
 */
function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test('заголовки безопасности и CSP с nonce; журнал, форма и отчёт работают без нарушений политики', async ({
  page,
  request,
}) => {
  const login = await request.get('/login');
  const policy = login.headers()['content-security-policy']!;
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-eval');
  expect(login.headers()['x-content-type-options']).toBe('nosniff');
  expect(login.headers()['x-frame-options']).toBe('DENY');
  expect(login.headers()['referrer-policy']).toBe('same-origin');
  expect(login.headers()['strict-transport-security']).toBeUndefined(); // plain HTTP on the LAN
  const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
  const html = await login.text();
  expect(html).toContain(`nonce="${nonce}"`);
  expect(html).not.toMatch(/<script(?![^>]*nonce=)[^>]*>[^<]/); // no inline script without the nonce
  const again = await request.get('/login');
  expect(again.headers()['content-security-policy']).not.toContain(nonce);

  const api = await request.get('/api/auth/session');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
  expect(api.headers()['content-security-policy']).toBe("frame-ancestors 'none'");
  const https = await request.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
  expect(https.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');

  const violations = collectViolations(page);
  await signInAs(page, 'prepod');
  await openJournal(page, /ОП\.04 Основы алгоритмизации/);
  await page.locator('.ag-cell').nth(3).click();
  await expect(page.locator('.ag-root')).toBeVisible();
  await page.goto('/notices');
  await page.goto('/timetable/my');
  expect(violations).toEqual([]);

  // Injected markup with an inline handler (what a stored XSS would be) does not run, and the browser says why.
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.innerHTML = '<img src="data:," onerror="window.__injected = true">';
    document.body.appendChild(box);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
