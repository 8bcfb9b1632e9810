import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';
import { extractText } from 'unpdf';
import { openJournal } from './journal-helpers';

async function fetchJournalContext(page: Page, assignmentId: number) {
  const input = encodeURIComponent(JSON.stringify({ json: { assignmentId } }));
  const res = await page.request.get(`/api/trpc/journal.page?input=${input}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { result: { data: { json: { assignment: { groupId: number; termId: number } } } } })
    .result.data.json;
}

/**
 * Issue #14, item 5: every answer carries the security headers; a page's Content-Security-Policy has a fresh nonce,
 * no `unsafe-eval` in production, and the app works under it — the grid, a form, a report — with no violation.
 */
function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test('заголовки безопасности и CSP с nonce; журнал, форма и отчёт работают без нарушений политики', async ({
  page,
  request,
}) => {
  const login = await request.get('/login');
  const policy = login.headers()['content-security-policy']!;
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-eval');
  expect(login.headers()['x-content-type-options']).toBe('nosniff');
  expect(login.headers()['x-frame-options']).toBe('DENY');
  expect(login.headers()['referrer-policy']).toBe('same-origin');
  expect(login.headers()['strict-transport-security']).toBeUndefined(); // plain HTTP on the LAN
  const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
  const html = await login.text();
  expect(html).toContain(`nonce="${nonce}"`);
  expect(html).not.toMatch(/<script(?![^>]*nonce=)[^>]*>[^<]/); // no inline script without the nonce
  const again = await request.get('/login');
  expect(again.headers()['content-security-policy']).not.toContain(nonce);

  const api = await request.get('/api/auth/session');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
  expect(api.headers()['content-security-policy']).toBe("frame-ancestors 'none'");
  const https = await request.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
  expect(https.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');

  const violations = collectViolations(page);
  await signInAs(page, 'prepod');
  await openJournal(page, /ОП\.04 Основы алгоритмизации/);
  await page.locator('.ag-cell').nth(3).click();
  await expect(page.locator('.ag-root')).toBeVisible();
  await page.goto('/notices');
  await page.goto('/timetable/my');
  expect(violations).toEqual([]);

  // Injected markup with an inline handler (what a stored XSS would be) does not run, and the browser says why.
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.innerHTML = '<img src="data:," onerror="window.__injected = true">';
    document.body.appendChild(box);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});

/** Issue #14, item 5: a topic holding HTML is text everywhere it is shown — the grid, the family portal, the PDF. */
test('тема с HTML показывается как текст: в журнале, в портале студента и в распечатке', async ({ browser }) => {
  const topic = '<img src=x onerror="window.__xss=1"><b>Жирная тема</b>';
  const teacher = await browser.newPage();
  const violations = collectViolations(teacher);
  await signInAs(teacher, 'prepod');
  await teacher.goto('/journals');
  await teacher
    .getByTestId('journals')
    .getByRole('row')
    .filter({ hasText: 'ИС-21' })
    .filter({ hasText: 'Операционные системы' })
    .getByRole('link')
    .first()
    .click();
  await teacher.locator('button.lesson-header').first().click();
  const dialog = teacher.getByRole('dialog');
  await dialog.getByLabel('Тема занятия').fill(topic);
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await teacher.reload();
  await expect(teacher.locator('button.lesson-header').first()).toHaveAttribute(
    'title',
    new RegExp(topic.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  );
  expect(await teacher.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(violations).toEqual([]);

  // The printed journal (methodist): the topic's characters as they were typed.
  const assignmentId = Number(new URL(teacher.url()).pathname.split('/').pop());
  const { assignment } = await fetchJournalContext(teacher, assignmentId);
  const methodist = await browser.newPage();
  await signInAs(methodist, 'metodist');
  const pdf = await methodist.request.get(
    `/api/reports/journal-printout?groupId=${assignment.groupId}&termId=${assignment.termId}&assignmentId=${assignmentId}`,
  );
  expect(pdf.status()).toBe(200);
  const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
  expect(text.replace(/\s+/g, '')).toContain(topic.replace(/\s+/g, ''));

  const student = await browser.newPage();
  await signInAs(student, 'student');
  await student.goto('/family');
  const subject = student.getByTestId('portal-subject').filter({ hasText: 'Операционные системы' });
  await subject.locator('summary').click();
  await expect(subject.locator('ul.lesson-list')).toContainText(topic);
  await expect(subject.locator('ul.lesson-list b')).toHaveCount(0);
  expect(await student.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
