import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

test.describe.configure({ mode: 'serial' });

/**
 * Issue #13, items 1–2: the head of department runs the check, issues a remark on a lesson without a topic; the teacher
 * sees it on the home page, follows the link, enters the topic — and the remark closes by itself.
 */
test('заведующий проверяет журналы и выдаёт замечание; преподаватель исправляет — замечание закрывается само', async ({
  browser,
}) => {
  const head = await browser.newPage();
  await signInAs(head, 'zav');
  await head.getByRole('link', { name: 'Контроль' }).click();
  await expect(head.getByRole('heading', { name: 'Контроль ведения журнала' })).toBeVisible();
  await head.getByLabel('Группа').selectOption({ label: 'ИС-21' });
  await head.getByLabel('Преподаватель').selectOption({ label: 'Петрова Анна Николаевна' });
  await head.getByRole('button', { name: 'Проверить' }).click();
  await expect(head).toHaveURL(/groupId=.*teacherId=|teacherId=.*groupId=/);
  // «Fewer than 5 grades» is a risk apart from the violations while the demo's autumn term lasts, a violation after
  // its last day (issue #29, item 2).
  await expect(head.getByRole('heading', { name: 'Риск к концу семестра' })).toBeVisible();
  const termLasts = Date.now() <= Date.parse('2026-12-28T23:59:59+03:00');
  await expect(head.getByTestId(termLasts ? 'flag' : 'risk').filter({ hasText: 'Меньше 5 оценок' })).toHaveCount(0);
  await expect(
    head
      .getByTestId(termLasts ? 'risk' : 'flag')
      .filter({ hasText: 'Меньше 5 оценок' })
      .first(),
  ).toBeVisible();
  const row = head
    .getByTestId('flag')
    .filter({ hasText: 'Нет темы занятия' })
    .filter({ hasText: 'Операционные системы' })
    .first();
  await expect(row).toBeVisible();
  const why = (await row.locator('td').last().textContent())!.trim();
  await row.getByRole('checkbox').check();
  await head.getByRole('button', { name: /Выдать замечания по отмеченным \(1\)/ }).click();
  await expect(head.getByRole('status')).toHaveText('Выдано 1 замечание');
  await expect(head.getByTestId('remark').filter({ hasText: why })).toBeVisible();

  const teacher = await browser.newPage();
  await signInAs(teacher, 'prepod');
  const remark = teacher.getByTestId('my-remark').filter({ hasText: why });
  await expect(remark).toBeVisible();
  await remark.getByRole('link', { name: why }).click();
  await expect(teacher).toHaveURL(/\/journals\/\d+\?lesson=\d+/);
  const date = why.slice(0, 5); // «dd.mm»
  await teacher.locator('button.lesson-header').filter({ hasText: date }).first().click();
  const dialog = teacher.getByRole('dialog');
  await dialog.getByLabel('Тема занятия').fill('Файловые системы');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();

  await teacher.goto('/');
  await expect(teacher.getByTestId('my-remark').filter({ hasText: why })).toHaveCount(0);
  await head.reload();
  await expect(head.getByTestId('remark').filter({ hasText: why })).toHaveCount(0);
  await expect(head.getByTestId('flag').filter({ hasText: why })).toHaveCount(0);
});

/** Issue #13, item 2: the scheduled check is set from the same screen; a methodist cannot choose a monthly one. */
test('заведующий назначает плановую проверку раз в месяц; у методиста — только раз в две недели', async ({
  browser,
}) => {
  const head = await browser.newPage();
  await signInAs(head, 'zav');
  await head.goto('/control');
  const form = head.getByRole('form', { name: 'Плановая проверка' });
  await form.getByLabel('Периодичность').selectOption({ label: 'раз в месяц' });
  await form.getByLabel('Публиковать итоги на доске').uncheck();
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form.getByRole('status')).toHaveText(/^Плановая проверка: раз в месяц, следующая — \d\d\.\d\d\.\d{4}$/);
  await head.reload();
  await expect(form.getByLabel('Периодичность')).toHaveValue('month');
  await expect(form.getByLabel('Публиковать итоги на доске')).not.toBeChecked();
  await expect(form.getByLabel('Выдавать замечания')).toBeChecked();

  const methodist = await browser.newPage();
  await signInAs(methodist, 'metodist');
  await methodist.goto('/control');
  const own = methodist.getByRole('form', { name: 'Плановая проверка' });
  await expect(own.getByLabel('Периодичность').locator('option')).toHaveText(['раз в две недели']);
});
