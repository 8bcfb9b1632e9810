import path from 'node:path';
import { Font, renderToBuffer } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import { env } from '../env';

const FAMILY = 'DejaVu Sans';
let registered = false;

/**
 * The TTF file of DejaVu Sans, regular or bold. The files are read from node_modules of the working directory: inside
 * Next's server bundle `require.resolve` yields a module id, not a path.
 */
export function pdfFontFile(bold: boolean): string {
  // A path chosen at run time: the build's file tracer need not follow it (else it traces the whole project, warning).
  const dir =
    env().PDF_FONT_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
  return path.join(/*turbopackIgnore: true*/ dir, bold ? 'DejaVuSans-Bold.ttf' : 'DejaVuSans.ttf');
}

/** A word longer than this may be broken anywhere where it does not fit its line (a link, a run of letters). */
const LONG_WORD = 30;

/**
 * Where React-PDF may break a word at a line's end (it adds a hyphen there): nowhere in a word of up to LONG_WORD
 * letters; anywhere in a longer one but next to its own hyphen or slash, which would print «Апостол--».
 */
export function breakableWord(word: string): string[] {
  if (word.length <= LONG_WORD) return [word];
  const parts: string[] = [];
  for (const ch of word) {
    const last = parts.at(-1);
    if (last !== undefined && (/[-/]$/.test(last) || ch === '-' || ch === '/')) parts[parts.length - 1] = last + ch;
    else parts.push(ch);
  }
  return parts;
}

/**
 * DejaVu Sans (TTF, full Cyrillic) for every printed document; no English hyphenation of Russian words. Texts of a
 * table's cell come broken into lines that fit it (./pdf-text.ts); elsewhere a word too long for any line (a link, a
 * run of 100 letters) may still be broken between any two letters, React-PDF adding the hyphen, rather than run off
 * the page.
 */
function registerPdfFonts(): void {
  if (registered) return;
  Font.register({
    family: FAMILY,
    fonts: [{ src: pdfFontFile(false) }, { src: pdfFontFile(true), fontWeight: 'bold' }],
  });
  Font.registerHyphenationCallback(breakableWord);
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
