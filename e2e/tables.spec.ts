import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

/** Issue #10, item 7: read-only lists are one DataTable (@tanstack/react-table) — sorted by a header, searched. */
test('список группы: сортировка по заголовку туда и обратно, поиск без учёта регистра и ё', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.goto('/groups/2');
  const roster = page.getByTestId('roster');
  const rows = roster.locator('tbody tr');
  const total = await rows.count();
  expect(total).toBeGreaterThan(10);

  // A number column sorts from the largest first (who missed most), the second click reverses it.
  const header = roster.getByRole('columnheader', { name: /Пропущено часов/ });
  const missed = async () => (await roster.locator('tbody tr td:nth-child(3)').allTextContents()).map(Number);
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const down = await missed();
  expect(down).toEqual([...down].sort((a, b) => b - a));
  expect(down[0]).toBeGreaterThan(down.at(-1)!);
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const up = await missed();
  expect(up).toEqual([...up].sort((a, b) => a - b));

  // A text column sorts in Russian alphabetical order.
  const nameHeader = roster.getByRole('columnheader', { name: /ФИО/ });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  const sortedNames = await roster.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(sortedNames).toEqual([...sortedNames].sort((a, b) => a.localeCompare(b, 'ru')));

  const names = await roster.locator('tbody tr td:nth-child(2)').allTextContents();
  const surname = names[0]!.split(' ')[0]!;
  // Typed in lower case and with е for ё: still found.
  await page.getByLabel('Поиск по списку').fill(surname.toLowerCase().replace(/ё/g, 'е'));
  await expect(rows.first()).toContainText(surname);
  const found = await rows.count();
  expect(found).toBeLessThan(total);
  await expect(page.getByRole('status')).toHaveText(new RegExp(`Найдено: ${found} из ${total} строк`));
  await page.getByLabel('Поиск по списку').fill('нет-такого-студента');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveText('Ничего не найдено.');
});
