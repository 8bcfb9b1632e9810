import { expect, test } from '@playwright/test';
import { extractText } from 'unpdf';
import { signInAs } from './helpers';

test.use({ viewport: { width: 375, height: 740 } });

/** Issue #12, item 3: a parent on a phone — the home page fits the screen, and the child's report card downloads. */
test('родитель на телефоне: главная не шире экрана, табель ребёнка скачивается', async ({ page }) => {
  await signInAs(page, 'roditel');
  const child = page.getByTestId('family-student').first();
  await expect(child).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
    0,
  );
  const name = (await child.getByRole('heading', { level: 2 }).textContent())!.split(',')[0]!.trim();
  const href = await child.getByRole('link', { name: 'за семестр' }).getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
  expect(text).toContain('ТАБЕЛЬ УСПЕВАЕМОСТИ');
  expect(text).toContain(name);
  // Another student's card is refused.
  const other = href!.replace(/report-card\/(\d+)/, (_, id: string) => `report-card/${Number(id) + 1000}`);
  expect((await page.request.get(other)).status()).toBe(403);
});
