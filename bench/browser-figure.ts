/**
 * The browser figure: the production build against the bench database, Debian's Chromium, a teacher opening a
 * 35-student × 80-lesson journal. Interactive = the grid's first data rendered (a `performance.mark` of the page),
 * counted from the start of the navigation; the median of several openings.
 */
import { chromium } from '@playwright/test';
import { ensureChromium } from '../scripts/chromium';
import { median } from './server-figures';

export async function measureBrowser(base: string, assignmentId: number, log: (s: string) => void) {
  const executablePath = ensureChromium(log);
  if (!executablePath) {
    log('Замер в браузере пропущен: Chromium нет (цифры сервера выше не теряются).');
    return { gridInteractiveMs: null, gridStudents: 35, gridLessons: 80 };
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
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${base}/login`);
  await page.fill('#login', 'prepod');
  await page.fill('#password', 'demo2026');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    await page.goto(`${base}/journals/${assignmentId}`);
    await page.waitForFunction(() => performance.getEntriesByName('journal-grid-interactive').length > 0, null, {
      timeout: 30_000,
    });
    const ms = await page.evaluate(() => performance.getEntriesByName('journal-grid-interactive')[0]!.startTime);
    // The grid has really drawn the students at that point.
    if (i === 0) {
      const rows = await page.locator('.ag-row[row-index]').count();
      if (rows < 10) throw new Error('сетка не отрисовала строки');
    }
    if (i > 0) times.push(ms); // the first opening warms the server's caches
  }
  await browser.close();
  return { gridInteractiveMs: Math.round(median(times)), gridStudents: 35, gridLessons: 80 };
}
