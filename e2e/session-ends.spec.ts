import { expect, test, type APIRequestContext, type BrowserContext } from '@playwright/test';
import { PASSWORD, signInAs } from './helpers';

/**
 * Issue #26, item 1 (OWASP ASVS 4.0 V3.3.1), replayed as reported: a cookie kept from a session is sent again after
 * «Выйти» — over plain HTTP to next-auth's session, tRPC (`journal.page`, `journal.save`, `family.portal`), a report
 * route and a page; and a page left open in another window posts its server action with it.
 */

async function kept(context: BrowserContext, request: APIRequestContext) {
  const cookies = await context.cookies();
  const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const get = (url: string) => request.get(url, { headers: { cookie: header }, maxRedirects: 0 });
  const post = (url: string, data: unknown) =>
    request.post(url, { headers: { cookie: header, 'content-type': 'application/json' }, data, maxRedirects: 0 });
  const query = (path: string, input: unknown) =>
    get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  return { get, post, query };
}

test('после «Выйти» сохранённая cookie ничего не открывает и не ставит отметку', async ({ page, request }) => {
  await signInAs(page, 'prepod');
  await page.goto('/journals');
  const href = (await page.locator('a[href^="/journals/"]').first().getAttribute('href'))!;
  const assignmentId = Number(href.split('/').pop());
  const replay = await kept(page.context(), request);

  const before = await replay.query('journal.page', { assignmentId });
  expect(before.status()).toBe(200);
  const journal = (await before.json()) as {
    result: { data: { json: { cells: string; lessons: { id: number }[] } } };
  };
  const [lessonId, studentId, , , , version] = (JSON.parse(journal.result.data.json.cells) as number[][])[0]!;
  expect((await (await replay.get('/api/auth/session')).json()) as object).toHaveProperty('userId');

  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL(/\/login/);

  expect(await (await replay.get('/api/auth/session')).json()).toEqual({});
  expect((await replay.query('journal.page', { assignmentId })).status()).toBe(401);
  const save = await replay.post('/api/trpc/journal.save', {
    json: {
      assignmentId,
      source: 'typing',
      clientBatchId: 'replayed-after-sign-out',
      cells: [{ lessonId, studentId, text: '2', baseVersion: version }],
    },
  });
  expect(save.status()).toBe(401);
  expect((await replay.get(`/api/reports/ktp/${assignmentId}`)).status()).toBe(401);
  const home = await replay.get('/journals');
  expect([302, 303, 307]).toContain(home.status());
  expect(home.headers()['location']).toContain('/login');

  // Signed in again: the mark was not written by the replay.
  await signInAs(page, 'prepod');
  const after = await page.request.get(
    `/api/trpc/journal.page?input=${encodeURIComponent(JSON.stringify({ json: { assignmentId } }))}`,
  );
  const cells = JSON.parse(((await after.json()) as typeof journal).result.data.json.cells) as number[][];
  expect(cells.find((c) => c[0] === lessonId && c[1] === studentId)?.[5]).toBe(version);
});

test('выход родителя: family.portal не отвечает по старой cookie; выход на одном устройстве не закрывает другое', async ({
  browser,
  request,
}) => {
  const phone = await browser.newPage();
  const laptop = await browser.newPage();
  await signInAs(phone, 'roditel');
  await signInAs(laptop, 'roditel');
  const portalOf = async (context: BrowserContext) => {
    const me = await kept(context, request);
    const session = (await (await me.get('/api/auth/session')).json()) as { userId?: number };
    return { me, session };
  };
  const { me: phoneReplay } = await portalOf(phone.context());
  const students = await phoneReplay.query('family.students', undefined);
  expect(students.status()).toBe(200);
  const studentId = ((await students.json()) as { result: { data: { json: { id: number }[] } } }).result.data.json[0]!
    .id;
  expect((await phoneReplay.query('family.portal', { studentId })).status()).toBe(200);

  await phone.getByRole('button', { name: 'Выйти' }).click();
  await expect(phone).toHaveURL(/\/login/);
  expect((await phoneReplay.query('family.portal', { studentId })).status()).toBe(401);

  await laptop.reload();
  await expect(laptop.getByTestId('user-name')).toBeVisible();
  const { me: laptopReplay } = await portalOf(laptop.context());
  expect((await laptopReplay.query('family.portal', { studentId })).status()).toBe(200);
  await phone.close();
  await laptop.close();
});

test('открытая форма после выхода в другом окне: действие сервера отказывает, пароль не меняется', async ({
  browser,
}) => {
  const left = await browser.newContext();
  const page = await left.newPage();
  await signInAs(page, 'zav');
  await page.goto('/account/password');
  // Another window of the same session (the same cookie) signs out.
  const other = await browser.newContext();
  await other.addCookies(await left.cookies());
  const otherPage = await other.newPage();
  await otherPage.goto('/');
  await otherPage.getByRole('button', { name: 'Выйти' }).click();
  await expect(otherPage).toHaveURL(/\/login/);

  await page.getByLabel('Текущий пароль').fill(PASSWORD);
  await page.getByLabel('Новый пароль (не короче 8 символов)').fill('Выход-2027-пароль');
  await page.getByLabel('Повтор нового пароля').fill('Выход-2027-пароль');
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.locator('.error[role=alert]')).toContainText('Требуется вход в систему');

  const fresh = await browser.newPage();
  await signInAs(fresh, 'zav');
  await fresh.close();
  await left.close();
  await other.close();
});
