import { describe, expect, it } from 'vitest';
import { isoDateSchema, parseId } from './ids';

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

describe('isoDateSchema', () => {
  const schema = isoDateSchema('Дата');
  const message = (value: unknown) => schema.safeParse(value).error?.issues[0]?.message;
  it('takes a real calendar day, leap days included', () => {
    for (const d of ['2026-12-02', '2028-02-29', '2000-02-29', '2026-04-30']) expect(schema.parse(d)).toBe(d);
  });
  it('refuses an impossible day, naming the field and the value', () => {
    for (const d of ['2026-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00'])
      expect(message(d), d).toBe(`Дата: такой даты нет в календаре — ${d}`);
  });
  it('refuses another shape before the calendar', () => {
    for (const d of ['02.12.2026', '2026-2-3', '2026-12-02T00:00', '', ' 2026-12-02', 123, null])
      expect(message(d), String(d)).toBe('Дата: ожидается дата в формате гггг-мм-дд');
  });
});
