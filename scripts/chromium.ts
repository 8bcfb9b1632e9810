import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** Where Debian puts its Chromium (`apt-get install chromium`); Playwright may not download a browser here. */
export const DEBIAN_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

/** An executable regular file (a browser's path). */
export function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export type ChromiumPlan = { use: string; note?: string } | { install: true; note?: string } | { refuse: string };

/**
 * What the tests and the bench do for a browser: `PLAYWRIGHT_CHROMIUM_PATH` when it is an executable file, else
 * Debian's Chromium; when there is none, install it (as root) or stop with the command to run, in Russian.
 */
export function chromiumPlan(
  envPath: string | undefined,
  isRoot: boolean,
  exists: (file: string) => boolean = executable,
): ChromiumPlan {
  const note =
    envPath && !exists(envPath)
      ? `PLAYWRIGHT_CHROMIUM_PATH=${envPath}: файла нет или он не запускается — ищу Chromium из Debian`
      : undefined;
  if (envPath && !note) return { use: envPath };
  const found = DEBIAN_CHROMIUM.find(exists);
  if (found) return { use: found, note };
  if (isRoot) return { install: true, note };
  return {
    refuse: `${note ? `${note}.\n` : ''}Для e2e-тестов нужен Chromium из Debian, а его нет. Установите его (от root): ${INSTALL_COMMAND}\nили укажите путь к Chromium в PLAYWRIGHT_CHROMIUM_PATH.`,
  };
}

/** The browser to launch, or null (nothing installed): never downloads anything. */
export function findChromium(env: Record<string, string | undefined> = process.env): string | null {
  const plan = chromiumPlan(env.PLAYWRIGHT_CHROMIUM_PATH, false);
  return 'use' in plan ? plan.use : null;
}

/** Finds Chromium, installing Debian's package when run as root; returns its path, or null with the reason printed. */
export function ensureChromium(log: (line: string) => void = console.error): string | null {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const plan = chromiumPlan(process.env.PLAYWRIGHT_CHROMIUM_PATH, isRoot);
  if ('note' in plan && plan.note) log(plan.note);
  if ('use' in plan) return plan.use;
  if ('refuse' in plan) {
    log(plan.refuse);
    return null;
  }
  log(`Chromium не найден — устанавливаю из Debian: ${INSTALL_COMMAND}`);
  const run = spawnSync('sh', ['-c', `(${INSTALL_COMMAND}) >/dev/null`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const found = DEBIAN_CHROMIUM.find(executable);
  if (run.status !== 0 || !found) {
    log(
      `Не удалось установить Chromium (${INSTALL_COMMAND}). Установите его вручную или укажите PLAYWRIGHT_CHROMIUM_PATH.`,
    );
    return null;
  }
  return found;
}
