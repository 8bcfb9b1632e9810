import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { signInAs } from './helpers';
import { lastLessonColumns, typeKeys, waitSaved } from './journal-helpers';

/**
 * Issue #11, items 5 and 6: the published timetable fills the teachers' journals; a substitution on a date lets the
 * substitute fill that lesson, and only it. The substitute is the demo teacher (`prepod`), the journal another
 * teacher's of ИС-31; the lesson is Thursday 26.11, a date past, so it can be filled.
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
  const budgets = page.locator('button.budget');
  // The demo teacher's journal on Thursday's 1st pair, another teacher's on the 2nd.
  const own = budgets.filter({ hasText: prepod }).first();
  const ownCode = (await own.locator('.budget-title').textContent())!.trim().split(' ')[1]!;
  const others = budgets.filter({ hasNotText: prepod }).filter({ hasNotText: 'не назначен' });
  const other = others.filter({ hasNot: page.locator('.budget-title', { hasText: ',' }) }).first();
  const otherTitle = (await other.locator('.budget-title').textContent())!.trim();
  const otherCode = otherTitle.split(' ')[1]!;
  const otherSubject = otherTitle.replace(/^\S+ \S+ /, '');
  for (const [journal, pair] of [
    [own, 1],
    [other, 2],
  ] as const) {
    await journal.click();
    await page.locator(`td[data-cell="4:${pair}"] button.verdict`).click();
    await expect(status).toContainText(`Поставлено: `);
    await expect(status).toContainText(`чт, ${pair}-я пара`);
  }

  // Publishing fills both journals with their Thursdays — from 23.11, asked for: the past weeks are filled only so.
  await page.getByRole('link', { name: 'На даты: изменения и публикация' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Расписание на даты: ИС-31');
  await page.getByLabel('Действует с').fill('2026-11-23');
  await expect(page.getByRole('button', { name: 'Опубликовать' })).toBeDisabled();
  await page.getByRole('checkbox', { name: /^также заполнить прошедшие недели с 23\.11\.2026$/ }).check();
  await expect(page.getByTestId('publish-preview')).toContainText('(из них в прошедших неделях — ');
  await page.getByRole('button', { name: 'Опубликовать' }).click();
  const published = page.locator('section', { has: page.getByRole('heading', { name: /^Не опубликовано/ }) });
  await expect(published.getByRole('status')).toContainText(/Журналы \(\d+\): занятий добавлено [1-9]\d*/);
  const group = new URL(page.url()).searchParams.get('group') ?? '';

  // The week of 23.11: the other teacher's Thursday lesson goes to the demo teacher, and is published.
  await page.goto(`/timetable/week?group=${group}&date=2026-11-23`);
  const lesson = page.locator('td[data-date="2026-11-26"][data-pair="2"] .entry').first();
  await expect(lesson).toContainText(otherSubject);
  await lesson.getByText('Изменить', { exact: true }).click();
  const substitute = lesson.getByRole('form', { name: /^Заменить преподавателя/ });
  const option = substitute.locator('option', { hasText: prepod });
  await substitute.getByLabel('Кто ведёт').selectOption(await option.first().getAttribute('value'));
  await substitute.getByLabel('Причина').fill('Больничный');
  await substitute.getByRole('button', { name: /^Заменить преподавателя/ }).click();
  await expect(page.locator('td[data-date="2026-11-26"][data-pair="2"] .entry').first()).toContainText(
    `замена: ${prepod}`,
  );
  // The page opened with nothing to publish: the draft brings the publish step with its default date, the coming
  // Monday (not an empty field that keeps «Опубликовать» from sending), and the past is not filled unless asked.
  const from = page.getByLabel('Действует с');
  await expect(from).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  expect(new Date(`${await from.inputValue()}T00:00:00Z`).getUTCDay()).toBe(1);
  await expect(page.getByRole('checkbox', { name: /^также заполнить прошедшие недели/ })).not.toBeChecked();
  await page.getByRole('button', { name: 'Опубликовать' }).click();
  await expect(page.getByRole('heading', { name: 'Не опубликовано: 0' })).toBeVisible();

  // The demo teacher's own journal has the timetable's Thursdays (future ones too, ready to fill).
  await teacher.goto('/journals');
  const list = teacher.getByTestId('journals');
  await list.getByRole('row').filter({ hasText: 'ИС-31' }).getByRole('link', { name: ownCode }).first().click();
  await expect(teacher.locator('.ag-cell').first()).toBeVisible();
  await lastLessonColumns(teacher, 1);
  await expect(teacher.locator('button.lesson-header', { hasText: '10.12' })).toHaveCount(1);

  // The other teacher's journal is in «Мои журналы» as a substitution; only the lesson of 26.11 can be filled.
  await teacher.goto('/journals');
  const row = list
    .getByRole('row')
    .filter({ hasText: 'ИС-31' })
    .filter({ hasText: otherCode })
    .filter({ hasText: 'замена' });
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
