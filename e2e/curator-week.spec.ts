import { expect, test } from '@playwright/test';
import { extractText } from 'unpdf';
import { signInAs } from './helpers';

/** Issue #13, item 4: the curator opens the group's week, sees marks, missed hours and the students at risk, prints it. */
test('куратор: неделя группы — оценки и пропуски по предметам, группа риска, PDF и XLSX', async ({ page }) => {
  await signInAs(page, 'kurator');
  await page.getByRole('link', { name: 'Неделя группы' }).first().click();
  await expect(page.getByRole('heading', { name: /Группа ИС-21: неделя/ })).toBeVisible();
  await expect(page.getByTestId('week-row').first()).toBeVisible();
  await page.getByRole('link', { name: '← Предыдущая неделя' }).click();
  await expect(page).toHaveURL(/date=\d{4}-\d{2}-\d{2}&period=week/);
  await page.getByRole('link', { name: 'За месяц' }).click();
  await expect(page.getByRole('heading', { name: /Группа ИС-21: месяц/ })).toBeVisible();
  const rows = await page.getByTestId('week-row').count();
  expect(rows).toBeGreaterThan(10);
  await expect(page.getByRole('heading', { name: /Группа риска/ })).toBeVisible();

  const pdfHref = await page.getByRole('link', { name: 'PDF' }).getAttribute('href');
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
  expect(text).toContain('УСПЕВАЕМОСТЬ И ПОСЕЩАЕМОСТЬ ГРУППЫ ИС-21');
  expect(text).toContain('Студенты группы риска');
  const xlsx = await page.request.get((await page.getByRole('link', { name: 'XLSX' }).getAttribute('href'))!);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
});
