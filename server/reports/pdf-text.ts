/**
 * Text that fits where it is printed (issue #26, item 3): widths measured with the font React-PDF draws with (DejaVu
 * Sans, through fontkit — React-PDF's own font engine), texts broken into lines that fit a width, sizes stepped down to
 * a legible minimum where a cell's height is fixed. A document breaks a cell's text here and hands React-PDF the lines
 * (joined by «\n»), so the lines on paper are exactly the ones counted when the pages were planned.
 */
import fs from 'node:fs';
import { create, type Font } from 'fontkit';
import { pdfFontFile } from './pdf-fonts';

/** The smallest size (pt) a printed text is set in. */
export const MIN_FONT_SIZE = 6;
/** Room (pt) left at a line's end: React-PDF must never find a line we broke a hair too long and break it again. */
const SLACK = 0.5;

const fonts = new Map<boolean, Font>();
const widths = new Map<string, number>();

function font(bold: boolean): Font {
  let f = fonts.get(bold);
  if (!f) {
    f = create(fs.readFileSync(pdfFontFile(bold)));
    fonts.set(bold, f);
  }
  return f;
}

export interface TextStyle {
  /** pt */
  size: number;
  bold?: boolean;
  /** pt added after each letter, as React-PDF's `letterSpacing`. */
  letterSpacing?: number;
}

/** The width (pt) of a text set on one line. */
export function textWidth(text: string, { size, bold = false, letterSpacing = 0 }: TextStyle): number {
  const key = `${bold ? 'b' : 'r'}${text}`;
  let em = widths.get(key);
  if (em === undefined) {
    const f = font(bold);
    em = f.layout(text).advanceWidth / f.unitsPerEm;
    if (widths.size > 50_000) widths.clear();
    widths.set(key, em);
  }
  return em * size + letterSpacing * text.length;
}

/** Pieces of a word that no line holds: after its own hyphens and slashes, else letters with a hyphen added. */
function breakWord(word: string, width: number, style: TextStyle): string[] {
  const parts = word.match(/[^-/]+[-/]*|[-/]+/g) ?? [word];
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    if (textWidth(line + part, style) <= width) {
      line += part;
      continue;
    }
    if (line) lines.push(line);
    let rest = part;
    while (textWidth(rest, style) > width) {
      // The longest head that fits with its added hyphen (at least one letter, whatever the width).
      let n = 1;
      while (n < rest.length - 1 && textWidth(`${rest.slice(0, n + 1)}-`, style) <= width) n++;
      lines.push(`${rest.slice(0, n)}-`);
      rest = rest.slice(n);
    }
    line = rest;
  }
  return [...lines, line];
}

/**
 * The lines of `text` set in `style` within `width` pt: words wrapped at spaces, a word too long for a line broken
 * after its hyphen or slash («Римская-» / «Корсакова»), else between letters with a hyphen added. Line breaks in the
 * text are kept; spaces are collapsed. An empty text is one empty line.
 */
export function wrapText(text: string, width: number, style: TextStyle): string[] {
  const room = width - SLACK;
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const joined = line ? `${line} ${word}` : word;
      if (textWidth(joined, style) <= room) {
        line = joined;
        continue;
      }
      if (line) out.push(line);
      const pieces = textWidth(word, style) <= room ? [word] : breakWord(word, room, style);
      out.push(...pieces.slice(0, -1));
      line = pieces.at(-1)!;
    }
    out.push(line);
  }
  return out;
}

export interface FittedText {
  lines: string[];
  /** pt */
  size: number;
}

/**
 * A text for a cell of fixed height: on `maxLines` lines at the largest size from `style.size` down to `minSize` (in
 * half points); when even the smallest does not hold it, wrapped at `minSize` on as many lines as it takes — the
 * caller makes the room.
 */
export function fitText(
  text: string,
  width: number,
  style: TextStyle,
  { maxLines = 1, minSize = MIN_FONT_SIZE }: { maxLines?: number; minSize?: number } = {},
): FittedText {
  for (let size = style.size; size >= minSize - 1e-9; size -= 0.5) {
    const lines = wrapText(text, width, { ...style, size });
    if (lines.length <= maxLines) return { lines, size };
  }
  const size = Math.min(style.size, minSize);
  return { lines: wrapText(text, width, { ...style, size }), size };
}

/**
 * A table cell's text that grows downward: wrapped at its size; when a word would have to be broken, at the largest
 * smaller size (down to `minSize`) at which no word is — a header «уважительной» is set a point smaller rather than
 * split. A word too long even at `minSize` (a link, a run of letters) is broken at the cell's own size.
 */
export function fitCell(text: string, width: number, style: TextStyle, minSize = MIN_FONT_SIZE): FittedText {
  const words = text.split(/\s+/).filter(Boolean);
  for (let size = style.size; size >= minSize - 1e-9; size -= 0.5) {
    if (words.every((w) => textWidth(w, { ...style, size }) <= width - SLACK))
      return { lines: wrapText(text, width, { ...style, size }), size };
  }
  return { lines: wrapText(text, width, style), size: style.size };
}
