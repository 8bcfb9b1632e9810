import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { signInAs } from './helpers';
import { fetchJournal, lastLessonColumns, typeKeys, waitSaved } from './journal-helpers';

const SHORT = ['', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];

/**
 * Issue #11, items 5 and 6: the published timetable fills the teachers' journals; a substitution on a date lets the
 * substitute fill that lesson, and only it. The demo's week is published (issue #29, item 1): the methodist puts the
 * demo teacher's (`prepod`) journal of ИС-31 on a pair still free and publishes it from 23.11, the past weeks filled;
 * the substitution is the demo's own — on Thursday 26.11 `prepod` taught another teacher's lesson.
 */
test('опубликованное расписание заполняет журналы; замещающий заполняет своё занятие', async ({ page, browser }) => {
  const teacher = await browser.newPage();
  await signInAs(teacher, 'prepod');
  const prepod = (await teacher.getByTestId('user-name').textContent())!.trim();

  await signInAs(page, 'metodist');
  await page.goto('/timetable');
  await page.getByRole('combobox', { name: /^Группа/ }).selectOption({ label: 'ИС-31' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Расписание: ИС-31');
  const status = page.locator('.notice[role=status]');
  const own = page.locator('button.budget').filter({ hasText: prepod }).first();
  const ownCode = (await own.locator('.budget-title').textContent())!.trim().split(' ')[1]!;
  await own.click();
  const free = page.locator('td[data-cell]', { has: page.locator('button.verdict', { hasText: /^\+ свободно/ }) });
  const [weekday, pair] = (await free.first().getAttribute('data-cell'))!.split(':').map(Number) as [number, number];
  await free.first().locator('button.verdict').click();
  await expect(status).toContainText(`Поставлено: `);
  await expect(status).toContainText(`${SHORT[weekday]}, ${pair}-я пара`);

  // Publishing fills the journal with that weekday — from 23.11, asked for: the past weeks are filled only so.
  await page.getByRole('link', { name: 'На даты: изменения и публикация' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Расписание на даты: ИС-31');
  await page.getByLabel('Действует с').fill('2026-11-23');
  await expect(page.getByRole('button', { name: 'Опубликовать' })).toBeDisabled();
  await page.getByRole('checkbox', { name: /^также заполнить прошедшие недели с 23\.11\.2026$/ }).check();
  await expect(page.getByTestId('publish-preview')).toContainText('(из них в прошедших неделях — ');
  await page.getByRole('button', { name: 'Опубликовать' }).click();
  const published = page.locator('section', { has: page.getByRole('heading', { name: /^Не опубликовано/ }) });
  await expect(published.getByRole('status')).toContainText(/Журналы \(\d+\): занятий добавлено [1-9]\d*/);

  // The demo teacher's own journal has the new weekday from the week of 23.11 on (future ones too, ready to fill).
  const dayOf = (monday: string) =>
    new Date(Date.parse(`${monday}T00:00:00Z`) + (weekday - 1) * 86_400_000).toISOString().slice(5, 10);
  const [mm, dd] = dayOf('2026-11-23').split('-');
  const [fm, fd] = dayOf('2026-12-14').split('-');
  await teacher.goto('/journals');
  const list = teacher.getByTestId('journals');
  await list.getByRole('row').filter({ hasText: 'ИС-31' }).getByRole('link', { name: ownCode }).first().click();
  await expect(teacher.locator('.ag-cell').first()).toBeVisible();
  const journalId = Number(new URL(teacher.url()).pathname.split('/').pop());
  const dates = (await fetchJournal(teacher.request, journalId)).lessons.map((l) => l.date);
  expect(dates).toContain(`2026-${mm}-${dd}`);
  expect(dates).toContain(`2026-${fm}-${fd}`);

  // The other teacher's journal is in «Мои журналы» as a substitution; only the lesson of 26.11 can be filled.
  await teacher.goto('/journals');
  const row = list.getByRole('row').filter({ hasText: 'замена' });
  await row.getByRole('link').first().click();
  await expect(teacher.getByTestId('substitute-notice')).toHaveText(
    'Вы замещали в этом журнале: заполняете 26.11.2026; остальное — только просмотр.',
  );
  await expect(teacher.getByRole('button', { name: 'Добавить занятие' })).toHaveCount(0);
  await lastLessonColumns(teacher, 1);
  const header = teacher.locator('button.lesson-header.substituted');
  await expect(header).toContainText('26.11');
  await expect(header).toContainText('замена');
  const lessonId = await header.getAttribute('data-lesson-id');
  const mine = teacher.locator(`.ag-cell[col-id="l${lessonId}"]:not(.cell-closed)`).first();
  await mine.click();
  await typeKeys(teacher, 'н');
  await teacher.keyboard.press('Enter');
  await waitSaved(teacher);
  await expect(mine).toHaveText('н');
  await teacher.screenshot({ path: 'test-results/journal-substitute.png', fullPage: true });
  // Another lesson of the journal is the journal teacher's: typing there changes nothing and says why.
  const others26 = teacher.locator('button.lesson-header:not(.substituted)').first();
  const otherId = await others26.getAttribute('data-lesson-id');
  const theirs = teacher.locator(`.ag-cell[col-id="l${otherId}"]`).first();
  const before = await theirs.textContent();
  await theirs.click();
  await typeKeys(teacher, '5');
  await teacher.keyboard.press('Enter');
  await expect(theirs).toHaveText(before ?? '');
  await teacher.close();
});

/** Issue #11, item 8: hours delivered by teacher and by group, exported as XLSX and PDF. */
test('методист смотрит вычитку часов и выгружает её в XLSX и PDF', async ({ page }) => {
  await signInAs(page, 'metodist');
  await page.getByRole('link', { name: 'Вычитка часов' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вычитка часов');
  const table = page.getByTestId('hours');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('hours-total')).toContainText(/^Итого: план \d+ ч/);
  await page.getByLabel('Разрез').selectOption('group');
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(table.getByRole('columnheader', { name: /^Группа/ })).toBeVisible();
  await expect(table.locator('tbody tr', { hasText: 'ИС-31' })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/hours.png', fullPage: true });

  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Скачать XLSX' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/^Вычитка часов по группам, .+\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  const sheet = workbook.getWorksheet('Вычитка часов')!;
  expect(sheet.getRow(4).getCell(1).value).toBe('Группа');
  const names = sheet.getColumn(1).values.map(String);
  expect(names).toContain('ИС-31');
  expect(names).toContain('Итого');

  const pdf = await page.request.get((await page.getByRole('link', { name: 'Скачать PDF' }).getAttribute('href'))!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  writeFileSync('test-results/hours.pdf', await pdf.body());
  const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
  expect(text).toContain('Вычитка часов по группам');
  expect(text).toContain('ИС-31');
});
