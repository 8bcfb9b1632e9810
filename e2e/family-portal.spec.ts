import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';

test.use({ viewport: { width: 375, height: 740 } });

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Issue #13, item 5: a parent on a phone reads a child's subjects, grades and attendance without sideways scrolling,
 * switches children, and is refused another child; the portal is an installable web app.
 */
test('родитель на телефоне: предметы, оценки и пропуски ребёнка, переключение детей, чужой ребёнок — 403', async ({
  page,
}) => {
  await signInAs(page, 'roditel');
  await page.getByRole('link', { name: 'Успеваемость' }).first().click();
  await expect(page.getByRole('heading', { name: 'Успеваемость' })).toBeVisible();
  const subjects = page.getByTestId('portal-subject');
  await expect(subjects.first()).toBeVisible();
  expect(await subjects.count()).toBeGreaterThan(3);
  expect(await noSidewaysScroll(page)).toBe(0);

  // One subject opened: its lessons with dates, kinds, marks and topics.
  const graded = subjects.filter({ has: page.locator('.subject-grades .mark') }).first();
  await graded.locator('summary').click();
  await expect(graded.locator('ul.lesson-list li').first()).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(0);
  await page.screenshot({ path: 'test-results/family-portal-375.png', fullPage: true });

  // The other child.
  const children = page.getByRole('navigation', { name: 'Дети' }).getByRole('link');
  await expect(children).toHaveCount(2);
  const first = (await page.locator('p strong').first().textContent())!.trim();
  await children
    .filter({ hasNot: page.locator('[aria-current="page"]') })
    .last()
    .click();
  await expect(page.locator('p strong').first()).not.toHaveText(first);
  await expect(subjects.first()).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(0);

  // Somebody else's child: refused, on the page and in the API.
  const url = new URL(page.url());
  const own = Number(url.searchParams.get('student'));
  const other = own === 1 ? 2 : 1;
  await page.goto(`/family?student=${other}`);
  await expect(page.getByText('Нет доступа к этим данным')).toBeVisible();
  const api = await page.request.get(
    `/api/trpc/family.portal?input=${encodeURIComponent(JSON.stringify({ json: { studentId: other } }))}`,
  );
  expect(api.status()).toBe(403);

  // Installable: the manifest and its icons.
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest.display).toBe('standalone');
  for (const icon of manifest.icons as { src: string }[]) expect((await page.request.get(icon.src)).status()).toBe(200);
  expect((await page.request.get('/sw.js')).status()).toBe(200);
});
