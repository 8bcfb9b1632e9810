import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';
import { cell, fetchJournal, lastLessonColumns, openJournal, text, typeKeys, waitSaved } from './journal-helpers';

test('администратор закрывает семестр; заведующий открывает журнал преподавателю; преподаватель исправляет', async ({
  browser,
}) => {
  const adminContext = await browser.newContext({ locale: 'ru-RU' });
  const admin = await adminContext.newPage();
  await signInAs(admin, 'admin');
  await admin.getByRole('link', { name: 'Учебный год' }).click();
  const year = admin.getByTestId('year-2026/2027');
  await year
    .getByRole('row', { name: /1 семестр 2026\/2027/ })
    .getByRole('button', { name: 'Закрыть семестр' })
    .click();
  await expect(admin.getByRole('status')).toHaveText('1 семестр 2026/2027: закрыт для изменений');
  await expect(year.getByRole('row', { name: /1 семестр 2026\/2027/ })).toContainText('закрыт для изменений');

  try {
    const teacherContext = await browser.newContext({ locale: 'ru-RU' });
    const teacher = await teacherContext.newPage();
    await signInAs(teacher, 'prepod');
    const journalId = await openJournal(teacher, /ОП\.04 Основы алгоритмизации/);
    await expect(
      teacher.getByText('Семестр закрыт: изменения только по разрешению заведующего отделением'),
    ).toBeVisible();
    await expect(teacher.getByRole('button', { name: 'Добавить занятие' })).toHaveCount(0);

    const headContext = await browser.newContext({ locale: 'ru-RU' });
    const head = await headContext.newPage();
    await signInAs(head, 'zav');
    await head.goto(`/journals/${journalId}`);
    await head.getByLabel('На сколько часов').fill('2');
    await head.getByLabel('Причина').fill('Исправление оценки по заявлению студента');
    await head.getByRole('button', { name: 'Открыть для исправлений' }).click();
    await expect(head.getByText(/Журнал открыт преподавателю до/)).toBeVisible();

    await teacher.reload();
    await expect(
      teacher.getByText(/Журнал открыт для исправлений до .*Исправление оценки по заявлению студента/),
    ).toBeVisible();
    const [lessonId] = await lastLessonColumns(teacher, 1);
    const before = await fetchJournal(teacher.request, journalId);
    const student = before.students[4]!;
    const old = text(before.cells.find((c) => c.lessonId === lessonId && c.studentId === student.id));
    const value = old === '4' ? '5' : '4';
    await cell(teacher, 4, lessonId!).click();
    await typeKeys(teacher, value);
    await teacher.keyboard.press('Enter');
    await waitSaved(teacher);
    const after = await fetchJournal(teacher.request, journalId);
    expect(text(after.cells.find((c) => c.lessonId === lessonId && c.studentId === student.id))).toBe(value);
    await teacherContext.close();
    await headContext.close();
  } finally {
    await admin.reload();
    await admin
      .getByTestId('year-2026/2027')
      .getByRole('row', { name: /1 семестр 2026\/2027/ })
      .getByRole('button', { name: 'Открыть семестр' })
      .click();
    await expect(admin.getByRole('status')).toHaveText('1 семестр 2026/2027: открыт');
    await adminContext.close();
  }
});
