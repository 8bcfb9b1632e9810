/**
 * The browser figures: the production build against the bench database, Debian's Chromium.
 * - `gridInteractiveMs`: a teacher opening a 35-student × 80-lesson journal; interactive = the grid's first data rendered
 *   (the page's `performance.mark('journal-grid-interactive')`), counted from the start of the navigation; median.
 * - The old PC of the regulation (§4.3): the same journal with the CPU slowed 4× (`Emulation.setCPUThrottlingRate`) and
 *   a slow network (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up): `gridInteractiveThrottledMs` (the browser's cache
 *   warm, as every day after the first) and `gridInteractiveThrottledColdMs` (cache emptied before each opening);
 *   `gridKeystrokeMs`: median time from a digit's keydown to the next frame after the cell shows it (the editor opened
 *   with the digit), `gridCommitMs`: from Enter's keydown to the next frame after the cell shows the committed mark.
 * - `journalJsGzipKb`: the JavaScript the journal page loads (every script response of a cold opening), gzip -6, KB.
 * - The parent's home page on a 375 px phone under the same throttle: `familyPageThrottledMs` (warm cache) and
 *   `familyPageThrottledColdMs`: navigation start to the `load` event's end (every script run, the page hydrated).
 */
import zlib from 'node:zlib';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
  type Response,
} from '@playwright/test';
import { ensureChromium } from '../scripts/chromium';
import { median } from './server-figures';

export interface BrowserFigures {
  gridInteractiveMs: number | null;
  gridInteractiveThrottledMs: number | null;
  gridInteractiveThrottledColdMs: number | null;
  gridKeystrokeMs: number | null;
  gridCommitMs: number | null;
  journalJsGzipKb: number | null;
  familyPageThrottledMs: number | null;
  familyPageThrottledColdMs: number | null;
  gridStudents: number;
  gridLessons: number;
}

export const NO_BROWSER_FIGURES: BrowserFigures = {
  gridInteractiveMs: null,
  gridInteractiveThrottledMs: null,
  gridInteractiveThrottledColdMs: null,
  gridKeystrokeMs: null,
  gridCommitMs: null,
  journalJsGzipKb: null,
  familyPageThrottledMs: null,
  familyPageThrottledColdMs: null,
  gridStudents: 35,
  gridLessons: 80,
};

/** The slow PC and network of the figures (DevTools protocol units: bytes per second, ms). */
const OLD_PC = { cpuRate: 4, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const OPENINGS = 6;

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: OLD_PC.cpuRate });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: OLD_PC.latency,
    downloadThroughput: OLD_PC.downloadThroughput,
    uploadThroughput: OLD_PC.uploadThroughput,
  });
  return cdp;
}

async function signIn(context: BrowserContext, base: string, login: string) {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#login', login);
  await page.fill('#password', 'demo2026');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

async function openGrid(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('journal-grid-interactive').length > 0, null, {
    timeout: 60_000,
  });
  return page.evaluate(() => performance.getEntriesByName('journal-grid-interactive')[0]!.startTime);
}

/** Openings of `url`: the first is thrown away (it warms the server's caches), the median of the rest. */
async function medianOpenings(open: () => Promise<number>, before?: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < OPENINGS; i++) {
    await before?.();
    const ms = await open();
    if (i > 0) times.push(ms);
  }
  return Math.round(median(times));
}

/** The gzip size of every script the page loads while `open` runs (a cold cache: every script is fetched). */
async function scriptGzipKb(page: Page, open: () => Promise<unknown>) {
  const bodies: Promise<Buffer | null>[] = [];
  const onResponse = (res: Response) => {
    if (res.request().resourceType() === 'script') bodies.push(res.body().catch(() => null));
  };
  page.on('response', onResponse);
  await open();
  page.off('response', onResponse);
  const sizes = (await Promise.all(bodies)).map((b) => (b ? zlib.gzipSync(b, { level: 6 }).length : 0));
  return Math.round(sizes.reduce((a, b) => a + b, 0) / 1024);
}

/**
 * In the page: a promise (`window.__keyTime`) of the time from the next keydown's timestamp to the frame after the cell
 * at (`row`, `colId`) shows `expected` (in its editor while editing, as text once committed). Checked at every frame
 * before it is painted (an editor's value is a property: no DOM mutation shows it); once shown, the frame is painted
 * after this task, and a message posted now runs after the paint. A string, not a function: tsx names the functions it
 * compiles with a helper the page does not have.
 */
const KEY_TIMER = `({ row, colId, expected, editing }) => {
  window.__keyTime = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('ячейка ' + colId + ' строки ' + row + ' не показала «' + expected + '» за 20 с')), 20000);
    document.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      const shown = () => {
        const cell = document.querySelector('.ag-row[row-index="' + row + '"] .ag-cell[col-id="' + colId + '"]');
        const input = cell && cell.querySelector('input');
        return editing ? !!input && input.value === expected : !!cell && !input && cell.textContent.trim() === expected;
      };
      const frame = () => {
        if (!shown()) return void requestAnimationFrame(frame);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - t0);
        channel.port2.postMessage(null);
      };
      requestAnimationFrame(frame);
    }, { capture: true, once: true });
  });
}`;

async function timeKey(page: Page, key: string, row: number, colId: string, expected: string, editing: boolean) {
  await page.evaluate(`(${KEY_TIMER})(${JSON.stringify({ row, colId, expected, editing })})`);
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __keyTime: Promise<number> }).__keyTime);
}

/** Types a mark into 8 cells of the first lesson column that takes input, one digit and Enter each. */
async function measureKeystrokes(page: Page) {
  const colId = await page
    .locator('button.lesson-header')
    .first()
    .evaluate((e) => `l${e.getAttribute('data-lesson-id')}`);
  const keystrokes: number[] = [];
  const commits: number[] = [];
  for (let row = 0; row < 8; row++) {
    const cell = page.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${colId}"]`);
    await cell.click();
    const before = (await cell.textContent())?.trim();
    const digit = before === '5' ? '4' : '5';
    keystrokes.push(await timeKey(page, digit, row, colId, digit, true));
    commits.push(await timeKey(page, 'Enter', row, colId, digit, false));
  }
  await page.getByTestId('save-status').filter({ hasText: 'Сохранено' }).waitFor({ timeout: 60_000 });
  return { gridKeystrokeMs: Math.round(median(keystrokes)), gridCommitMs: Math.round(median(commits)) };
}

async function measureFamily(browser: Browser, base: string) {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await signIn(context, base, 'roditel');
  const cdp = await throttle(page);
  const open = async () => {
    await page.goto(`${base}/`, { waitUntil: 'load' });
    return page.evaluate(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    );
  };
  const familyPageThrottledColdMs = await medianOpenings(open, () => cdp.send('Network.clearBrowserCache'));
  const familyPageThrottledMs = await medianOpenings(open);
  await context.close();
  return { familyPageThrottledMs, familyPageThrottledColdMs };
}

export async function measureBrowser(
  base: string,
  assignmentId: number,
  log: (s: string) => void,
): Promise<BrowserFigures> {
  const executablePath = ensureChromium(log);
  if (!executablePath) {
    log('Замер в браузере пропущен: Chromium нет (цифры сервера выше не теряются).');
    return NO_BROWSER_FIGURES;
  }
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const url = `${base}/journals/${assignmentId}`;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await signIn(context, base, 'prepod');
    const journalJsGzipKb = await scriptGzipKb(page, () => openGrid(page, url));
    log(`  JavaScript страницы журнала: ${journalJsGzipKb} КБ gzip`);
    const rows = await page.locator('.ag-row[row-index]').count();
    if (rows < 10) throw new Error('сетка не отрисовала строки');
    const gridInteractiveMs = await medianOpenings(() => openGrid(page, url));
    log(`  сетка: ${gridInteractiveMs} мс; теперь старый ПК…`);

    const cdp = await throttle(page);
    const gridInteractiveThrottledColdMs = await medianOpenings(
      () => openGrid(page, url),
      () => cdp.send('Network.clearBrowserCache'),
    );
    const gridInteractiveThrottledMs = await medianOpenings(() => openGrid(page, url));
    log(`  старый ПК: сетка ${gridInteractiveThrottledMs} мс, с пустым кэшем ${gridInteractiveThrottledColdMs} мс`);
    const keys = await measureKeystrokes(page);
    log(`  нажатие ${keys.gridKeystrokeMs} мс, Enter ${keys.gridCommitMs} мс; главная родителя…`);
    await context.close();
    return {
      ...NO_BROWSER_FIGURES,
      gridInteractiveMs,
      gridInteractiveThrottledMs,
      gridInteractiveThrottledColdMs,
      ...keys,
      journalJsGzipKb,
      ...(await measureFamily(browser, base)),
    };
  } finally {
    await browser.close();
  }
}
