import { expect, test } from '@playwright/test';
import { signIn, signInAs } from './helpers';

test('администратор отключает сотрудника — его открытый сеанс завершается сразу, вход отклонён; затем включает', async ({
  browser,
}) => {
  const inspectorContext = await browser.newContext({ locale: 'ru-RU' });
  const inspector = await inspectorContext.newPage();
  await signInAs(inspector, 'inspektor');

  const adminContext = await browser.newContext({ locale: 'ru-RU' });
  const admin = await adminContext.newPage();
  await signInAs(admin, 'admin');
  await admin.getByRole('link', { name: 'Сотрудники' }).click();
  const row = admin.getByTestId('staff').getByRole('row', { name: /inspektor/ });
  try {
    await row.getByRole('button', { name: 'Отключить' }).click();
    await expect(admin.getByRole('status')).toContainText('учётная запись отключена, все сеансы завершены');
    await expect(row).toContainText('отключён');

    // The inspector's next request finds no session: back to the login page; signing in is refused.
    await inspector.reload();
    await expect(inspector).toHaveURL(/\/login/);
    await signIn(inspector, 'inspektor');
    await expect(inspector.locator('.error[role=alert]')).toHaveText('Неверный логин или пароль.');
  } finally {
    await row.getByRole('button', { name: 'Включить' }).click();
    await expect(row).toContainText('активен');
  }
  await signInAs(inspector, 'inspektor');
  await inspectorContext.close();
  await adminContext.close();
});

test('администратор добавляет сотрудника с ролями и меняет их', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.getByRole('link', { name: 'Сотрудники' }).click();
  await page.getByRole('button', { name: 'Добавить сотрудника' }).click();
  const form = page.getByTestId('staff-form');
  await form.getByRole('button', { name: 'Добавить' }).click();
  await expect(page.locator('.error[role=alert]')).toContainText('Фамилия');
  await form.getByLabel('Фамилия').fill('Воронцова');
  await form.getByLabel('Имя').fill('Алла');
  await form.getByLabel('Отчество').fill('Денисовна');
  await form.getByLabel('Должность').fill('Преподаватель математики');
  await form.getByLabel('Преподаватель').check();
  await form.getByLabel('Методист').check();
  await form.getByRole('button', { name: 'Добавить' }).click();
  await expect(page.getByRole('status')).toContainText('Сотрудник добавлен. Логин: vorontsova.ad, одноразовый пароль');
  const row = page.getByTestId('staff').getByRole('row', { name: /vorontsova\.ad/ });
  await expect(row).toContainText('Преподаватель, Методист');

  await row.getByRole('button', { name: 'Изменить' }).click();
  await page.getByTestId('staff-form').getByLabel('Методист').uncheck();
  await page.getByTestId('staff-form').getByLabel('Заведующий отделением').selectOption({ index: 1 });
  await page.getByTestId('staff-form').getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('status')).toHaveText('Воронцова Алла: изменения сохранены');
  await expect(row).toContainText(/Преподаватель, Заведующий отделением \(Отделение/);
});
