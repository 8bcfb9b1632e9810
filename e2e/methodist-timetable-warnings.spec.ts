import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

const DAYS = ['', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];
const SHORT = ['', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];

/**
 * Issue #26, item 5: the template says its placements are drafts; publishing takes effect from the coming Monday and
 * says first what it makes; a substitute marked unavailable for the pair is saved only once the methodist confirms
 * the warning, which stays on the change (its list, the publication, the hours report).
 */
test('методист подтверждает замену вопреки «недоступен»: предупреждение остаётся в изменении и в вычитке', async ({
  page,
}) => {
  await signInAs(page, 'metodist');
  await page.goto('/timetable');
  await page.getByRole('combobox', { name: /^Группа/ }).selectOption({ label: 'ЭБ-21' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Расписание: ЭБ-21');
  await expect(page.getByTestId('draft-note')).toContainText('черновиком');
  await page.locator('button.budget').first().click();
  // The demo's week is published and full (issue #29, item 1): the journal goes on the first pair free for it.
  const free = page.locator('td[data-cell]', { has: page.locator('button.verdict', { hasText: /^\+ свободно/ }) });
  const [weekday, pair] = (await free.first().getAttribute('data-cell'))!.split(':').map(Number) as [number, number];
  await free.first().locator('button.verdict').click();
  await expect(page.locator('.notice[role=status]')).toContainText(
    new RegExp(
      `^Поставлено: .+, ${SHORT[weekday]}, ${pair}-я пара, .+ — черновик, пока расписание не опубликовано Вернуть$`,
    ),
  );

  await page.getByRole('link', { name: 'На даты: изменения и публикация' }).click();
  const publish = page.locator('section', { has: page.getByRole('heading', { name: /^Не опубликовано: \d+$/ }) });
  await expect(publish.getByTestId('publish-preview')).toContainText(/ЭБ-21, .+: будет создано \d+ заняти/);
  const monday = await publish.getByLabel('Действует с').inputValue();
  await publish.getByRole('button', { name: 'Опубликовать' }).click();
  await expect(page.getByRole('heading', { name: 'Не опубликовано: 0' })).toBeVisible();
  // The week the timetable took effect from (the coming Monday): its address once the page has gone there.
  await page.getByRole('link', { name: 'следующая неделя →' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]date=${monday}(&|$)`));
  const week = page.url();

  // The best proposed substitute is marked unavailable on that weekday's pair.
  const date = new Date(Date.parse(`${monday}T00:00:00Z`) + (weekday - 1) * 86_400_000).toISOString().slice(0, 10);
  const lesson = () => page.locator(`td[data-date="${date}"][data-pair="${pair}"] .entry`).first();
  await lesson().getByText('Изменить', { exact: true }).click();
  const firstOffered = (await lesson().getByLabel('Кто ведёт').locator('option').nth(1).textContent())!;
  const name = firstOffered.split(' — ')[0]!;
  await page.goto('/timetable/setup');
  const availability = page.getByTestId('availability-form');
  const option = availability.getByLabel('Преподаватель').locator('option', { hasText: name });
  await availability.getByLabel('Преподаватель').selectOption(await option.getAttribute('value'));
  await availability.getByLabel(`${DAYS[weekday]}, ${pair}-я пара`).check();
  await availability.getByRole('button', { name: 'Сохранить' }).click();
  await expect(availability.getByRole('status')).toBeVisible();

  await page.goto(week);
  await lesson().getByText('Изменить', { exact: true }).click();
  const form = lesson().getByRole('form', { name: /^Заменить преподавателя/ });
  const chosen = form.getByLabel('Кто ведёт').locator('option', { hasText: name });
  await form.getByLabel('Кто ведёт').selectOption(await chosen.getAttribute('value'));
  const warning = `Преподаватель ${name} недоступен: ${SHORT[weekday]}, ${pair}-я пара`;
  await expect(form.getByRole('group', { name: 'Предупреждение' })).toContainText(`⚠ ${warning}`);
  await form.getByLabel('Причина').fill('Больничный');
  const confirm = form.getByRole('checkbox', { name: /^Подтверждаю предупреждение/ });
  await expect(confirm).not.toBeChecked();
  await confirm.check();
  await form.getByRole('button', { name: /^Заменить преподавателя/ }).click();
  await expect(lesson()).toContainText(`замена: ${name}`);
  const kept = lesson().locator('details.change').first();
  await expect(kept.locator('summary')).toHaveText('замена преподавателя: Больничный (черновик)');
  await kept.locator('summary').click();
  await expect(kept).toContainText(`Сохранено вопреки предупреждению: ${warning}`);
  await expect(publish.locator('li').first()).toContainText(`(Больничный) — подтверждено: ${warning}`);
  // The panel had nothing to publish when the page opened: with the first draft it still proposes the coming Monday.
  await expect(publish.getByLabel('Действует с')).toHaveValue(monday);
  await publish.getByRole('button', { name: 'Опубликовать' }).click();
  await expect(page.getByRole('heading', { name: 'Не опубликовано: 0' })).toBeVisible();

  await page.goto('/hours?by=group');
  await expect(page.getByTestId('hours-warnings')).toContainText(`ЭБ-21, `);
  await expect(page.getByTestId('hours-warnings')).toContainText(
    `замена преподавателя: ${warning}; причина: Больничный`,
  );
});
