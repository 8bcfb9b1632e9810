import { createRequire } from 'node:module';
import path from 'node:path';
import { Font } from '@react-pdf/renderer';

const require = createRequire(import.meta.url);
let registered = false;

/** DejaVu Sans (TTF, full Cyrillic) for every printed document; no English hyphenation of Russian words. */
export function registerPdfFonts(): string {
  if (!registered) {
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    Font.register({
      family: 'DejaVu Sans',
      fonts: [
        { src: path.join(dir, 'DejaVuSans.ttf') },
        { src: path.join(dir, 'DejaVuSans-Bold.ttf'), fontWeight: 'bold' },
      ],
    });
    Font.registerHyphenationCallback((word) => [word]);
    registered = true;
  }
  return 'DejaVu Sans';
}
