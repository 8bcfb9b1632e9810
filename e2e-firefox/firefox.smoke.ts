/**
 * The smoke test in Firefox (issue #29, item 6; regulation §4.3 names Firefox, Chrome and Yandex Browser — the last two
 * are Chromium, which every Playwright spec runs in). Debian's firefox-esr over WebDriver BiDi (puppeteer-core), against
 * the production build on a fresh demo college (scripts/e2e-server.ts): a teacher signs in, types marks with key events
 * of the Russian layout and pastes a block in the grid, reloads and finds them saved; a PDF is downloaded with the
 * session; the parent's page fits a 375 px phone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import puppeteer, { type Browser, type KeyInput, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirefox } from '../scripts/firefox';

const PORT = 3150;
const base = `http://localhost:${PORT}`;
let server: ChildProcess;
let browser: Browser;

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if ((await fetch(url).catch(() => null))?.status === 200) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`сервер не ответил: ${url}`);
}

beforeAll(async () => {
  const executablePath = ensureFirefox();
  if (!executablePath) throw new Error('Firefox (firefox-esr из Debian) не найден и не установлен');
  server = spawn('npx', ['tsx', 'scripts/e2e-server.ts'], {
    env: { ...process.env, E2E_PORT: String(PORT) },
    stdio: 'ignore',
    detached: true,
  });
  await waitFor(`${base}/login`, 180_000);
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    // The test writes the block it pastes to the clipboard without a user's gesture.
    extraPrefsFirefox: { 'dom.events.testing.asyncClipboard': true },
  });
});

afterAll(async () => {
  await browser?.close();
  try {
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* already stopped */
  }
});

async function signIn(page: Page, login: string) {
  await page.goto(`${base}/login`);
  await page.type('#login', login);
  await page.type('#password', 'demo2026');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  expect(new URL(page.url()).pathname).toBe('/');
}

const cellText = (page: Page, row: number, colId: string) =>
  page.$eval(`.ag-row[row-index="${row}"] .ag-cell[col-id="${colId}"]`, (e) => e.textContent?.trim() ?? '');

/** The grid scrolled to its right end: the latest lessons. */
/** The grid opens at the latest lesson held (the timetable's lessons run on to the term's end): let it get there. */
async function awaitLatest(page: Page) {
  await page.waitForSelector('button.lesson-header');
  await new Promise((r) => setTimeout(r, 500));
}

const waitSaved = (page: Page) =>
  page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.textContent === 'Сохранено', {
    timeout: 30_000,
  });

describe('Firefox (firefox-esr, WebDriver BiDi)', () => {
  it('the teacher types Russian marks and pastes a block; after a reload they are saved; a PDF downloads', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await signIn(page, 'prepod');
    await page.goto(`${base}/journals`);
    // The demo teacher's own journal (as the Playwright specs take it).
    const href = await page.$$eval('[data-testid=journals] a[href^="/journals/"]', (links) =>
      links.find((a) => a.textContent?.includes('ОП.04 Основы алгоритмизации'))!.getAttribute('href')!,
    );
    await page.goto(`${base}${href}`);
    await page.waitForSelector('.ag-cell');
    // The latest lessons held (past ones take input; a future lesson does not), where the grid opens.
    await awaitLatest(page);
    const today = new Date().toISOString().slice(0, 10);
    const columns = await page.$$eval(
      'button.lesson-header',
      (els, today) =>
        els
          .filter((e) => (e.getAttribute('data-lesson-date') ?? '') <= today)
          .map((e) => `l${e.getAttribute('data-lesson-id')}`),
      today,
    );
    const [c1, c2] = columns.slice(-2);
    expect(c1 && c2).toBeTruthy();

    // «н» (absent) typed as a Russian keyboard sends it: a key event with key «н», then Enter.
    await page.click(`.ag-row[row-index="0"] .ag-cell[col-id="${c1}"]`);
    // puppeteer's key names are the US layout's; over BiDi a one-character key is sent as that character.
    await page.keyboard.press('н' as KeyInput);
    await page.keyboard.press('Enter');
    await page.keyboard.press('5');
    await page.keyboard.press('Enter');
    await waitSaved(page);

    // A block from a spreadsheet: rows 2–3 × the two columns.
    await page.click(`.ag-row[row-index="2"] .ag-cell[col-id="${c1}"]`);
    // A real paste: the block on Firefox's clipboard (the page may write it: a testing preference below), then Ctrl+V.
    // Firefox gives a script-made ClipboardEvent an empty DataTransfer, so the Chromium specs' synthetic paste is no test here.
    await page.evaluate(() => navigator.clipboard.writeText('4\t3\n5\tн'));
    await page.keyboard.down('Control');
    await page.keyboard.press('v');
    await page.keyboard.up('Control');
    await page.waitForFunction(
      (c1) => document.querySelector(`.ag-row[row-index="2"] .ag-cell[col-id="${c1}"]`)?.textContent?.trim() === '4',
      {},
      c1,
    );
    await waitSaved(page);

    await page.reload();
    await page.waitForSelector('.ag-cell');
    await awaitLatest(page);
    expect(await cellText(page, 0, c1!)).toBe('н');
    expect(await cellText(page, 1, c1!)).toBe('5');
    expect([await cellText(page, 2, c1!), await cellText(page, 2, c2!)]).toEqual(['4', '3']);
    expect([await cellText(page, 3, c1!), await cellText(page, 3, c2!)]).toEqual(['5', 'н']);

    // The journal's calendar-thematic plan as PDF, fetched by the browser with its session.
    const id = href.split('/').pop();
    const pdf = await page.evaluate(async (url) => {
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        head: String.fromCharCode(...bytes.slice(0, 5)),
      };
    }, `/api/reports/ktp/${id}?format=pdf`);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    await context.close();
  });

  it("the parent's page on a 375 px phone: the child's marks, nothing wider than the screen", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 375, height: 740 });
    await signIn(page, 'roditel');
    await page.goto(`${base}/family`);
    await page.waitForSelector('main');
    const { width, text } = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      text: document.querySelector('main')?.textContent ?? '',
    }));
    expect(width).toBeLessThanOrEqual(375);
    expect(text).toMatch(/Оценки|оценк/);
    await context.close();
  });
});
