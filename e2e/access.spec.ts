import { expect, test } from '@playwright/test';
import type { HealthReport } from '../server/health';
import { signInAs } from './helpers';

test('без входа: страницы ведут на вход, API отвечает 401', async ({ page, request }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  const res = await request.get('/api/trpc/me.get');
  expect(res.status()).toBe(401);
  const csv = await request.get('/api/reports/group-roster/1');
  expect(csv.status()).toBe(401);
});

test('проверка здоровья для мониторинга отвечает без входа и не отдаёт ничего, кроме проверок', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toContain('no-store');
  const body = (await res.json()) as HealthReport;
  expect(Object.keys(body).sort()).toEqual(['database', 'migrations', 'ok', 'queue']);
  expect(body.ok).toBe(true);
  expect(body.queue.ok && body.migrations.ok && body.database.ok).toBe(true);
});

test('куратор скачивает список своей группы, преподаватель получает 403', async ({ page, browser }) => {
  await signInAs(page, 'kurator');
  const link = page.getByRole('link', { name: /Скачать список/ });
  const href = (await link.getAttribute('href'))!;
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/csv');
  const text = await res.text();
  expect(text).toContain('Группа ИС-21');
  expect(text.split('\r\n').filter((l) => /^\d+;/.test(l))).toHaveLength(20);

  const teacher = await browser.newPage();
  await signInAs(teacher, 'prepod');
  expect((await teacher.request.get(href)).status()).toBe(403);
  expect((await teacher.request.get('/api/trpc/audit.signIns')).status()).toBe(403);
  await teacher.goto(href.replace('/api/reports/group-roster/', '/groups/'));
  await expect(teacher.locator('.error[role=alert]')).toHaveText('Нет доступа к этой группе.');
  await teacher.close();
});

test('заведующий не открывает группу чужого отделения', async ({ page }) => {
  await signInAs(page, 'zav');
  const res = await page.request.get('/api/trpc/people.groups');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { result: { data: { json: { id: number; name: string }[] } } };
  const names = body.result.data.json.map((g) => g.name);
  expect(names).toEqual(expect.arrayContaining(['ИС-21', 'ТО-21']));
  expect(names).not.toContain('ЭБ-21');
});

test('смена пароля: ошибки по-русски, затем вход с новым паролем', async ({ page }) => {
  await signInAs(page, 'inspektor');
  await page.getByRole('link', { name: 'Сменить пароль' }).click();
  await page.getByLabel('Текущий пароль').fill('demo2026');
  await page.getByLabel('Новый пароль (не короче 8 символов)').fill('коротк');
  await page.getByLabel('Повтор нового пароля').fill('коротк');
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.locator('.error[role=alert]')).toContainText('Новый пароль: не короче 8 символов');
  await page.getByLabel('Текущий пароль').fill('demo2026');
  await page.getByLabel('Новый пароль (не короче 8 символов)').fill('Инспекция-2027');
  await page.getByLabel('Повтор нового пароля').fill('Инспекция-2027');
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByRole('status')).toContainText('Пароль изменён');
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Логин').fill('inspektor');
  await page.getByLabel('Пароль').fill('Инспекция-2027');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByTestId('user-role')).toHaveText('Инспектор');
  // Put the demo password back for the other tests.
  await page.goto('/account/password');
  await page.getByLabel('Текущий пароль').fill('Инспекция-2027');
  await page.getByLabel('Новый пароль (не короче 8 символов)').fill('demo2026');
  await page.getByLabel('Повтор нового пароля').fill('demo2026');
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByRole('status')).toContainText('Пароль изменён');
});

test('куратор открывает карточку студента — администратор видит этот просмотр в журнале доступа к ПДн', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'kurator');
  const first = page.getByTestId('roster').getByRole('link').first();
  const name = (await first.textContent())!;
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByTestId('card-details')).toContainText('Дата рождения');
  await expect(page.getByTestId('card-history')).toContainText('ИС-21');

  const admin = await browser.newPage();
  await signInAs(admin, 'admin');
  await admin.getByRole('link', { name: 'Доступ к ПДн' }).click();
  await expect(admin.getByTestId('card-views').locator('tbody tr').first()).toContainText(name);
  await expect(admin.getByTestId('card-views').locator('tbody tr').first()).toContainText('kurator');
  await admin.close();

  // A parent sees the own child's card without personal details, and no one else's.
  const parent = await browser.newPage();
  await signInAs(parent, 'roditel');
  const res = await parent.request.get(
    `/api/trpc/people.studentCard?input=${encodeURIComponent(JSON.stringify({ json: { studentId: 1 } }))}`,
  );
  expect(res.status()).toBe(403);
  await parent.close();
});
