import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

/** Issue #10, item 7: forms that change data and re-render the page are server actions built by `formAction`. */
test('структура колледжа: отказ сохраняет введённое, успех закрывает форму с сообщением', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.goto('/admin/structure');
  const departments = page.locator('section').filter({ has: page.getByRole('heading', { name: /^Отделения/ }) });
  const name = (await departments.locator('tbody tr').first().locator('td').first().textContent())!;
  await departments.locator('tbody tr').first().getByRole('button', { name: 'Изменить' }).click();
  const form = page.getByTestId('structure-form');
  await form.getByLabel('Название отделения').fill('О');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form.getByRole('alert')).toHaveText('Название отделения: не короче 3 знаков');
  await expect(form.getByLabel('Название отделения')).toHaveValue('О');
  await form.getByLabel('Название отделения').fill(name);
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('status')).toHaveText(`Отделение «${name}» сохранено`);
  await expect(page.getByTestId('structure-form')).toHaveCount(0);
});

test('зачисление без скрипта: форма отправляется POST, ответ — страница с сообщением об ошибке', async ({
  browser,
  page,
}) => {
  await signInAs(page, 'admin');
  const state = await page.context().storageState();
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU', storageState: state });
  const noScript = await context.newPage();
  await noScript.goto('/groups/2');
  const form = noScript.getByTestId('enrol-form');
  await form.getByLabel('Имя').fill('Без-Фамилии');
  const answer = noScript.waitForResponse((r) => r.request().isNavigationRequest());
  await form.getByRole('button', { name: 'Зачислить' }).click();
  expect((await answer).request().method()).toBe('POST');
  await expect(noScript.getByTestId('enrol-form').getByRole('alert')).toContainText('Фамилия: заполните');
  expect(noScript.url()).not.toContain('Без-Фамилии');
  await context.close();
});
