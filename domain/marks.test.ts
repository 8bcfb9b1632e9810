import { describe, expect, it } from 'vitest';
import { formatCell, parseCellInput } from './marks';

describe('parseCellInput', () => {
  it.each([
    ['5', { attendance: null, grade1: '5', grade2: null }],
    [' 4/5 ', { attendance: null, grade1: '4', grade2: '5' }],
    ['н', { attendance: 'н', grade1: null, grade2: null }],
    ['Н', { attendance: 'н', grade1: null, grade2: null }],
    ['H', { attendance: 'н', grade1: null, grade2: null }],
    ['б', { attendance: 'б', grade1: null, grade2: null }],
    ['у', { attendance: 'у', grade1: null, grade2: null }],
    ['о4', { attendance: 'о', grade1: '4', grade2: null }],
    ['зч', { attendance: null, grade1: 'зч', grade2: null }],
    ['нз', { attendance: null, grade1: 'нз', grade2: null }],
    ['', { attendance: null, grade1: null, grade2: null }],
  ])('accepts «%s»', (input, value) => {
    expect(parseCellInput(input)).toEqual({ ok: true, value });
  });

  it.each(['6', '1', '5/5/5', 'н5', 'abc', 'б4', '4/'])('refuses «%s» with a Russian reason', (input) => {
    const result = parseCellInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/[а-я]/);
  });

  it('round-trips through formatCell', () => {
    for (const text of ['5', '4/5', 'н', 'о3', 'зч']) {
      const parsed = parseCellInput(text);
      expect(parsed.ok && formatCell(parsed.value)).toBe(text);
    }
  });
});
