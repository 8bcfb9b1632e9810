import { expect, test } from '@playwright/test';
import { signIn, signInAs } from './helpers';

test.describe('every demo role signs in and sees its home with real data', () => {
  test('преподаватель: мои журналы', async ({ page }) => {
    await signInAs(page, 'prepod');
    await expect(page.getByTestId('user-name')).toHaveText('Петрова А. Н.');
    await expect(page.getByTestId('user-role')).toHaveText('Преподаватель');
    const journals = page.getByTestId('assignments');
    await expect(journals.getByRole('heading', { name: 'Мои журналы' })).toBeVisible();
    await expect(
      journals.getByRole('row', { name: /ИС-21.*ОП\.04 Основы алгоритмизации и программирования/ }),
    ).toBeVisible();
    // Seven of her own and the one where she substituted for a colleague on 26.11 (the demo's published change).
    await expect(journals.locator('tbody tr')).toHaveCount(8);
    await expect(journals.locator('tbody tr', { hasText: 'замена' })).toHaveCount(1);
    await expect(page.getByRole('link', { name: 'Журнал входов' })).toHaveCount(0);
  });

  test('куратор: список своей группы', async ({ page }) => {
    await signInAs(page, 'kurator');
    await expect(page.getByTestId('user-role')).toHaveText('Куратор');
    await expect(page.getByRole('heading', { name: /Моя группа ИС-21/ })).toBeVisible();
    const rows = page.getByTestId('roster').locator('tbody tr');
    await expect(rows).toHaveCount(20);
    await expect(rows.first()).toContainText(/[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+/);
  });

  test('администратор: структура колледжа со счётчиками', async ({ page }) => {
    await signInAs(page, 'admin');
    await expect(page.getByTestId('user-role')).toHaveText('Администратор');
    const structure = page.getByTestId('structure');
    await expect(
      structure.getByRole('heading', { name: /Колледж информационных технологий и экономики/ }),
    ).toBeVisible();
    await expect(structure.locator('.card').filter({ hasText: 'групп' }).locator('.value')).toHaveText('6');
    await expect(structure.getByRole('link', { name: 'ПНК-11' })).toBeVisible();
    await page.getByRole('link', { name: 'Журнал входов' }).first().click();
    await expect(page.getByRole('heading', { name: 'Журнал входов' })).toBeVisible();
    await expect(page.getByRole('row', { name: /admin/ }).first()).toContainText('вход');
  });

  test('заведующий отделением: только своё отделение', async ({ page }) => {
    await signInAs(page, 'zav');
    await expect(page.getByTestId('user-role')).toHaveText('Заведующий отделением');
    await expect(page.getByRole('heading', { name: 'Отделение информационных технологий и транспорта' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Отделение экономики и педагогики' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'ТО-21' })).toBeVisible();
  });

  test('методист: все отделения', async ({ page }) => {
    await signInAs(page, 'metodist');
    await expect(page.getByTestId('user-role')).toHaveText('Методист');
    await expect(page.getByRole('heading', { name: 'Отделение экономики и педагогики' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Отделение информационных технологий и транспорта' })).toBeVisible();
  });

  test('инспектор: структура только для чтения, без журнала входов', async ({ page }) => {
    await signInAs(page, 'inspektor');
    await expect(page.getByTestId('user-role')).toHaveText('Инспектор');
    await expect(page.getByTestId('structure')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Журнал входов' })).toHaveCount(0);
  });

  test('студент: свои оценки', async ({ page }) => {
    await signInAs(page, 'student');
    await expect(page.getByTestId('user-role')).toHaveText('Студент');
    const own = page.getByTestId('family-student');
    await expect(own).toHaveCount(1);
    await expect(own.getByRole('heading', { name: /группа ИС-21/ })).toBeVisible();
    await expect(own.getByRole('heading', { name: 'Мои последние оценки и отметки' })).toBeVisible();
    await expect(own.locator('tbody tr').first()).toContainText(/\d\d\.\d\d\.2026/);
  });

  test('родитель: двое детей в разных группах', async ({ page }) => {
    await signInAs(page, 'roditel');
    await expect(page.getByTestId('user-role')).toHaveText('Родитель');
    const children = page.getByTestId('family-student');
    await expect(children).toHaveCount(2);
    await expect(children.getByRole('heading', { name: /группа ИС-21/ })).toBeVisible();
    await expect(children.getByRole('heading', { name: /группа ПНК-11/ })).toBeVisible();
  });
});

test('неверный пароль: сообщение по-русски, вход не выполнен', async ({ page }) => {
  await signIn(page, 'prepod', 'неверный-пароль');
  await expect(page.locator('.error[role=alert]')).toHaveText('Неверный логин или пароль.');
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, 'nobody-here', 'whatever');
  await expect(page.locator('.error[role=alert]')).toHaveText('Неверный логин или пароль.');
});

test('выход из системы возвращает на страницу входа', async ({ page }) => {
  await signInAs(page, 'metodist');
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});
