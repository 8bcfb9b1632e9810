import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Debian's poppler-utils: `pdftotext -bbox-layout` gives the tests every word of a PDF with its box (the layout check
 * of printed documents, test/pdf-layout.ts). Nothing is downloaded outside Debian's packages.
 */
export const PDFTOTEXT = '/usr/bin/pdftotext';
export const POPPLER_INSTALL_COMMAND = 'apt-get update && apt-get install -y poppler-utils';

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The path of `pdftotext`, installing Debian's poppler-utils when run as root (as CI is, like Chromium in
 * scripts/chromium.ts); else an Error saying, in Russian, what to run.
 */
export function ensurePdftotext(log: (line: string) => void = console.error): string {
  if (executable(PDFTOTEXT)) return PDFTOTEXT;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot)
    throw new Error(
      `Для проверки вёрстки PDF нужен pdftotext из Debian, а его нет. Установите его (от root): ${POPPLER_INSTALL_COMMAND}`,
    );
  log(`pdftotext не найден — устанавливаю из Debian: ${POPPLER_INSTALL_COMMAND}`);
  const run = spawnSync('sh', ['-c', `(${POPPLER_INSTALL_COMMAND}) >/dev/null`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (run.status !== 0 || !executable(PDFTOTEXT))
    throw new Error(`Не удалось установить poppler-utils (${POPPLER_INSTALL_COMMAND}). Установите пакет вручную.`);
  return PDFTOTEXT;
}
