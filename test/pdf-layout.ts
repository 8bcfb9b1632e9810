/**
 * The layout check of printed documents (issue #26, item 3): every word of a PDF with its box, from Debian's
 * `pdftotext -bbox` (poppler-utils), and the lines the PDF draws (table borders, grid rules), from the PDF's drawing
 * operators read with pdf.js (unpdf). A page is faulty when two words overlap, a word leaves the printable area, a word
 * is crossed by a drawn line (it left its cell), or a word is set smaller than the legible minimum. `findText` tells
 * whether a text is printed whole — as one flow of words, wrapped over lines of its cell or not.
 *
 * Coordinates are PDF points with the origin at the page's top left, as pdftotext gives them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensurePdftotext } from '../scripts/poppler';

export interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface Word extends Box {
  text: string;
}

/** A straight line the PDF strokes: vertical (x0 = x1) or horizontal (y0 = y1). */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageLayout {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  words: Word[];
  rules: Rule[];
}

/** DejaVu Sans: a word's box is (ascent + descent) = 1.164 em high, so its height gives the size it is set in. */
const BOX_EM = 1.164;
/** The smallest size a printed text may be set in (pt). */
export const MIN_FONT_SIZE = 6;
/**
 * The printable area's margin (pt): office laser printers leave ≈4 mm of each edge blank (4.2 mm ≈ 12 pt); a text
 * nearer the edge may be cut by the printer.
 */
export const PRINTABLE_MARGIN = 12;
/** How far (pt) boxes may touch before it counts: the glyph boxes are the font's full ascent and descent. */
const TOLERANCE = 0.5;

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Pages and words of a PDF, as `pdftotext -bbox` reads them. */
export function pdfWords(pdf: Uint8Array): Omit<PageLayout, 'rules'>[] {
  const bin = ensurePdftotext();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-layout-'));
  try {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, pdf);
    const html = execFileSync(bin, ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const pages: Omit<PageLayout, 'rules'>[] = [];
    const re =
      /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g;
    for (const m of html.matchAll(re)) {
      if (m[1] !== undefined) {
        pages.push({ page: pages.length + 1, width: Number(m[1]), height: Number(m[2]), words: [] });
        continue;
      }
      pages.at(-1)!.words.push({
        xMin: Number(m[3]),
        yMin: Number(m[4]),
        xMax: Number(m[5]),
        yMax: Number(m[6]),
        text: decode(m[7]!),
      });
    }
    return pages;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

/**
 * The straight lines each page strokes (React-PDF draws a border or a grid rule as a stroked path; backgrounds and
 * shading are fills and are left out), in pdftotext's coordinates.
 */
export async function pdfRules(pdf: Uint8Array): Promise<Rule[][]> {
  // pdf.js 5 copies buffers with ArrayBuffer.prototype.transferToFixedLength, which Node 20 lacks.
  const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (n?: number) => ArrayBuffer };
  if (!proto.transferToFixedLength)
    Object.defineProperty(proto, 'transferToFixedLength', {
      value(this: ArrayBuffer, n?: number) {
        const copy = new ArrayBuffer(n ?? this.byteLength);
        new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(this.byteLength, copy.byteLength)));
        return copy;
      },
    });
  const { getDocumentProxy, getResolvedPDFJS } = await import('unpdf');
  const { OPS } = (await getResolvedPDFJS()) as unknown as { OPS: Record<string, number> };
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const out: Rule[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const height = page.view[3]!;
    const ops = await page.getOperatorList();
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    const rules: Rule[] = [];
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
      else if (fn === OPS.constructPath && (args[0] === OPS.stroke || args[0] === OPS.closeStroke)) {
        const [x0, y0, x1, y1] = Array.from(args[2] as ArrayLike<number>) as [number, number, number, number];
        if (Math.abs(x1 - x0) > 0.01 && Math.abs(y1 - y0) > 0.01) return; // not a straight line
        const [ax, ay] = apply(ctm, x0, y0);
        const [bx, by] = apply(ctm, x1, y1);
        rules.push({
          x0: Math.min(ax, bx),
          x1: Math.max(ax, bx),
          y0: height - Math.max(ay, by),
          y1: height - Math.min(ay, by),
        });
      }
    });
    out.push(rules);
  }
  await doc.cleanup();
  return out;
}

/** Words and drawn lines of every page. */
export async function readPdfLayout(pdf: Uint8Array): Promise<PageLayout[]> {
  const pages = pdfWords(pdf);
  const rules = await pdfRules(pdf);
  if (rules.length !== pages.length) throw new Error(`pdftotext read ${pages.length} pages, pdf.js ${rules.length}`);
  return pages.map((p, i) => ({ ...p, rules: rules[i]! }));
}

const span = (a0: number, a1: number, b0: number, b1: number) => Math.min(a1, b1) - Math.max(a0, b0);
const show = (w: Word) => `«${w.text}» (${w.xMin.toFixed(1)}, ${w.yMin.toFixed(1)})`;

/**
 * What is wrong with the layout, one line per fault (empty when nothing is): overlapping words, words outside the
 * printable area, words crossed by a drawn line, words smaller than `MIN_FONT_SIZE`.
 */
export function layoutFaults(pages: PageLayout[]): string[] {
  const faults: string[] = [];
  for (const p of pages) {
    const at = `стр. ${p.page}`;
    // A line through or under a run of words that spans just that run is its decoration (struck-out text), not a border.
    const decoration = (r: Rule) => {
      const run = p.words.filter((w) => w.yMin < r.y0 && w.yMax > r.y0 && span(w.xMin, w.xMax, r.x0, r.x1) > 0);
      return (
        run.length > 0 &&
        r.x0 >= Math.min(...run.map((w) => w.xMin)) - 1 &&
        r.x1 <= Math.max(...run.map((w) => w.xMax)) + 1
      );
    };
    const rules = p.rules.filter((r) => r.x1 - r.x0 < 0.01 || !decoration(r));
    const words = [...p.words].sort((a, b) => a.yMin - b.yMin);
    words.forEach((w, i) => {
      const h = w.yMax - w.yMin;
      if (h < MIN_FONT_SIZE * BOX_EM - 0.05)
        faults.push(`${at}: ${show(w)} набрано кеглем ${(h / BOX_EM).toFixed(1)} pt — мельче ${MIN_FONT_SIZE} pt`);
      const m = PRINTABLE_MARGIN;
      if (
        w.xMin < m - TOLERANCE ||
        w.yMin < m - TOLERANCE ||
        w.xMax > p.width - m + TOLERANCE ||
        w.yMax > p.height - m + TOLERANCE
      )
        faults.push(`${at}: ${show(w)} выходит за поля печати (${m} pt от края листа)`);
      for (let j = i + 1; j < words.length && words[j]!.yMin < w.yMax; j++) {
        const v = words[j]!;
        const dx = span(w.xMin, w.xMax, v.xMin, v.xMax);
        const dy = span(w.yMin, w.yMax, v.yMin, v.yMax);
        if (dx > TOLERANCE && dy > Math.max(1, 0.3 * Math.min(h, v.yMax - v.yMin)))
          faults.push(`${at}: ${show(w)} и ${show(v)} напечатаны друг на друге`);
      }
      for (const r of rules) {
        const vertical = r.x1 - r.x0 < 0.01;
        const crossed = vertical
          ? r.x0 > w.xMin + TOLERANCE && r.x0 < w.xMax - TOLERANCE && span(w.yMin, w.yMax, r.y0, r.y1) > 0.5 * h
          : r.y0 > w.yMin + TOLERANCE &&
            r.y0 < w.yMax - TOLERANCE &&
            span(w.xMin, w.xMax, r.x0, r.x1) > 0.5 * (w.xMax - w.xMin);
        if (crossed) {
          faults.push(
            `${at}: ${show(w)} пересекает ${vertical ? `вертикальную линию x=${r.x0.toFixed(1)}` : `горизонтальную линию y=${r.y0.toFixed(1)}`} — выходит из своей ячейки`,
          );
          break;
        }
      }
    });
  }
  return faults;
}

/** Whether a drawn vertical line stands between the word and the flow's columns (they are in different cells). */
function separated(v: Word, flow: { x0: number; x1: number }, rules: Rule[]): boolean {
  if (span(v.xMin, v.xMax, flow.x0 - TOLERANCE, flow.x1 + TOLERANCE) > 0) return false;
  const [a, b] = v.xMax < flow.x0 ? [v.xMax, flow.x0] : [flow.x1, v.xMin];
  return rules.some(
    (r) => r.x1 - r.x0 < 0.01 && r.x0 >= a - TOLERANCE && r.x0 <= b + TOLERANCE && r.y0 <= v.yMax && r.y1 >= v.yMin,
  );
}

/**
 * Words that may follow `w` in one flow of text: the next on its line, or a word of the next line in the same cell
 * (overlapping the flow's columns, or with no drawn line between) — the leftmost first.
 */
function successors(page: PageLayout, w: Word, flow: { x0: number; x1: number }): Word[] {
  const h = w.yMax - w.yMin;
  const sameLine = page.words
    .filter((v) => Math.abs(v.yMin - w.yMin) < 0.5 && v.xMin >= w.xMax - TOLERANCE && v.xMin - w.xMax < h)
    .sort((a, b) => a.xMin - b.xMin)
    .slice(0, 1);
  const below = page.words.filter(
    (v) => v.yMin > w.yMin + 0.3 * h && v.yMin < w.yMin + 2.2 * h && !separated(v, flow, page.rules),
  );
  // The next line is the nearest one below that reaches into the flow's columns (another column's lines may lie
  // between, as in a block of figures beside a block of signatures).
  const under = below.filter((v) => span(v.xMin, v.xMax, flow.x0 - TOLERANCE, flow.x1 + TOLERANCE) > 0);
  const next = Math.min(...(under.length ? under : below).map((v) => v.yMin));
  return [...sameLine, ...below.filter((v) => Math.abs(v.yMin - next) < 0.5).sort((a, b) => a.xMin - b.xMin)];
}

function matchFrom(page: PageLayout, w: Word, rest: string, flow: { x0: number; x1: number }, depth: number): boolean {
  if (depth > 400) return false;
  const t = w.text;
  if (t.startsWith(rest)) return true;
  const range = { x0: Math.min(flow.x0, w.xMin), x1: Math.max(flow.x1, w.xMax) };
  const go = (left: string) => successors(page, w, range).some((v) => matchFrom(page, v, left, range, depth + 1));
  if (rest.startsWith(t)) {
    const r = rest.slice(t.length);
    if (r.startsWith(' ') && go(r.slice(1))) return true;
    // A word broken after its own hyphen or slash: «Римская-» / «Корсакова», «https://» / «moodle…».
    if (/[-/]$/.test(t) && !r.startsWith(' ') && go(r)) return true;
  }
  // A word broken with an added hyphen: «Задунай-» / «ский».
  const stem = t.slice(0, -1);
  if (t.endsWith('-') && stem && rest.startsWith(stem) && !/^[ -]/.test(rest.slice(stem.length)))
    return go(rest.slice(stem.length));
  return false;
}

/**
 * Whether `text` is printed whole on some page: its words in order, on one line or wrapped down its column (a word
 * may be broken at a line's end, after its own hyphen or with an added one). Spacing is compared as single spaces.
 */
export function findText(pages: PageLayout[], text: string): boolean {
  const want = text.replace(/\s+/g, ' ').trim();
  const first = want.split(' ')[0]!;
  return pages.some((p) =>
    p.words.some((w) => {
      // The first word may carry punctuation before the text («Отделение») or be broken itself.
      const at = w.text.indexOf(first.slice(0, Math.min(first.length, Math.max(1, w.text.length - 1))));
      if (at < 0) return false;
      const start = { ...w, text: w.text.slice(at) };
      return matchFrom(p, start, want, { x0: w.xMin, x1: w.xMax }, 0);
    }),
  );
}

/** All the text of the pages, words joined by spaces (for messages). */
export function pagesText(pages: PageLayout[]): string {
  return pages.map((p) => p.words.map((w) => w.text).join(' ')).join('\n');
}
