import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

const HEADER =
  'Фамилия;Имя;Отчество;Дата рождения;№ зачётной книжки;Телефон;Эл. почта;Родитель: ФИО;Родитель: кем приходится;Родитель: телефон';

test('куратор загружает список студентов из CSV: с ошибкой — никто, после исправления — все', async ({ page }) => {
  await signInAs(page, 'kurator');
  await page.goto('/groups/2');
  const form = page.getByTestId('student-import');
  const upload = async (body: string) => {
    await form
      .getByLabel('Файл')
      .setInputFiles({ name: 'новые.csv', mimeType: 'text/csv', buffer: Buffer.from(`${HEADER}\n${body}`, 'utf8') });
    await form.getByLabel('С даты').fill('2027-02-01');
    await form.getByLabel('Приказ №').fill('15-к');
    await form.getByLabel('от', { exact: true }).fill('2027-01-25');
    await form.getByRole('button', { name: 'Загрузить' }).click();
  };
  await upload(
    'Орлов;Глеб;Романович;12.04.2010;27-001;;;Орлова Анна Викторовна;мать;+7 927 000-11-22\nSmith;Иван;;;;;;;;',
  );
  await expect(form.getByTestId('import-errors')).toContainText('Ничего не загружено. Ошибок: 1');
  await expect(form.getByTestId('import-errors').getByRole('row', { name: /^3 / })).toContainText(
    'Фамилия: «Smith» — только русские буквы',
  );
  await upload(
    'Орлов;Глеб;Романович;12.04.2010;27-001;;;Орлова Анна Викторовна;мать;+7 927 000-11-22\nСмирнов;Иван;;;;;;;;',
  );
  await expect(form.getByRole('status')).toHaveText('Зачислено студентов: 2, родителей добавлено: 1');
});
