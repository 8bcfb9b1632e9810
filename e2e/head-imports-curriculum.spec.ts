import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { signInAs } from './helpers';

const HEADER = [
  'Цикл',
  'Код',
  'Наименование',
  'Краткое наименование',
  'Семестр',
  'Всего часов',
  'Теория',
  'Практические',
  'Лабораторные',
  'Самостоятельная',
  'Форма аттестации',
];

async function planFile(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Учебный план');
  sheet.addRow(HEADER);
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const GOOD = [
  ['ОГСЭ', 'ОГСЭ.01', 'Основы философии', 'Философия', 3, 48, 40, 8, '', '', 'ДЗ'],
  ['ОП', 'ОП.01', 'Операционные системы и среды', 'ОСиС', 3, 72, 36, 36, '', 6, 'Э'],
  ['ОП', 'ОП.01', 'Операционные системы и среды', 'ОСиС', 4, 40, 20, 20, '', '', ''],
  ['ПМ', 'ПМ.01', 'Разработка модулей программного обеспечения', 'ПМ.01', 5, 0, '', '', '', '', 'ЭК'],
  ['', 'МДК.01.01', 'Разработка программных модулей', 'РПМ', 5, 120, 60, 40, 20, 10, 'Э'],
];

test('заведующий отделением загружает учебный план из Excel: с ошибкой — ничего, после исправления — весь план', async ({
  page,
}) => {
  await signInAs(page, 'zav');
  await page.getByRole('link', { name: 'Учебные планы' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Учебные планы');
  const before = await page.getByTestId('curricula').locator('tbody tr').count();

  const form = page.getByTestId('curriculum-import');
  await form.getByLabel('Специальность').selectOption({ label: '09.02.07 Информационные системы и программирование' });
  await form.getByLabel('Год набора').fill('2027');
  const bad = GOOD.map((r) => [...r]);
  bad[2]![5] = 'сорок';
  await form.getByLabel('Файл XLSX').setInputFiles({
    name: 'план-2027.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await planFile(bad),
  });
  await form.getByRole('button', { name: 'Загрузить' }).click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('Ничего не загружено. Ошибок: 1');
  await expect(errors.getByRole('row', { name: /^4 / })).toContainText('Всего часов: «сорок» — не целое число часов');
  await page.reload();
  await expect(page.getByTestId('curricula').locator('tbody tr')).toHaveCount(before);

  await form.getByLabel('Специальность').selectOption({ label: '09.02.07 Информационные системы и программирование' });
  await form.getByLabel('Год набора').fill('2027');
  await form.getByLabel('Файл XLSX').setInputFiles({
    name: 'план-2027.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await planFile(GOOD),
  });
  await form.getByRole('button', { name: 'Загрузить' }).click();
  await expect(page.getByRole('status')).toContainText('Загружено: строк плана 4, семестров 5');
  await expect(page.getByTestId('curricula').locator('tbody tr')).toHaveCount(before + 1);

  await page.getByRole('link', { name: 'Открыть план' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'РУП 09.02.07 Информационные системы и программирование, набор 2027 г.',
  );
  const items = page.getByTestId('curriculum-items');
  await expect(items.getByRole('row', { name: /ОП\.01/ })).toContainText('3 сем.: 72 ч (Э); 4 сем.: 40 ч');
  await expect(items.getByRole('row', { name: /МДК\.01\.01/ })).toContainText('5 сем.: 120 ч (Э)');

  // One line edited on screen, by the same rules: a bad one is refused with the reason.
  await items
    .getByRole('row', { name: /ОГСЭ\.01/ })
    .getByRole('button', { name: 'Изменить' })
    .click();
  const line = page.getByTestId('line-form');
  await line.getByLabel('Всего, строка 1').fill('30');
  await line.getByRole('button', { name: 'Сохранить строку' }).click();
  await expect(line.getByRole('alert')).toContainText(
    'Часы: теория, практические и лабораторные (48) больше, чем всего (30)',
  );
  await line.getByLabel('Всего, строка 1').fill('52');
  await line.getByRole('button', { name: 'Сохранить строку' }).click();
  await expect(items.getByRole('row', { name: /ОГСЭ\.01/ })).toContainText('3 сем.: 52 ч (ДЗ)');
});
