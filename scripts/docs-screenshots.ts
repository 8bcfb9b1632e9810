/**
 * `npm run docs:screenshots`: the pictures of the role guides (docs/guides/img/*.png), taken from a fresh demo college
 * so that they never go stale (issue #29, item 4). The shots — name, login, address, viewport, what to do first — are
 * listed once, in docs/guides/shots.ts; docs/guides.test.ts checks the guides against that list.
 *
 * The server and the browser are the e2e's own, taken from playwright.config.ts: its `webServer` command
 * (scripts/e2e-server.ts — the production build through `npm start` on a fresh demo database; it builds first when the
 * sources are newer than the build) on a free port, and Debian's Chromium with the same launch flags, locale and zone.
 * The e2e server's database directory (`.data/e2e`) is shared: do not run this beside `npm run test:e2e`.
 *
 *   npm run docs:screenshots                      # every shot
 *   npm run docs:screenshots -- prepod-journal    # only the shots named (or starting with the given prefix)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import config from '../playwright.config';
import { DEMO_PASSWORD, SHOTS, VIEWPORTS, type Shot } from '../docs/guides/shots';
import { ensureChromium } from './chromium';

const root = path.resolve(import.meta.dirname, '..');
const imgDir = path.join(root, 'docs', 'guides', 'img');
/** A first start may build the app (2–4 minutes on 2 cores) before it answers. */
const START_TIMEOUT_MS = 15 * 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The e2e's web server (playwright.config.ts) on `port`, in its own process group so that it stops with its children. */
function startServer(port: number): ChildProcess {
  const server = Array.isArray(config.webServer) ? config.webServer[0] : config.webServer;
  if (!server?.command) throw new Error('playwright.config.ts: нет webServer.command');
  console.log(`[docs] ${server.command} (E2E_PORT=${port})`);
  return spawn(server.command, {
    cwd: root,
    shell: true,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    // The demo as `npm start` makes it: as of today, with its day (remarks, posts, a certified copy).
    env: { ...process.env, ...server.env, E2E_PORT: String(port), E2E_DEMO: 'live' },
  });
}

function stopServer(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

async function waitForServer(url: string, child: ChildProcess) {
  const until = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`сервер остановился с кодом ${child.exitCode}, не ответив`);
    const status = await fetch(url)
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`сервер не ответил за ${START_TIMEOUT_MS / 60_000} мин: ${url}`);
}

/** The page has its data and its script: no requests for a moment, React hydrated, fonts loaded. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
}

/** The sign-in of e2e/helpers.ts: the login form, then the home page with the user's name. */
async function signIn(page: Page, base: string, login: string) {
  await page.goto(`${base}/login`);
  await settle(page);
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
  await page.getByTestId('user-name').waitFor();
}

async function take(page: Page, base: string, shot: Shot) {
  await page.goto(`${base}${shot.path}`);
  await settle(page);
  if (shot.action) {
    await shot.action(page);
    await settle(page);
  }
  if (shot.login && new URL(page.url()).pathname === '/login')
    throw new Error('сеанс потерян: открылась страница входа');
  const file = path.join(imgDir, `${shot.name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  console.log(`[docs] ${path.relative(root, file)} — ${Math.round(fs.statSync(file).size / 1024)} КБ`);
}

/** Shots of one login and one viewport share a browser context and one sign-in. */
function byContext(shots: readonly Shot[]): Shot[][] {
  const groups = new Map<string, Shot[]>();
  for (const shot of shots) {
    const key = `${shot.login ?? ''}|${shot.viewport}`;
    groups.set(key, [...(groups.get(key) ?? []), shot]);
  }
  return [...groups.values()];
}

async function main() {
  const asked = process.argv.slice(2);
  const shots = asked.length ? SHOTS.filter((s) => asked.some((a) => s.name.startsWith(a))) : SHOTS;
  if (shots.length === 0) throw new Error(`нет таких снимков: ${asked.join(', ')} (список — docs/guides/shots.ts)`);

  const executablePath = ensureChromium();
  if (!executablePath) process.exit(1);
  fs.mkdirSync(imgDir, { recursive: true });

  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = startServer(port);
  const stop = () => stopServer(server);
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      stop();
      process.exit(130);
    });

  let browser: Browser | null = null;
  const failed: string[] = [];
  try {
    await waitForServer(`${base}/login`, server);
    browser = await chromium.launch({ ...config.use?.launchOptions, executablePath });
    for (const group of byContext(shots)) {
      const first = group[0]!;
      let context: BrowserContext | null = null;
      try {
        context = await browser.newContext({
          viewport: VIEWPORTS[first.viewport],
          deviceScaleFactor: 1,
          locale: config.use?.locale,
          timezoneId: config.use?.timezoneId,
        });
        const page = await context.newPage();
        if (first.login) await signIn(page, base, first.login);
        for (const shot of group) {
          try {
            await take(page, base, shot);
          } catch (e) {
            failed.push(`${shot.name}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      } catch (e) {
        failed.push(...group.map((s) => `${s.name}: ${e instanceof Error ? e.message : String(e)}`));
      } finally {
        await context?.close();
      }
    }
  } finally {
    await browser?.close();
    stop();
  }

  const listed = new Set(SHOTS.map((s) => `${s.name}.png`));
  const stale = fs.readdirSync(imgDir).filter((f) => f.endsWith('.png') && !listed.has(f));
  if (stale.length) console.log(`[docs] не из списка снимков (удалите, если не нужны): ${stale.join(', ')}`);
  if (failed.length) {
    console.error(`[docs] не сняты (${failed.length}):\n  ${failed.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`[docs] готово: ${shots.length} снимков в ${path.relative(root, imgDir)}`);
}

try {
  await main();
} catch (e) {
  console.error(`[docs] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
