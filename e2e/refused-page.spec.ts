import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';

/**
 * Issue #26, item 9: a browser that opens a refused report, calendar or certified-copy address sees a page in Russian
 * with a way back (no raw JSON), within the security policy; the same address fetched by an API client stays JSON.
 */
function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test('родитель правит адрес табеля: страница «Нет доступа» и путь на главную; API отвечает JSON', async ({ page }) => {
  const violations = collectViolations(page);
  await signInAs(page, 'roditel');
  const href = await page
    .getByTestId('family-student')
    .first()
    .getByRole('link', { name: 'за семестр' })
    .getAttribute('href');
  const other = href!.replace(/report-card\/(\d+)/, (_, id: string) => `report-card/${Number(id) + 1000}`);

  const response = await page.goto(other);
  expect(response!.status()).toBe(403);
  expect(response!.headers()['content-type']).toContain('text/html');
  // The app's headers (no framing), and in the page a policy that lets nothing run or load but its own style.
  const headers = await response!.allHeaders();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("default-src 'none'");
  expect(meta).toContain("form-action 'none'");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Нет доступа');
  await expect(page.getByText('Нет доступа к этим данным.')).toBeVisible();
  await page.getByRole('link', { name: 'На главную' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('family-student').first()).toBeVisible();
  expect(violations).toEqual([]);

  const api = await page.request.get(other);
  expect(api.status()).toBe(403);
  expect(await api.json()).toEqual({ error: 'Нет доступа к этим данным' });
});

test('без входа: отчёт ведёт на вход и обратно; неверная ссылка календаря и заверенной копии — страницы', async ({
  page,
  request,
}) => {
  const violations = collectViolations(page);
  const roster = '/api/reports/group-roster/1';
  expect((await page.goto(roster))!.status()).toBe(401);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Нужно войти');
  await page.getByRole('link', { name: 'Войти' }).click();
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(roster)}`);
  expect((await request.get(roster)).headers()['content-type']).toContain('application/json');

  expect((await page.goto(`/api/calendar/${'x'.repeat(32)}`))!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Не найдено');
  await expect(page.getByRole('link', { name: 'На главную' })).toHaveAttribute('href', '/');
  expect(await (await request.get(`/api/calendar/${'x'.repeat(32)}`)).json()).toEqual({
    error: 'Ссылка недействительна',
  });

  await signInAs(page, 'kurator');
  expect((await page.goto('/api/reports/certified/NO-SUCH-CODE'))!.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Нет доступа');
  await expect(page.getByRole('link', { name: 'На главную' })).toBeVisible();
  expect(violations).toEqual([]);
});
