import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { extractText } from 'unpdf';
import { signInAs } from './helpers';

const DAYS = ['', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];
const cell = (page: Page, day: string, pair: number) => page.locator(`td[data-cell="${DAYS.indexOf(day)}:${pair}"]`);
const journal = (page: Page, n: number) => page.locator('button.budget').nth(n);

async function scheduledHours(j: Locator): Promise<number> {
  const text = (await j.locator('.budget-figures').textContent()) ?? '';
  return Number(/в расписании (\d+) ч/.exec(text)?.[1]);
}

/**
 * Issue #11, item 3: the methodist builds a group's week — a journal, then a cell (a click each, or a key each); the
 * room is proposed; a taken pair says why and is refused; a lesson is moved by dragging and removed with undo.
 */
test('методист ставит неделю группы: журнал → ячейка, причины конфликтов, перенос, снятие', async ({ page }) => {
  await signInAs(page, 'metodist');
  await page.getByRole('link', { name: 'Расписание', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Расписание: ИС-11');
  // The autumn week is published and running (issue #29, item 1); the spring one is the methodist's to build.
  await page.getByRole('navigation', { name: 'Семестры' }).getByRole('link', { name: '2 семестр 2026/2027' }).click();
  await expect(page.getByRole('navigation', { name: 'Семестры' }).locator('strong')).toHaveText('2 семестр 2026/2027');
  const status = page.locator('.notice[role=status]');

  // Two clicks: the journal, then the cell — the room comes proposed.
  const first = journal(page, 0);
  const firstSubject = (await first.locator('.budget-title').textContent())!.replace(/^\S+ \S+ /, '').trim();
  await first.click();
  await expect(first).toHaveAttribute('aria-pressed', 'true');
  const monday1 = cell(page, 'Понедельник', 1);
  await expect(monday1.getByRole('button', { name: /^\+ свободно · ауд\. / })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  await monday1.getByRole('button', { name: /^\+ свободно/ }).click();
  await expect(status).toContainText(/^Поставлено: .+, пн, 1-я пара, ауд\. \S+/);
  await expect(monday1.locator('.entry')).toHaveCount(1);
  expect(await scheduledHours(first)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/timetable-week.png', fullPage: true });

  // Keys: the focused cell, the journal's key, Enter.
  await cell(page, 'Понедельник', 2).focus();
  await page.keyboard.press('2');
  await expect(journal(page, 1)).toHaveAttribute('aria-pressed', 'true');
  await expect(cell(page, 'Понедельник', 2).locator('button.verdict')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(status).toContainText(/^Поставлено: .+, пн, 2-я пара/);
  await expect(cell(page, 'Понедельник', 2).locator('.entry')).toHaveCount(1);

  // The group is taken on Monday's first pair: the cell says by what, and cannot be chosen.
  await journal(page, 2).click();
  const taken = monday1.locator('button.verdict');
  await expect(taken).toHaveText(new RegExp(`^✕ Группа ИС-11 занята: ${firstSubject}`));
  await expect(taken).toBeDisabled();

  // Another group: taking the room of ИС-11's Monday first pair is refused by the server, naming who holds it.
  const roomSelect = monday1.getByRole('combobox');
  const roomId = await roomSelect.inputValue();
  const room = (await roomSelect.locator(`option[value="${roomId}"]`).textContent())!;
  await page.getByLabel('Группа').selectOption({ label: 'ИС-21' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Расписание: ИС-21');
  await journal(page, 0).click();
  const otherMonday1 = cell(page, 'Понедельник', 1);
  const verdict = otherMonday1.locator('button.verdict');
  await expect(verdict).toBeVisible();
  const free = await verdict.isEnabled();
  const target = free ? otherMonday1 : cell(page, 'Вторник', 1);
  await target.locator('button.verdict').click();
  await expect(status).toContainText('Поставлено:');
  await target.getByRole('combobox').selectOption(roomId);
  await expect(page.locator('.error[role=alert]')).toContainText(
    free ? `Аудитория ${room} занята: ИС-11, ${firstSubject}` : 'Нельзя поставить',
  );

  // Drag a lesson to another day; remove it and bring it back.
  const placed = target.locator('.entry').first();
  const wednesday3 = cell(page, 'Среда', 3);
  // Dragging shows every cell's verdict for the lesson (the rows grow), so the drop aims at the cell once they show.
  // The grid is brought into view first, as a methodist would scroll to it: a page scrolled while the button is held
  // starts no drag (the draft note and the «с/по» dates above the grid put its lower rows below a 720 px screen).
  await page.locator('table.week-grid').evaluate((grid) => grid.scrollIntoView({ block: 'start' }));
  await placed.hover();
  await page.mouse.down();
  await cell(page, 'Среда', 2).hover();
  await expect(wednesday3.locator('button.verdict')).toBeVisible();
  await wednesday3.hover();
  await page.mouse.up();
  await expect(status).toContainText(/^Перенесено: .+ → ср, 3-я пара/);
  await expect(wednesday3.locator('.entry')).toHaveCount(1);
  await wednesday3.getByRole('button', { name: /^Снять / }).click();
  await expect(status).toContainText(/^Снято: .+, ср, 3-я пара/);
  await expect(wednesday3.locator('.entry')).toHaveCount(0);
  await status.getByRole('button', { name: 'Вернуть' }).click();
  await expect(status).toHaveText('Отменено');
  await expect(wednesday3.locator('.entry')).toHaveCount(1);
});

test('расписание — у методиста и заведующего отделением, не у преподавателя', async ({ page }) => {
  await signInAs(page, 'prepod');
  await expect(page.getByRole('link', { name: 'Расписание', exact: true })).toHaveCount(0);
  await page.goto('/timetable');
  await expect(page.locator('.error[role=alert]')).toHaveText(
    'Недостаточно прав: расписание ставят методист и заведующий отделением.',
  );
});

/**
 * Issue #11, items 2 and 4: the week of dates — publishing the drafts (the spring week built above), a lesson of the
 * running autumn week cancelled with a reason, undone.
 */
test('методист публикует неделю и отменяет занятие на дату с причиной', async ({ page }) => {
  await signInAs(page, 'metodist');
  await page.goto('/timetable');
  await page.getByRole('link', { name: 'На даты: изменения и публикация' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Расписание на даты: ИС-11');
  const publish = page.locator('section', { has: page.getByRole('heading', { name: /^Не опубликовано: \d+$/ }) });
  await expect(publish.locator('li').first()).toContainText('ИС-11, ');
  // Issue #26, item 5: the timetable takes effect from the coming Monday; the step says what it will make first.
  const from = publish.getByLabel('Действует с');
  const monday = await from.inputValue();
  expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
  await expect(publish.getByTestId('publish-preview')).toContainText(
    /ИС-11, .+: будет создано \d+ (занятие|занятия|занятий) (с|на) \d\d\.\d\d\.\d{4}/,
  );
  await publish.getByRole('button', { name: 'Опубликовать' }).click();
  const [y, m, d] = monday.split('-');
  await expect(publish.getByRole('status')).toHaveText(
    new RegExp(
      `^Расписание опубликовано: \\d+ (изменение|изменения|изменений), действует с ${d}\\.${m}\\.${y}\\. Журналы \\(\\d+\\): занятий добавлено \\d+, изменено \\d+, удалено \\d+$`,
    ),
  );
  await expect(page.getByRole('heading', { name: 'Не опубликовано: 0' })).toBeVisible();
  // The spring drafts are published; a lesson of the autumn week already running is cancelled on a date.
  await page.getByRole('link', { name: 'следующая неделя →' }).click();
  await expect(page.getByRole('navigation', { name: 'Недели' }).locator('strong')).toContainText(`${d}.${m}.${y}`);

  const lesson = page.locator('td[data-pair="1"] .entry').first();
  await lesson.getByText('Изменить', { exact: true }).click();
  const cancel = lesson.getByRole('form', { name: /^Отменить занятие/ });
  await cancel.getByLabel('Причина').fill('Болезнь преподавателя');
  await cancel.getByRole('button', { name: /^Отменить занятие/ }).click();
  await expect(page.locator('td[data-pair="1"] .entry').first().locator('.badge.bad')).toHaveText('отменено');
  const cancelled = page.locator('td[data-pair="1"] .entry').first();
  await expect(cancelled.locator('details.change summary').first()).toHaveText(
    'отмена: Болезнь преподавателя (черновик)',
  );
  await page.screenshot({ path: 'test-results/timetable-dates.png', fullPage: true });
  await expect(page.getByRole('heading', { name: 'Не опубликовано: 1' })).toBeVisible();
  await expect(publish.locator('li').first()).toContainText('занятие отменено (Болезнь преподавателя)');

  // Undo by a new change: the lesson is back, the history keeps both.
  await cancelled.locator('details.change summary').first().click();
  const revert = cancelled.getByRole('form', { name: /^Отменить изменение/ });
  await revert.getByLabel('Причина').fill('Ошибка методиста');
  await revert.getByRole('button', { name: /^Отменить изменение/ }).click();
  await expect(page.locator('td[data-pair="1"] .entry').first().locator('.badge.bad')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Не опубликовано: 2' })).toBeVisible();
});

/** Issue #11, item 4: a published change reaches the student — on the home page and in the week, on a phone. */
test('студент видит отменённое занятие на главной и в своём расписании (телефон)', async ({ page, browser }) => {
  await signInAs(page, 'metodist');
  await page.goto('/timetable/week');
  await page.getByRole('combobox', { name: /^Группа/ }).selectOption({ label: 'ИС-21' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Расписание на даты: ИС-21');
  const shown = page.getByRole('navigation', { name: 'Недели' }).locator('strong');
  const thisWeek = (await shown.textContent())!;
  await page.getByRole('link', { name: 'следующая неделя →' }).click();
  await expect(shown).not.toHaveText(thisWeek);
  const lesson = page.locator('td[data-pair="3"] .entry').first();
  const subject = (await lesson.locator('strong').first().textContent())!;
  const date = (await page
    .locator('td[data-pair="3"]', { has: page.locator('.entry') })
    .first()
    .getAttribute('data-date'))!;
  await lesson.getByText('Изменить', { exact: true }).click();
  const cancel = lesson.getByRole('form', { name: /^Отменить занятие/ });
  await cancel.getByLabel('Причина').fill('Курсы повышения квалификации');
  await cancel.getByRole('button', { name: /^Отменить занятие/ }).click();
  await expect(page.locator('td[data-pair="3"] .entry').first().locator('.badge.bad')).toHaveText('отменено');
  await page.getByRole('button', { name: 'Опубликовать' }).click();
  await expect(page.getByRole('heading', { name: 'Не опубликовано: 0' })).toBeVisible();

  const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
  await signInAs(phone, 'student');
  const [, month, day] = date.split('-');
  const notice = phone.locator('.notice', { hasText: `Изменения в расписании на ${day}.${month}` });
  await expect(notice).toContainText(`ИС-21, ${subject} — занятие отменено (Курсы повышения квалификации)`);
  await phone.getByRole('link', { name: 'Расписание на неделю' }).click();
  const phoneWeek = phone.getByRole('navigation', { name: 'Недели' }).locator('strong');
  await expect(phoneWeek).toHaveText(thisWeek);
  await phone.getByRole('link', { name: 'неделя →' }).click();
  await expect(phoneWeek).not.toHaveText(thisWeek);
  const cancelled = phone.locator('.my-lessons li.cancelled');
  await expect(cancelled).toContainText(subject);
  await expect(cancelled).toContainText('отменено: Курсы повышения квалификации');
  // Nothing scrolls sideways on a phone, the header included.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await phone.screenshot({ path: 'test-results/timetable-student-phone.png', fullPage: true });

  // A phone calendar subscribes to a secret link; the cancelled lesson comes as cancelled; a revoked link stops.
  await phone.getByRole('button', { name: 'Получить ссылку' }).click();
  const link = (await phone.locator('.notice[role=status]', { hasText: 'Ссылка для подписки' }).textContent())!;
  const path = new URL(link.slice(link.indexOf('http'))).pathname;
  const feed = await phone.request.get(path);
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await feed.text()).toContain(`SUMMARY:Отменено: ${subject}`);
  await phone.getByRole('button', { name: 'Отозвать ссылку' }).click();
  await expect(phone.locator('.notice[role=status]', { hasText: 'Ссылка отозвана' })).toBeVisible();
  expect((await phone.request.get(path)).status()).toBe(404);
  await phone.close();
});

/** Issue #11, item 3: the week by teacher, room and department, and its print. */
test('методист смотрит неделю преподавателя и печатает неделю отделения', async ({ page }) => {
  await signInAs(page, 'metodist');
  await page.goto('/timetable');
  await page.getByRole('link', { name: 'По преподавателям, аудиториям, отделениям' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Расписание: Преподаватель /);
  await page.getByRole('navigation', { name: 'Вид' }).getByRole('link', { name: 'Группа' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Расписание: Группа ИС-11');
  // The group's published autumn week: this week and the next have its lessons.
  await expect(page.locator('table.week-grid .entry').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Недели' }).getByRole('link', { name: 'следующая неделя →' }).click();
  await expect(page.locator('table.week-grid .entry').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Вид' }).getByRole('link', { name: 'Отделение' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Расписание: Отделение /);
  const href = await page.getByRole('link', { name: 'Печать (PDF)' }).getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
  expect(text).toContain('Расписание занятий: Отделение');
  expect(text).toContain('ИС-11');
});
