import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

test('куратор ведёт карточку студента: контакты и родитель, ошибки по-русски', async ({ page }) => {
  await signInAs(page, 'kurator');
  await page.getByTestId('roster').getByRole('link').nth(8).click();
  const editor = page.getByTestId('family-editor');
  await editor.getByLabel('Эл. почта').fill('не-почта');
  await editor.getByLabel('Телефон студента').fill('+7 927 111-22-33');
  await editor.evaluate((el) =>
    el.querySelectorAll('input[type=email]').forEach((i) => i.setAttribute('type', 'text')),
  );
  await editor.getByRole('button', { name: 'Сохранить контакты' }).click();
  await expect(page.locator('.error[role=alert]')).toContainText('Эл. почта: не адрес почты');
  await editor.getByLabel('Эл. почта').fill('s@example.ru');
  await editor.getByRole('button', { name: 'Сохранить контакты' }).click();
  await expect(page.getByRole('status')).toHaveText('Контакты сохранены');

  const form = page.getByTestId('guardian-form');
  await form.getByLabel('Фамилия').fill('Smith');
  await form.getByLabel('Имя').fill('Анна');
  await form.getByRole('button', { name: 'Добавить нового' }).click();
  await expect(page.locator('.error[role=alert]')).toContainText('Фамилия родителя: только русские буквы');
  await form.getByLabel('Фамилия').fill('Опекунова');
  await form.getByLabel('Телефон').fill('+7 927 123-00-99');
  await form.getByLabel('Кем приходится').selectOption('опекун');
  await form.getByRole('button', { name: 'Добавить нового' }).click();
  // The contacts' notice stays by its own form; the parent's is the editor's.
  await expect(page.getByRole('status').filter({ hasText: 'Родитель' })).toHaveText('Родитель указан у студента');
  await expect(editor).toContainText('Опекунова Анна — опекун, +7 927 123-00-99');
});
