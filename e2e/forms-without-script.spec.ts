import { expect, test } from '@playwright/test';
import { PASSWORD, signInAs } from './helpers';

/**
 * Issue #9.12: before the page's script has taken over (or with none at all) a form must not fall back to a GET that
 * writes its fields — a password, a phone — into the address, the browser's history and the servers' access logs.
 */
test('вход без скрипта: пароль не попадает в адрес', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Логин').fill('prepod');
  await page.getByLabel('Пароль').fill(PASSWORD);
  const answer = page.waitForResponse((r) => r.request().isNavigationRequest());
  await page.getByLabel('Пароль').press('Enter');
  const response = await answer;
  expect(response.request().method()).toBe('POST');
  expect(response.status()).toBeLessThan(500);
  expect(page.url()).not.toContain(PASSWORD);
  expect(page.url()).not.toContain('login=');
  expect(new URL(page.url()).search).toBe('');
  await context.close();
});

test('форма с персональными данными без скрипта: телефон не попадает в адрес', async ({ browser, page }) => {
  await signInAs(page, 'kurator');
  const state = await page.context().storageState();
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU', storageState: state });
  const card = await context.newPage();
  await card.goto('/');
  await card.getByTestId('roster').getByRole('link').nth(3).click();
  const editor = card.getByTestId('family-editor');
  await editor.getByLabel('Телефон студента').fill('+7 927 555-44-33');
  const answer = card.waitForResponse((r) => r.request().isNavigationRequest());
  await editor.getByRole('button', { name: 'Сохранить контакты' }).click();
  const response = await answer;
  expect(response.request().method()).toBe('POST');
  expect(card.url()).not.toContain('927');
  expect(card.url()).not.toContain('phone=');
  expect(new URL(card.url()).search).toBe('');
  // A server action (issue #10, item 7): without a script the form is not only safe but saves, and says so.
  await expect(card.getByTestId('family-editor').getByRole('status')).toHaveText('Контакты сохранены');
  await expect(card.getByTestId('card-details')).toContainText('+7 927 555-44-33');
  await context.close();
});

test('журнал открывается и работает по адресу 127.0.0.1 (не только localhost)', async ({ page }) => {
  const port = new URL(test.info().project.use.baseURL!).port;
  await page.goto(`http://127.0.0.1:${port}/login`);
  await page.getByLabel('Логин').fill('prepod');
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(`http://127.0.0.1:${port}/`);
  await expect(page.getByTestId('user-name')).toBeVisible();
});
