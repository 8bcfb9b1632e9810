import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { unpackCells, type JournalCell } from '../domain/journal-cells';

export type ApiCell = JournalCell;

export interface ApiPage {
  students: { id: number; name: string; spans: { from: string; to: string | null }[] }[];
  lessons: { id: number; date: string; topic: string | null }[];
  cells: ApiCell[];
}

/** The journal as the server has it now (what a reload would show). */
export async function fetchJournal(request: APIRequestContext, assignmentId: number): Promise<ApiPage> {
  const input = encodeURIComponent(JSON.stringify({ json: { assignmentId } }));
  const res = await request.get(`/api/trpc/journal.page?input=${input}`);
  expect(res.status()).toBe(200);
  const page = ((await res.json()) as { result: { data: { json: Omit<ApiPage, 'cells'> & { cells: string } } } }).result
    .data.json;
  return { ...page, cells: unpackCells(page.cells) };
}

export const text = (c: ApiCell | undefined) =>
  c ? `${c.attendance ?? ''}${[c.grade1, c.grade2].filter(Boolean).join('/')}` : '';

export async function openJournal(page: Page, linkText: RegExp): Promise<number> {
  await page
    .getByRole('link', { name: /журналы/i })
    .first()
    .click();
  await page.getByTestId('journals').getByRole('link', { name: linkText }).first().click();
  await expect(page.locator('.ag-cell').first()).toBeVisible();
  return Number(new URL(page.url()).pathname.split('/').pop());
}

/** Horizontal scrollers of the grid (AG Grid keeps the bar and the body in step; either may be the one that scrolls). */
const SCROLLERS = '.ag-body-horizontal-scroll-viewport, .ag-grid-viewport, .ag-center-cols-viewport';

/**
 * The ids of the last `n` lessons held (dated up to today), left to right. The published timetable fills a journal to
 * the term's end, so they are found by scrolling to the far right (the future) and back leftwards until drawn.
 */
export async function lastLessonColumns(page: Page, n: number): Promise<number[]> {
  const scroll = (to: 'end' | 'back') =>
    page.evaluate(
      ([selector, to]) => {
        for (const el of document.querySelectorAll(selector))
          el.scrollLeft = to === 'end' ? el.scrollWidth : Math.max(0, el.scrollLeft - el.clientWidth / 2);
      },
      [SCROLLERS, to] as const,
    );
  const pastIds = () =>
    page.locator('button.lesson-header').evaluateAll((els) => {
      const today = new Date().toLocaleDateString('sv');
      return els
        .filter((e) => (e.getAttribute('data-lesson-date') ?? '') <= today)
        .map((e) => Number(e.getAttribute('data-lesson-id')));
    });
  await scroll('end');
  for (let step = 0; step < 40; step++) {
    await page.waitForTimeout(150);
    const ids = await pastIds();
    if (ids.length >= n) return ids.slice(-n);
    await scroll('back');
  }
  return (await pastIds()).slice(-n);
}

export function cell(page: Page, rowIndex: number, lessonId: number) {
  return page.locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="l${lessonId}"]`);
}

/** A paste as the browser delivers it from Excel: a ClipboardEvent with text/plain on the focused cell. */
export async function pasteText(page: Page, value: string) {
  await page.evaluate((v) => {
    const data = new DataTransfer();
    data.setData('text/plain', v);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, value);
}

export async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveText('Сохранено', { timeout: 20_000 });
}

/** Where the Cyrillic letters of marks sit on a Russian (ЙЦУКЕН) keyboard. */
const RUSSIAN_KEYS: Record<string, { code: string; keyCode: number }> = {
  н: { code: 'KeyY', keyCode: 89 },
  у: { code: 'KeyE', keyCode: 69 },
  б: { code: 'Comma', keyCode: 188 },
  о: { code: 'KeyJ', keyCode: 74 },
  з: { code: 'KeyP', keyCode: 80 },
  ч: { code: 'KeyX', keyCode: 88 },
};

/**
 * Types as a keyboard does, one key event per character. Playwright's `keyboard.type` inserts Cyrillic as text without
 * key events; a real Russian layout sends keydown with key «н», so those keys go through the DevTools protocol.
 */
export async function typeKeys(page: Page, value: string) {
  const cdp = await page.context().newCDPSession(page);
  for (const ch of value) {
    const ru = RUSSIAN_KEYS[ch];
    if (!ru) {
      await page.keyboard.press(ch);
      continue;
    }
    const base = { key: ch, code: ru.code, windowsVirtualKeyCode: ru.keyCode, nativeVirtualKeyCode: ru.keyCode };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: ch, unmodifiedText: ch, ...base });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
  }
  await cdp.detach();
}
