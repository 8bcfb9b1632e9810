import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { extractText } from 'unpdf';
import { signInAs } from './helpers';

/**
 * Issue #12: the curator takes the own group's consolidated sheet and is refused another group's; the methodist checks
 * the printed journal before printing — a remark opens the journal at its cell — then downloads the copy.
 */
test('куратор скачивает сводную ведомость своей группы, чужую — нет', async ({ page }) => {
  await signInAs(page, 'kurator');
  await page.goto('/');
  await page.getByRole('link', { name: 'Отчёты' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Отчёты группы /);
  const group = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Отчёты группы ', '');

  const href = await page.getByRole('link', { name: 'PDF', exact: true }).first().getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
  expect(text).toContain('СВОДНАЯ ВЕДОМОСТЬ УЧЕТА УСПЕВАЕМОСТИ');
  expect(text).toContain(`группы ${group}`);
  expect(text).toContain('Успеваемость, %');

  const xlsx = await page.request.get(
    (await page.getByRole('link', { name: 'XLSX', exact: true }).first().getAttribute('href'))!,
  );
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-disposition']).toContain(encodeURIComponent('Сводная ведомость'));

  // Another group: the same address with another group's id is refused, saying nothing of it.
  const url = new URL(href!, page.url());
  const own = Number(url.searchParams.get('groupId'));
  for (const other of [own + 1, own - 1].filter((id) => id > 0)) {
    url.searchParams.set('groupId', String(other));
    const refused = await page.request.get(url.toString());
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toEqual({ error: 'Нет доступа к этим данным' });
  }
});

test('методист проверяет журнал перед печатью, открывает ячейку из замечания и печатает копию', async ({ page }) => {
  await signInAs(page, 'metodist');
  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Отчёты группы /);
  await page.getByRole('form', { name: 'Параметры печати' }).getByLabel('Занятий на странице').fill('20');
  await page.getByRole('button', { name: 'Проверить' }).click();
  await expect(page).toHaveURL(/lessonsPerPage=20/);

  const download = page.getByRole('link', { name: 'Скачать журнал (PDF)' });
  const pdf = await page.request.get((await download.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  const body = await pdf.body();
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/journal-printout-e2e.pdf', body);
  const { text: pages, totalPages } = await extractText(new Uint8Array(body), { mergePages: false });
  expect(pages[0]).toContain('КЛАССНЫЙ ЖУРНАЛ');
  pages.forEach((t, i) => expect(t.trim().split('\n')[0]!.trim()).toBe(String(i + 1)));
  expect(pages.at(-1)).toContain(`пронумеровано и прошнуровано ${totalPages} лист`);

  // A remark of the pre-flight opens the journal at its lesson.
  const preflight = page.getByTestId('preflight');
  await expect(preflight).toContainText('Проверка перед печатью');
  await expect(preflight).toContainText(/замечани/);
  await page.screenshot({ path: 'test-results/reports-page.png', fullPage: false });
  const first = preflight.locator('details', { has: page.locator('a[href*="lesson="]') }).first();
  await first.locator('summary').click();
  const remark = first.locator('a[href*="lesson="]').first();
  await expect(remark).toBeVisible();
  const target = (await remark.getAttribute('href'))!;
  await remark.click();
  await expect(page).toHaveURL(target);
  const lessonId = new URL(target, page.url()).searchParams.get('lesson');
  await expect(page.locator(`.ag-cell-focus[col-id="l${lessonId}"]`)).toBeVisible();
  await page.screenshot({ path: 'test-results/journal-at-remark.png' });
});

test('заведующий заверяет копию журнала; код со страницы открывает проверку без входа', async ({ page, browser }) => {
  await signInAs(page, 'zav');
  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Отчёты группы /);
  await page.getByRole('button', { name: 'Заверить копию журнала' }).click();
  await expect(page.locator('.notice[role=status]', { hasText: 'Копия заверена' })).toBeVisible({ timeout: 60_000 });
  const copies = page.getByTestId('copies');
  await expect(copies).toContainText('Классный журнал');

  // The stored copy carries the code on every page; the code read off a page opens the verification.
  const pdf = await page.request.get((await copies.getByRole('link', { name: 'PDF' }).first().getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  const { text: pages } = await extractText(new Uint8Array(await pdf.body()), { mergePages: false });
  const codes = pages.map((t) => /Заверенная копия № ([A-Z0-9]{5}-[A-Z0-9]{5})/.exec(t)?.[1]);
  expect(new Set(codes).size).toBe(1);
  const code = codes[0]!;

  const stranger = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const phone = await stranger.newPage();
  await phone.goto(`/verify/${code.toLowerCase()}`);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Проверка заверенной копии');
  await expect(phone.getByTestId('verdict')).toHaveText('Данные журнала совпадают с заверенной копией.');
  await expect(phone.getByText(`код ${code}`)).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await phone.screenshot({ path: 'test-results/verify-phone.png', fullPage: true });
  await phone.goto('/verify/AAAAA-AAAAB');
  await expect(phone.locator('p[role=alert]')).toContainText('не найдена');
  await stranger.close();
});
