/**
 * Firefox for the smoke test of the browsers the regulation names (§4.3): Debian's `firefox-esr`, driven over WebDriver
 * BiDi by puppeteer-core. FIREFOX_PATH when it is an executable file, else Debian's; when there is none, installed from
 * Debian (as root) — never downloaded.
 */
import { spawnSync } from 'node:child_process';
import { executable } from './chromium';

export const DEBIAN_FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
export const FIREFOX_INSTALL = 'apt-get update && apt-get install -y firefox-esr';

/** Firefox's path, installing Debian's package when run as root; null with the reason logged. */
export function ensureFirefox(log: (line: string) => void = console.error): string | null {
  const given = process.env.FIREFOX_PATH;
  if (given && executable(given)) return given;
  if (given) log(`FIREFOX_PATH=${given}: файла нет или он не запускается — ищу Firefox из Debian`);
  const found = DEBIAN_FIREFOX.find(executable);
  if (found) return found;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    log(`Для проверки в Firefox нужен firefox-esr из Debian. Установите его (от root): ${FIREFOX_INSTALL}`);
    return null;
  }
  log(`Firefox не найден — устанавливаю из Debian: ${FIREFOX_INSTALL}`);
  spawnSync('sh', ['-c', `(${FIREFOX_INSTALL}) >/dev/null`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return DEBIAN_FIREFOX.find(executable) ?? null;
}
