import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { extractText } from 'unpdf';
import { signIn, signInAs } from './helpers';

test('куратор делит группу на три подгруппы во втором семестре', async ({ page }) => {
  await signInAs(page, 'kurator');
  await page.getByRole('link', { name: 'Подгруппы' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Подгруппы группы ИС-21, 1 семестр 2026/2027');
  await page.getByRole('link', { name: '2 семестр 2026/2027' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Подгруппы группы ИС-21, 2 семестр 2026/2027');

  const rows = page.getByTestId('subgroup-split').locator('tbody tr');
  const students = await rows.count();
  expect(students).toBeGreaterThan(15);
  await page.getByRole('button', { name: 'Добавить подгруппу' }).click();
  await page.getByLabel('Название подгруппы 3').fill('Группа по выбору');
  await page.getByRole('button', { name: 'Поровну по списку' }).click();
  const third = Math.floor(students / 3);
  await expect(page.getByTestId('subgroup-count-3')).toContainText(`${students - 2 * Math.ceil(students / 3)} чел.`);
  await page.getByRole('button', { name: 'Сохранить подгруппы' }).click();
  await expect(page.getByRole('status')).toHaveText(`Сохранено: подгрупп 3, студентов ${students}`);

  await page.reload();
  await expect(page.getByLabel('Название подгруппы 3')).toHaveValue('Группа по выбору');
  await expect(page.getByTestId('subgroup-count-1')).toContainText(`${Math.ceil(students / 3)} чел.`);
  expect(third).toBeGreaterThan(3);

  // A repeated name is refused, nothing saved.
  await rows.first().getByRole('radio').nth(2).check();
  await page.getByLabel('Название подгруппы 3').fill('1 подгруппа');
  await page.getByRole('button', { name: 'Сохранить подгруппы' }).click();
  await expect(page.locator('.error[role=alert]')).toContainText('Подгруппа «1 подгруппа»: название повторяется');
});

test('куратор выдаёт доступ родителю; родитель входит с паролем из листка и обязан его сменить', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'kurator');
  await page.getByRole('link', { name: 'Доступ студентов и родителей' }).click();
  const list = page.getByTestId('access-list');
  const row = list.locator('tbody tr').filter({ hasText: 'нет доступа' }).nth(1);
  const parentLabel = row.locator('td').nth(2).locator('label').first();
  const parentName = (await parentLabel.textContent())!.replace(/\s*\(.*$/, '').trim();
  await parentLabel.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Выдать доступ отмеченным (1)' }).click();

  const issued = page.getByTestId('issued-slips');
  await expect(issued.getByRole('heading')).toHaveText('Выданы доступы: 1');
  await expect(issued).toContainText(parentName);
  const shownLogin = (await issued.getByTestId('slip-login').textContent())!;

  const downloading = page.waitForEvent('download');
  await issued.getByRole('button', { name: 'Скачать листки (PDF)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Листки доступа ИС-21.pdf');
  const pdf = await readFile(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  expect(text).toContain(parentName);
  // The slip gives the college's configured public address, not the one this browser used (issue #9.10).
  expect(text).toContain('https://ezh.kolledzh.example');
  expect(text).not.toContain('localhost');
  const login = text.match(/Логин\s+(\S+)/)![1]!;
  const password = text.match(/Временный пароль\s+(\S+)/)![1]!;
  expect(login).toBe(shownLogin);
  await expect(list.locator('tbody tr').filter({ hasText: parentName })).toContainText(`${login}, пароль не сменён`);

  const parentContext = await browser.newContext({ locale: 'ru-RU' });
  const parent = await parentContext.newPage();
  await signIn(parent, login, password);
  await expect(parent).toHaveURL(/\/account\/password/);
  await expect(parent.getByText('Это первый вход с выданным паролем')).toBeVisible();
  // Nothing else opens until the password is changed.
  await parent.goto('/');
  await expect(parent).toHaveURL(/\/account\/password/);
  await parent.getByLabel('Текущий пароль').fill(password);
  await parent.getByLabel('Новый пароль (не короче 8 символов)').fill('Родитель-2026');
  await parent.getByLabel('Повтор нового пароля').fill('Родитель-2026');
  await parent.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(parent.getByRole('status')).toContainText('Пароль изменён');
  await parent.goto('/');
  await expect(parent.getByTestId('user-role')).toHaveText('Родитель');
  await expect(parent.getByRole('heading', { name: /группа ИС-21/ })).toBeVisible();
  await parentContext.close();

  // The slip's password no longer works; printing the slip again is refused.
  const again = await page.request.post('/api/reports/access-slips', {
    data: { groupId: 2, slips: [{ kind: 'guardian', id: 1, password }] },
  });
  expect(again.status()).toBeGreaterThanOrEqual(400);
});

test('преподаватель не может выдавать доступ ни страницей, ни запросом', async ({ page }) => {
  await signInAs(page, 'prepod');
  const response = await page.request.post('/api/reports/access-slips', {
    data: { groupId: 2, slips: [{ kind: 'student', id: 1, password: 'x' }] },
  });
  expect(response.status()).toBe(403);
  await page.goto('/groups/2/access');
  await expect(page.locator('.error[role=alert]')).toHaveText('Нет доступа к этой группе.');
});
