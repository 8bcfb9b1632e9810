import { describe, expect, it } from 'vitest';
import { parseId } from './ids';

describe('parseId', () => {
  it('reads a positive integer from a URL segment', () => {
    expect(parseId('12')).toBe(12);
    expect(parseId('2147483647')).toBe(2147483647);
  });
  it('refuses everything else', () => {
    for (const raw of [
      undefined,
      null,
      '',
      '0',
      '-3',
      '1.5',
      '1e3',
      ' 7',
      'ИС-21',
      '99999999999',
      '2147483648',
      '0x10',
    ])
      expect(parseId(raw), String(raw)).toBeNull();
  });
});
