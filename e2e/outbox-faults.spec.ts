import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, signInAs } from './helpers';
import { cell, fetchJournal, lastLessonColumns, openJournal, text, waitSaved } from './journal-helpers';

/**
 * Issue #9.1–2: an edit leaves the browser's outbox only when the server saved it or finally refused it. A session
 * that ended, a server error and a second tab must not lose it.
 */
const OP04 = /ОП\.04 Основы алгоритмизации/;

test.describe.configure({ mode: 'serial' });

/** A cell of the last lesson in the row of a student enrolled that day, and a value it does not hold yet. */
async function target(page: Page, journalId: number, row: number) {
  const journal = await fetchJournal(page.request, journalId);
  const [lessonId] = await lastLessonColumns(page, 1);
  const student = journal.students[row]!;
  const current = text(journal.cells.find((c) => c.lessonId === lessonId && c.studentId === student.id));
  return { lessonId: lessonId!, studentId: student.id, row, value: current === '3' ? '2' : '3' };
}

async function typeInto(page: Page, t: { lessonId: number; row: number; value: string }) {
  await cell(page, t.row, t.lessonId).click();
  await page.keyboard.press(t.value);
  await page.keyboard.press('Enter');
}

async function savedValue(page: Page, journalId: number, t: { lessonId: number; studentId: number }) {
  const journal = await fetchJournal(page.request, journalId);
  return text(journal.cells.find((c) => c.lessonId === t.lessonId && c.studentId === t.studentId));
}

test('сеанс завершился во время ввода: правка ждёт, после входа отправляется (401)', async ({ page, context }) => {
  await signInAs(page, 'prepod');
  const journalId = await openJournal(page, OP04);
  const t = await target(page, journalId, 1);

  // Signed out in another tab of the same browser: the session cookie is gone for this tab too.
  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('button', { name: 'Выйти' }).click();
  await expect(other).toHaveURL(/\/login/);
  await other.close();

  await typeInto(page, t);
  const status = page.getByTestId('save-status');
  await expect(status).toContainText('Сеанс завершён — войдите снова, 1 изменение ждёт отправки');
  await expect(cell(page, t.row, t.lessonId)).toHaveText(t.value); // still shown, not dropped

  await page.getByTestId('sign-in-again').click();
  await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=%2Fjournals%2F${journalId}`));
  await page.getByLabel('Логин').fill('prepod');
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(new RegExp(`/journals/${journalId}$`));
  await waitSaved(page);
  expect(await savedValue(page, journalId, t)).toBe(t.value);
});

test('сервер отвечает 500: правка ждёт и уходит, когда сервер снова работает', async ({ page }) => {
  await signInAs(page, 'prepod');
  const journalId = await openJournal(page, OP04);
  const t = await target(page, journalId, 2);

  let failing = true;
  let refusedCalls = 0;
  await page.route(
    (url) => url.pathname.startsWith('/api/trpc/') && url.pathname.includes('journal.save'),
    async (route) => {
      if (!failing) return route.continue();
      refusedCalls += 1;
      await route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>Internal Server Error</h1>' });
    },
  );
  await typeInto(page, t);
  const status = page.getByTestId('save-status');
  await expect(status).toContainText('Нет связи — 1 изменение ждёт отправки');
  await expect.poll(() => refusedCalls, { timeout: 15_000 }).toBeGreaterThanOrEqual(2); // retried, not dropped
  expect(await savedValue(page, journalId, t)).not.toBe(t.value);

  failing = false;
  await waitSaved(page);
  expect(await savedValue(page, journalId, t)).toBe(t.value);
});

test('две вкладки одного журнала не стирают неотправленные правки друг друга', async ({ page: tabA, context }) => {
  await signInAs(tabA, 'prepod');
  const journalId = await openJournal(tabA, OP04);
  const tabB = await context.newPage();
  await tabB.goto(`/journals/${journalId}`);
  await expect(tabB.locator('.ag-cell').first()).toBeVisible();
  const a = await target(tabA, journalId, 3);
  const b = await target(tabB, journalId, 4);

  // Only tab A loses the connection.
  await tabA.route(
    (url) => url.pathname.startsWith('/api/trpc/'),
    (route) => route.abort('internetdisconnected'),
  );
  await typeInto(tabA, a);
  await expect(tabA.getByTestId('save-status')).toContainText('Нет связи — 1 изменение ждёт отправки');

  await typeInto(tabB, b);
  await waitSaved(tabB);
  // B saved its own edit; A's unsent edit is still in the browser's storage.
  const stored = await tabB.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('ezh:outbox:'))
      .map((k) => localStorage.getItem(k)),
  );
  expect(stored.join('')).toContain(`"lessonId":${a.lessonId},"studentId":${a.studentId},"text":"${a.value}"`);

  await tabB.close();
  await tabA.goto('about:blank'); // A is closed with its edit unsent
  await tabA.close();

  const reopened = await context.newPage();
  await reopened.goto(`/journals/${journalId}`);
  await expect(reopened.locator('.ag-cell').first()).toBeVisible();
  await waitSaved(reopened);
  expect(await savedValue(reopened, journalId, a)).toBe(a.value);
  expect(await savedValue(reopened, journalId, b)).toBe(b.value);
  const left = await reopened.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ezh:outbox:')));
  expect(left).toEqual([]);
});
