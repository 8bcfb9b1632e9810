import path from 'node:path';
import { Font } from '@react-pdf/renderer';
import { env } from '../env';

let registered = false;

/**
 * DejaVu Sans (TTF, full Cyrillic) for every printed document; no English hyphenation of Russian words. The files are
 * read from node_modules of the working directory: inside Next's server bundle `require.resolve` yields a module id,
 * not a path.
 */
export function registerPdfFonts(): string {
  if (!registered) {
    const dir = env().PDF_FONT_DIR ?? path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
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
