import { describe, expect, it } from 'vitest';
import { parseDelimited } from './delimited-text';

const tsv = (text: string) => parseDelimited(text, '\t');

describe('parseDelimited: a table as spreadsheets write it', () => {
  it('reads an Excel block: tabs, CRLF, the trailing line end making no empty row', () => {
    expect(tsv('5\t4\tн\r\n4/5\t\tб\r\n')).toEqual([
      ['5', '4', 'н'],
      ['4/5', '', 'б'],
    ]);
  });

  it('reads LF and lone CR line ends alike, and keeps an empty row inside the block', () => {
    expect(tsv('5\n\n4')).toEqual([['5'], [''], ['4']]);
    expect(tsv('5\r4\r')).toEqual([['5'], ['4']]);
  });

  it('reads a cell with a line break (Alt+Enter) as Excel quotes it: one cell, not two rows (issue #26.6b)', () => {
    // Excel's clipboard text for a 1×1 block holding «4⏎» and for a 2×2 block with one such cell.
    expect(tsv('"4\n"\r\n')).toEqual([['4\n']]);
    expect(tsv('5\t"4\n"\r\nн\t3\r\n')).toEqual([
      ['5', '4\n'],
      ['н', '3'],
    ]);
  });

  it('keeps tabs, line ends and doubled quotes inside a quoted field', () => {
    expect(tsv('"a\tb"\t"x\r\ny"\t"он сказал ""5"""\n')).toEqual([['a\tb', 'x\r\ny', 'он сказал "5"']]);
    expect(tsv('""\t""""')).toEqual([['', '"']]);
  });

  it('reads a quote inside an unquoted field as a character, and text after a closing quote as it is', () => {
    expect(tsv('5"\tдюйм"ы')).toEqual([['5"', 'дюйм"ы']]);
    expect(tsv('"4"5\t3')).toEqual([['45', '3']]);
  });

  it('reads an opening quote never closed as a typed character', () => {
    expect(tsv('"4\t5\n3')).toEqual([['"4', '5'], ['3']]);
    expect(tsv('"')).toEqual([['"']]);
  });

  it('keeps empty fields at the ends of a row', () => {
    expect(tsv('\t5\t')).toEqual([['', '5', '']]);
    expect(tsv('5\t\n\t4\n')).toEqual([
      ['5', ''],
      ['', '4'],
    ]);
  });

  it('gives no rows for an empty text and drops a byte order mark', () => {
    expect(tsv('')).toEqual([]);
    expect(parseDelimited('\uFEFFa;b', ';')).toEqual([['a', 'b']]);
  });

  it('reads CSV with its own separator', () => {
    expect(parseDelimited('"Иванов; мл.";"Пётр ""Петя"""\nСидоров;Олег', ';')).toEqual([
      ['Иванов; мл.', 'Пётр "Петя"'],
      ['Сидоров', 'Олег'],
    ]);
    expect(parseDelimited('a,"b,c"\n', ',')).toEqual([['a', 'b,c']]);
  });

  it('refuses a separator that cannot separate', () => {
    expect(() => parseDelimited('a', '"')).toThrow();
    expect(() => parseDelimited('a', '\n')).toThrow();
  });
});
