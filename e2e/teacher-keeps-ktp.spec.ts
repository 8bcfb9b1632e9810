import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { signInAs } from './helpers';

/** Issue #11, item 7: the teacher keeps the journal's КТП — on screen, from XLSX — prints it; a new lesson proposes it. */
test('преподаватель ведёт КТП: правит на экране, загружает из XLSX, печатает; новое занятие предлагает тему', async ({
  page,
}) => {
  await signInAs(page, 'prepod');
  await page.goto('/journals');
  // One of her own journals (the list also holds the one she substituted in, read-only beyond that lesson).
  await page.getByTestId('journals').getByRole('row').filter({ hasNotText: 'замена' }).getByRole('link').nth(1).click();
  await expect(page.locator('.ag-cell').first()).toBeVisible();
  await page.getByRole('link', { name: /^КТП/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^КТП: /);

  // On screen: a section and a topic; the total says how far it is from the plan.
  await page.getByRole('button', { name: '+ раздел' }).click();
  await page.getByLabel('Строка 1: раздел').fill('Раздел 1. Введение');
  await page.getByRole('button', { name: '+ тема' }).click();
  await page.getByLabel('Строка 2: тема').fill('Цели и задачи дисциплины');
  await expect(page.getByTestId('ktp-total')).toContainText(
    /^Всего 2 ч — Часов по КТП 2 из \d+ по плану: не хватает \d+/,
  );
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.locator('.notice[role=status]', { hasText: 'КТП сохранена: 1 тема' })).toBeVisible();

  // From XLSX: a bad file names its lines and keeps the plan; a good one replaces it.
  const file = async (lines: (string | number)[][]) => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('КТП');
    sheet.addRow(['№', 'Раздел / тема', 'Часы', 'Вид занятия']);
    for (const l of lines) sheet.addRow(l);
    return { name: 'ktp.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
  };
  const upload = page.getByLabel('Загрузить из XLSX');
  await upload.setInputFiles(await file([[1, 'Тема', 'два', 'лекция']]));
  await expect(page.locator('.error[role=alert]')).toHaveText('Строка 2: часы — целое число от 1 до 40');
  await upload.setInputFiles(
    await file([
      ['', 'Раздел 1. Основы', '', ''],
      [1, 'Понятие алгоритма', 2, 'лек'],
      [2, 'Практическая работа № 1', 4, 'Практическое занятие'],
    ]),
  );
  await expect(page.getByLabel('Строка 3: тема')).toHaveValue('Практическая работа № 1');
  await expect(page.getByTestId('ktp-total')).toContainText('Всего 6 ч');
  await page.screenshot({ path: 'test-results/ktp.png', fullPage: true });

  const pdf = await page.request.get((await page.getByRole('link', { name: 'Печать (PDF)' }).getAttribute('href'))!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  writeFileSync('test-results/ktp.pdf', await pdf.body());
  const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
  expect(text).toContain('КАЛЕНДАРНО-ТЕМАТИЧЕСКИЙ ПЛАН');
  expect(text).toContain('УТВЕРЖДАЮ');
  expect(text).toContain('Понятие алгоритма');

  // A new lesson in the journal proposes the first topic not taught yet.
  await page.getByRole('link', { name: '← Журнал' }).click();
  await page.getByRole('button', { name: 'Добавить занятие' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Тема занятия')).toHaveValue('Понятие алгоритма');
  await dialog.getByLabel('Тема из КТП').selectOption({ label: '2. Практическая работа № 1 (4 ч)' });
  await expect(dialog.getByLabel('Тема занятия')).toHaveValue('Практическая работа № 1');
  await expect(dialog.getByLabel('Вид занятия')).toHaveValue('practical');
  await dialog.getByRole('button', { name: 'Закрыть' }).click();
});
