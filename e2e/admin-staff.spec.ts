import { expect, test } from '@playwright/test';
import { signIn, signInAs } from './helpers';

test('администратор отключает сотрудника — его открытый сеанс завершается сразу, вход отклонён; затем включает', async ({ browser }) => {
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
