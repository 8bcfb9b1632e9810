import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

test('куратор предлагает академический отпуск, администратор проводит его приказом', async ({ page, browser }) => {
  await signInAs(page, 'kurator');
  const link = page.getByTestId('roster').getByRole('link').nth(5);
  const student = (await link.textContent())!;
  await link.click();
  const form = page.getByTestId('proposal-form');
  await form.getByLabel('С какой даты').fill('2027-03-01');
  await form.getByRole('button', { name: 'Отправить предложение' }).click();
  await expect(page.locator('.error[role=alert]')).toContainText('Основание: опишите');
  await form.getByLabel('Основание').fill('Заявление студента, медицинская справка');
  await form.getByRole('button', { name: 'Отправить предложение' }).click();
  await expect(page.getByRole('status')).toHaveText('Предложение отправлено администратору');
  await page.getByRole('link', { name: 'Движение' }).click();
  await expect(page.getByTestId('proposals').getByRole('row', { name: new RegExp(student) })).toContainText(
    'ждёт решения',
  );

  const context = await browser.newContext({ locale: 'ru-RU' });
  const admin = await context.newPage();
  await signInAs(admin, 'admin');
  await admin.getByRole('link', { name: 'Движение' }).click();
  const row = admin.getByTestId('proposals').getByRole('row', { name: new RegExp(student) });
  await expect(row).toContainText('академический отпуск с 01.03.2027');
  await row.getByLabel('Приказ №').fill('41-к');
  await row.getByLabel('от', { exact: true }).fill('2027-02-25');
  await row.getByRole('button', { name: 'Провести' }).click();
  await expect(admin.getByRole('status')).toContainText('проведено по приказу');
  await expect(row).toContainText('проведено');
  await context.close();

  await page.reload();
  await expect(page.getByTestId('proposals').getByRole('row', { name: new RegExp(student) })).toContainText(
    'Приказ № 41-к',
  );
});
