import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

test('региональный администратор видит показатели колледжей (без персональных данных) и скачивает их в XLSX', async ({
  page,
}) => {
  await signInAs(page, 'region');
  await page.getByRole('link', { name: 'Показатели колледжей' }).first().click();
  await expect(page).toHaveURL(/\/region\/indicators/);
  await expect(page.getByRole('heading', { name: 'Показатели колледжей' })).toBeVisible();
  const table = page.getByTestId('region-colleges');
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  // The demo college: its zone, its term, its figures.
  const demo = rows.filter({ hasText: 'Москва (МСК)' }).first();
  await expect(demo).toContainText('семестр');
  await expect(demo.locator('td').nth(3)).not.toHaveText('—');
  for (const header of ['Успеваемость, %', 'Качество, %', 'СОУ, %', 'Занятие не заполнено', 'Проведено, % плана'])
    await expect(table.getByRole('button', { name: header })).toBeVisible();
  // Sortable: a click on a number column «Обучающихся» sorts the largest first (as every table), a second reverses.
  const students = table.getByRole('columnheader', { name: /Обучающихся/ });
  await students.getByRole('button').click();
  await expect(students).toHaveAttribute('aria-sort', 'descending');
  await students.getByRole('button').click();
  await expect(students).toHaveAttribute('aria-sort', 'ascending');
  // No person's data on the page: none of the demo college's people.
  await expect(page.getByText('Петрова')).toHaveCount(0);

  const href = await page.getByRole('link', { name: 'Скачать XLSX' }).getAttribute('href');
  expect(href).toContain('/api/reports/region');
  const xlsx = await page.request.get(href!);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  expect(decodeURIComponent(xlsx.headers()['content-disposition'] ?? '')).toContain('Показатели колледжей региона');

  // Another period: the address keeps it, and the workbook follows it.
  const select = page.getByRole('combobox', { name: 'Период' });
  const option = (await select.locator('option').nth(1).getAttribute('value')) ?? '';
  await select.selectOption(option);
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page).toHaveURL(new RegExp(`period=${option}`));
  await expect(page.getByRole('link', { name: 'Скачать XLSX' })).toHaveAttribute(
    'href',
    `/api/reports/region?period=${option}`,
  );
  // The region still reaches no college's records.
  expect((await page.request.get('/api/trpc/people.groups')).status()).toBe(403);
});

test('инспектор видит показатели только своего колледжа', async ({ page }) => {
  await signInAs(page, 'inspektor');
  await page.getByRole('link', { name: 'Показатели колледжей' }).first().click();
  await expect(page.getByTestId('region-colleges').locator('tbody tr')).toHaveCount(1);
});
