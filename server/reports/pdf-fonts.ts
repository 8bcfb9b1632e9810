import path from 'node:path';
import { Font, renderToBuffer } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import { env } from '../env';

const FAMILY = 'DejaVu Sans';
let registered = false;

/**
 * DejaVu Sans (TTF, full Cyrillic) for every printed document; no English hyphenation of Russian words. The files are
 * read from node_modules of the working directory: inside Next's server bundle `require.resolve` yields a module id,
 * not a path.
 */
function registerPdfFonts(): void {
  if (registered) return;
  const dir = env().PDF_FONT_DIR ?? path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
  Font.register({
    family: FAMILY,
    fonts: [
      { src: path.join(dir, 'DejaVuSans.ttf') },
      { src: path.join(dir, 'DejaVuSans-Bold.ttf'), fontWeight: 'bold' },
    ],
  });
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}

/**
 * Drops the parsed fonts so that the next document reads them afresh. React-PDF reuses a parsed font across documents,
 * and then a later document's text layer maps some glyphs to wrong letters: its pages look right, but copying or
 * searching its text — a certified copy's verification code — gives «KELGE» for «KTLMT». Reading the TTF again costs
 * a few milliseconds.
 */
function freshFonts(): void {
  const family = Font.getRegisteredFonts()[FAMILY] as unknown as {
    sources: { data: unknown; loadResultPromise: unknown }[];
  };
  for (const source of family.sources) {
    source.data = null;
    source.loadResultPromise = null;
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Renders a document to PDF bytes with DejaVu Sans (`document(fontFamily)`), one document at a time in this process:
 * each starts with fresh fonts, which must not be dropped under a document still being laid out. Rendering holds the
 * event loop anyway (ARCHITECTURE.md), so one at a time costs nothing a caller would see.
 */
export function renderPdf(document: (fontFamily: string) => ReactElement): Promise<Buffer> {
  const run = queue.then(() => {
    registerPdfFonts();
    freshFonts();
    // React-PDF's types want a <Document> element; every caller passes one.
    return renderToBuffer(document(FAMILY) as Parameters<typeof renderToBuffer>[0]);
  });
  queue = run.catch(() => undefined);
  return run;
}
