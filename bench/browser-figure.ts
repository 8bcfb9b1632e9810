/**
 * The browser figure: the production build against the bench database, Debian's Chromium, a teacher opening a
 * 35-student × 80-lesson journal. Interactive = the grid's first data rendered (a `performance.mark` of the page),
 * counted from the start of the navigation; the median of several openings.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { ensureChromium } from '../scripts/chromium';
import { median } from './server-figures';

const PORT = 3200;

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`сервер не ответил: ${url}`);
}

export async function measureBrowser(databaseUrl: string, assignmentId: number, log: (s: string) => void) {
  const executablePath = ensureChromium(log);
  if (!executablePath) {
    log('Замер в браузере пропущен: Chromium нет (цифры сервера выше не теряются).');
    return { gridInteractiveMs: null, gridStudents: 35, gridLessons: 80 };
  }
  if (!fs.existsSync('.next/BUILD_ID')) {
    log('Сборка приложения (next build)…');
    const build = spawnSync('npx', ['next', 'build'], {
      stdio: 'ignore',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) throw new Error('next build не удался');
  }
  const server = spawn('npx', ['next', 'start', '-p', String(PORT)], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: 'bench-secret-0123456789abcdef',
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: 'ignore',
    detached: true,
  });
  const base = `http://localhost:${PORT}`;
  try {
    await waitFor(`${base}/login`, 60_000);
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
  } finally {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}
