import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

test('администратор открывает новый учебный год и переводит колледж на следующий курс по предпросмотру', async ({
  page,
}) => {
  await signInAs(page, 'admin');
  await page.getByRole('link', { name: 'Учебный год' }).click();
  const form = page.getByTestId('open-year');
  await expect(form.getByLabel('Учебный год')).toHaveValue('2027/2028');
  await form.getByRole('button', { name: 'Открыть учебный год' }).click();
  await expect(page.getByRole('status')).toHaveText('Учебный год 2027/2028 открыт');

  await page.getByRole('link', { name: 'Перевод на следующий курс →' }).click();
  const transfer = page.getByTestId('transfer-form');
  await expect(transfer.getByLabel('Перевести в учебный год')).toHaveValue(/\d+/);
  await transfer.getByLabel('Приказ №').fill('245-к');
  await transfer.getByLabel('от', { exact: true }).fill('2027-06-28');
  await transfer.getByRole('button', { name: 'Показать, что будет' }).click();

  const preview = page.getByTestId('transfer-preview');
  const row = (name: string) =>
    preview.locator('tbody tr').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(preview.getByRole('heading')).toHaveText('Из 2026/2027 в 2027/2028, с 01.09.2027');
  // The proposed names stand in inputs the administrator may correct; these names carry the course.
  const newName = (name: string) => row(name).getByLabel(`Новое название ${name}`);
  await expect(newName('ИС-21')).toHaveValue('ИС-31');
  await expect(row('ИС-21')).toContainText('3 курс');
  await expect(newName('ИС-31')).toHaveValue('ИС-41');
  await expect(row('ИС-31')).toContainText('4 курс');
  await expect(newName('ЭБ-21')).toHaveValue('ЭБ-31');
  await expect(row('ЭБ-21')).toContainText('3 курс');
  await expect(row('ИС-21')).toContainText('первая цифра — номер курса');
  // Nothing has changed yet: the preview only shows.
  await page.goto('/');
  await expect(page.getByText('ИС-41')).toHaveCount(0);
  await page.goBack();

  await page.getByTestId('transfer-form').getByLabel('Приказ №').fill('245-к');
  await page.getByTestId('transfer-form').getByLabel('от', { exact: true }).fill('2027-06-28');
  await page.getByRole('button', { name: 'Показать, что будет' }).click();
  const button = page.getByRole('button', { name: /Перевести: групп 6, студентов \d+/ });
  const students = Number((await button.textContent())!.match(/студентов (\d+)/)![1]);
  expect(students).toBeGreaterThan(150);
  page.once('dialog', (dialog) => void dialog.accept());
  await button.click();
  await expect(page.getByRole('status')).toHaveText(`Переведено групп: 6, выпущено: 0; студентов: ${students}`);

  await page.goto('/');
  await expect(page.getByRole('link', { name: 'ИС-41' })).toBeVisible();
  // This year's journals keep the names the groups have this year.
  await page.goto('/journals');
  await expect(page.getByRole('row', { name: /ИС-21.*ОП\.04 Основы алгоритмизации и программирования/ })).toBeVisible();

  // A second transfer into the same year finds nothing to do.
  await page.goto('/admin/transfer');
  await page.getByRole('button', { name: 'Показать, что будет' }).click();
  await expect(page.getByTestId('transfer-preview')).toContainText('Все группы уже переведены в этот учебный год.');

  // The new year's load: journals from the curricula in one action, then a teacher for one of them.
  await page.goto('/load');
  await page.getByRole('link', { name: '1 семестр 2027/2028' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Нагрузка: 1 семестр 2027/2028');
  const create = page.getByRole('button', { name: /Создать нагрузку из учебного плана \(\d+\)/ });
  const planned = Number((await create.textContent())!.match(/\((\d+)\)/)![1]);
  expect(planned).toBeGreaterThan(20);
  await create.click();
  await expect(page.getByRole('status')).toHaveText(`Создано журналов: ${planned}`);
  const is31 = page.getByTestId('load-ИС-31');
  await expect(is31.getByRole('heading')).toContainText('5 семестр обучения');
  await is31.getByRole('combobox').first().selectOption({ label: 'Петрова А. Н.' });
  await expect(page.getByRole('status')).toContainText(': Петрова А. Н.,');
  await page.reload();
  await expect(page.getByTestId('load-ИС-31').getByRole('combobox').first()).toHaveValue(/\d+/);

  // A student goes on academic leave by order, from a date.
  await page.goto('/groups/2');
  await page.getByTestId('roster').getByRole('link').first().click();
  const movement = page.getByTestId('movement-form');
  await movement.getByLabel('Что').selectOption({ label: 'Академический отпуск' });
  await movement.getByLabel('С даты').fill('2027-10-01');
  await movement.getByLabel('Приказ №').fill('50-к');
  await movement.getByLabel('от', { exact: true }).fill('2027-09-28');
  await movement.getByRole('button', { name: 'Провести' }).click();
  await expect(page.getByRole('status')).toHaveText('Академический отпуск: проведено по приказу № 50-к');
  await expect(page.getByTestId('card-history')).toContainText('академический отпуск, приказ № 50-к');
});
