import { describe, expect, it } from 'vitest';
import { countOf, NOUNS, plural } from './plural';

describe('Russian plural forms (issue #9.11)', () => {
  it.each([
    [0, '0 изменений'],
    [1, '1 изменение'],
    [2, '2 изменения'],
    [4, '4 изменения'],
    [5, '5 изменений'],
    [11, '11 изменений'],
    [12, '12 изменений'],
    [14, '14 изменений'],
    [21, '21 изменение'],
    [22, '22 изменения'],
    [25, '25 изменений'],
    [101, '101 изменение'],
    [111, '111 изменений'],
  ])('%i → «%s»', (n, text) => {
    expect(countOf(n, NOUNS.change)).toBe(text);
  });

  it('agrees the verb too', () => {
    expect(`${countOf(1, NOUNS.change)} ${plural(1, NOUNS.waits)}`).toBe('1 изменение ждёт');
    expect(`${countOf(3, NOUNS.change)} ${plural(3, NOUNS.waits)}`).toBe('3 изменения ждут');
    expect(`${countOf(21, NOUNS.change)} ${plural(21, NOUNS.waits)}`).toBe('21 изменение ждёт');
  });

  it('takes the «few» form for a fraction', () => {
    expect(plural(1.5, ['час', 'часа', 'часов'])).toBe('часа');
  });
});
