import { expect, test } from '@playwright/test';
import { signIn, signInAs } from './helpers';

test('региональный администратор создаёт колледж; его администратор входит с одноразовым паролем и видит пустой колледж', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'region');
  await expect(page.getByTestId('user-role')).toHaveText('Региональный администратор');
  await page.getByRole('link', { name: 'Колледжи региона' }).first().click();
  await expect(page.getByTestId('institutions').locator('tbody tr')).toHaveCount(1);
  const form = page.getByTestId('institution-form');
  await form.getByLabel('Полное название').fill('ГАПОУ «Сызранский политехнический колледж»');
  await form.getByLabel('Краткое название').fill('Сызранский политехнический');
  await form.getByLabel('Город').fill('Сызрань');
  await form.getByLabel('Фамилия').fill('Лебедева');
  await form.getByLabel('Имя').fill('Светлана');
  await form.getByLabel('Логин').fill('lebedeva.s');
  await form.getByRole('button', { name: 'Создать колледж' }).click();
  const notice = page.getByRole('status');
  await expect(notice).toContainText('Колледж создан. Администратор: логин lebedeva.s');
  const password = (await notice.textContent())!.match(/одноразовый пароль (\S+)/)![1]!;
  await expect(page.getByTestId('institutions').locator('tbody tr')).toHaveCount(2);
  // The region sees no college's journals or people.
  expect((await page.request.get('/api/trpc/people.groups')).status()).toBe(403);

  const context = await browser.newContext({ locale: 'ru-RU' });
  const admin = await context.newPage();
  await signIn(admin, 'lebedeva.s', password);
  await expect(admin).toHaveURL(/\/account\/password/);
  await admin.getByLabel('Текущий пароль').fill(password);
  await admin.getByLabel('Новый пароль (не короче 8 символов)').fill('Политех-2026');
  await admin.getByLabel('Повтор нового пароля').fill('Политех-2026');
  await admin.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(admin.getByRole('status')).toContainText('Пароль изменён');
  await admin.goto('/admin/structure');
  await expect(admin.getByTestId('structure-groups').locator('tbody tr')).toHaveText(['Групп нет.']);
  await expect(admin.getByText('ИС-21')).toHaveCount(0);
  await context.close();
});
