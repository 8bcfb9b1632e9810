import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'demo2026';

export async function signIn(page: Page, login: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

export async function signInAs(page: Page, login: string) {
  await signIn(page, login);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('user-name')).toBeVisible();
}
