import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';
import {
  cell,
  fetchJournal,
  lastLessonColumns,
  openJournal,
  pasteText,
  text,
  typeKeys,
  waitSaved,
} from './journal-helpers';

const OP04 = /ОП\.04 Основы алгоритмизации/;

test.describe.configure({ mode: 'serial' });

test('преподаватель добавляет занятие и заполняет неделю с клавиатуры; после перезагрузки всё на месте', async ({
  page,
}) => {
  // The grid registers only the AG Grid modules it uses: a feature whose module is missing logs an «AG Grid: error».
  const gridErrors: string[] = [];
  page.on('console', (m) => {
    if (/AG Grid/i.test(m.text())) gridErrors.push(m.text());
  });
  await signInAs(page, 'prepod');
  const journalId = await openJournal(page, OP04);

  // A new lesson through the dialog: 28.11, 5th pair, practical work.
  await page.getByRole('button', { name: 'Добавить занятие' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Дата').fill('2026-11-28');
  await dialog.getByLabel('Пара').fill('5');
  await dialog.getByLabel('Вид занятия').selectOption('practical');
  await dialog.getByLabel('Тема занятия').fill('Практическое занятие № 20. Обработка исключений');
  await dialog.getByRole('button', { name: 'Добавить занятие' }).click();
  await expect(dialog).toBeHidden();
  await expect(async () => {
    await lastLessonColumns(page, 1);
    await expect(page.locator('button.lesson-header').filter({ hasText: '28.11' })).toHaveCount(1, { timeout: 1000 });
  }).toPass();

  const before = await fetchJournal(page.request, journalId);
  const columns = await lastLessonColumns(page, 3);
  const students = before.students;
  const lessonDates = new Map(before.lessons.map((l) => [l.id, l.date]));
  const open = (s: (typeof students)[number], lessonId: number) =>
    s.spans.some((sp) => sp.from <= lessonDates.get(lessonId)! && (!sp.to || lessonDates.get(lessonId)! <= sp.to));
  const values = ['5', 'н', '4/5', '', 'б', 'о4', '3', 'у', '4', '5'];
  const expected = new Map<string, string>();

  await cell(page, 0, columns[0]!).click();
  for (const [c, lessonId] of columns.entries()) {
    for (const [r, s] of students.entries()) {
      const value = values[(r + c * 3) % values.length]!;
      if (open(s, lessonId)) {
        if (value) await typeKeys(page, value);
        else await page.keyboard.press('Delete');
        expected.set(`${lessonId}:${s.id}`, value);
      }
      await page.keyboard.press('Enter');
    }
  }
  await waitSaved(page);
  await page.reload();
  await expect(page.locator('.ag-cell').first()).toBeVisible();
  const after = await fetchJournal(page.request, journalId);
  for (const [key, value] of expected) {
    const [lessonId, studentId] = key.split(':').map(Number);
    expect(text(after.cells.find((x) => x.lessonId === lessonId && x.studentId === studentId)), key).toBe(value);
  }
  // And the grid shows them after the reload.
  await lastLessonColumns(page, 3);
  await expect(cell(page, 0, columns[0]!)).toHaveText(expected.get(`${columns[0]}:${students[0]!.id}`)!);
  // The name column's tooltip (the full name): the tooltip module is there.
  await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="name"]').hover();
  await expect(page.locator('.ag-tooltip')).toBeVisible();
  expect(gridErrors).toEqual([]);
});

test('вставка блока 5×3 из Excel сохраняется одним пакетом; неверный блок не сохраняет ничего и объясняет почему', async ({
  page,
}) => {
  await signInAs(page, 'prepod');
  const journalId = await openJournal(page, OP04);
  const columns = await lastLessonColumns(page, 3);
  const before = await fetchJournal(page.request, journalId);

  // Invalid block first: one bad value among fifteen.
  await cell(page, 0, columns[0]!).click();
  await pasteText(page, '5\t4\t3\n4\t4\t4\n3\t9\t5\n5\t5\t5\n4\t3\t2\n');
  const problems = page.getByTestId('problems');
  await expect(problems).toContainText('Ничего не сохранено: 1 ошибка в 15 ячейках');
  await expect(problems).toContainText('«9» — не отметка');
  await expect(problems).toContainText(before.students[2]!.name);
  await expect(problems).toContainText('Строка 3, столбец 2 вставленного блока'); // issue #26.6b
  const unchanged = await fetchJournal(page.request, journalId);
  expect(unchanged.cells).toEqual(before.cells);

  // The valid block; one cell holds a line break (Alt+Enter), which Excel's clipboard text quotes (issue #26.6b).
  await cell(page, 0, columns[0]!).click();
  await pasteText(page, '5\t4\t3\r\n4\t"н\n"\t4\r\n3\t5\t5\r\n5\t5\tб\r\n4\t3\t2\r\n');
  await waitSaved(page);
  const after = await fetchJournal(page.request, journalId);
  const block = [
    ['5', '4', '3'],
    ['4', 'н', '4'],
    ['3', '5', '5'],
    ['5', '5', 'б'],
    ['4', '3', '2'],
  ];
  block.forEach((line, r) =>
    line.forEach((value, c) => {
      const s = before.students[r]!;
      const got = text(after.cells.find((x) => x.lessonId === columns[c] && x.studentId === s.id));
      expect(got, `${s.name} / ${c}`).toBe(value);
    }),
  );
  await page.reload();
  await lastLessonColumns(page, 3);
  await expect(cell(page, 1, columns[1]!)).toHaveText('н');
});

test('правка без связи с сервером сохраняется, когда связь вернулась — даже после перезагрузки', async ({ page }) => {
  await signInAs(page, 'prepod');
  const journalId = await openJournal(page, OP04);
  const columns = await lastLessonColumns(page, 1);
  const lessonId = columns[0]!;
  await page.route('**/api/trpc/journal.save**', (route) => route.abort('connectionrefused'));
  await cell(page, 3, lessonId).click();
  await typeKeys(page, '2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-status')).toHaveText('Нет связи — 1 изменение ждёт отправки');
  // A reload while the server is still unreachable: the edit is kept in the browser.
  await page.reload();
  await lastLessonColumns(page, 1);
  await expect(cell(page, 3, lessonId)).toHaveText('2');
  await expect(page.getByTestId('save-status')).toContainText('Нет связи');
  await page.unroute('**/api/trpc/journal.save**');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await waitSaved(page);
  const saved = await fetchJournal(page.request, journalId);
  const student = saved.students[3]!;
  expect(text(saved.cells.find((c) => c.lessonId === lessonId && c.studentId === student.id))).toBe('2');
});

test('одновременная правка из второго браузера показывается как конфликт, а не перезаписывается', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'prepod');
  const journalId = await openJournal(page, OP04);
  const columns = await lastLessonColumns(page, 2);
  const lessonId = columns[0]!;

  // The same teacher in a second browser (the college's computer class, say) changes the cell first.
  const second = await browser.newContext({ locale: 'ru-RU' });
  const other = await second.newPage();
  await signInAs(other, 'prepod');
  await other.goto(`/journals/${journalId}`);
  await expect(other.locator('.ag-cell').first()).toBeVisible();
  await lastLessonColumns(other, 2);
  await cell(other, 5, lessonId).click();
  await typeKeys(other, '3');
  await other.keyboard.press('Enter');
  await waitSaved(other);

  // The teacher's page still holds the old version of that cell.
  await cell(page, 5, lessonId).click();
  await typeKeys(page, '5');
  await page.keyboard.press('Enter');
  const conflicts = page.getByTestId('conflicts');
  await expect(conflicts).toContainText('Эти ячейки уже изменил другой пользователь');
  await expect(conflicts).toContainText('у вас «5», сейчас «3» (Петрова А.)');
  const between = await fetchJournal(page.request, journalId);
  const student = between.students[5]!;
  expect(text(between.cells.find((c) => c.lessonId === lessonId && c.studentId === student.id))).toBe('3');
  await conflicts.getByRole('button', { name: 'Оставить моё' }).click();
  await waitSaved(page);
  const after = await fetchJournal(page.request, journalId);
  expect(text(after.cells.find((c) => c.lessonId === lessonId && c.studentId === student.id))).toBe('5');
  await second.close();
});

test('история ячейки и отмена последней правки', async ({ page }) => {
  await signInAs(page, 'prepod');
  const journalId = await openJournal(page, OP04);
  const [lessonId] = await lastLessonColumns(page, 1);
  const before = await fetchJournal(page.request, journalId);
  const student = before.students[7]!;
  const original = text(before.cells.find((c) => c.lessonId === lessonId && c.studentId === student.id));
  await cell(page, 7, lessonId!).click();
  await typeKeys(page, original === '2' ? '3' : '2');
  await page.keyboard.press('Enter');
  await waitSaved(page);
  await cell(page, 7, lessonId!).click();
  await page.getByRole('button', { name: 'История ячейки' }).click();
  await expect(page.getByTestId('history')).toContainText('Петрова А. Н.');
  await page.getByRole('button', { name: 'Отменить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Отменено: 1 изменение' })).toBeVisible();
  const after = await fetchJournal(page.request, journalId);
  expect(text(after.cells.find((c) => c.lessonId === lessonId && c.studentId === student.id))).toBe(original);
});

test('куратор видит журнал только для чтения; преподаватель получает 403 на чужой журнал', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'kurator');
  const journalId = await openJournal(page, OP04);
  await expect(page.getByText('Только просмотр')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Добавить занятие' })).toHaveCount(0);
  const before = await fetchJournal(page.request, journalId);
  const [lessonId] = await lastLessonColumns(page, 1);
  await cell(page, 0, lessonId!).click();
  await typeKeys(page, '5');
  await page.keyboard.press('Enter');
  // A paste into a read-only journal says why nothing happened (issue #9.4).
  await cell(page, 0, lessonId!).click();
  await pasteText(page, '5\t4\n3\t2');
  await expect(page.getByTestId('problems')).toContainText('Ничего не изменено: Только просмотр');
  expect((await fetchJournal(page.request, journalId)).cells).toEqual(before.cells);

  // Another teacher's journal of the same group: the curator may read it, the demo teacher may not.
  const list = await page.request.get('/api/trpc/journal.assignments');
  const journals = ((await list.json()) as { result: { data: { json: { id: number; teacherName: string }[] } } }).result
    .data.json;
  const foreign = journals.find((j) => j.teacherName !== 'Петрова А. Н.')!;
  const teacher = await browser.newPage();
  await signInAs(teacher, 'prepod');
  const input = encodeURIComponent(JSON.stringify({ json: { assignmentId: foreign.id } }));
  expect((await teacher.request.get(`/api/trpc/journal.page?input=${input}`)).status()).toBe(403);
  await teacher.goto(`/journals/${foreign.id}`);
  await expect(teacher.locator('.error[role=alert]')).toHaveText('Нет доступа к этому журналу.');
  await teacher.close();
});
