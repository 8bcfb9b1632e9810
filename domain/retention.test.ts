import { describe, expect, it } from 'vitest';
import { addYears, yearRetention } from './retention';

describe('retention (regulation §6.1, §6.5)', () => {
  it('adds years, a leap day landing on 28 February', () => {
    expect(addYears('2020-06-30', 5)).toBe('2025-06-30');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('keeps the journal 5 years after the year ends and the sheets 25', () => {
    const year = { name: '2019/2020', endsOn: '2020-06-30', closed: true, purgedOn: null };
    expect(yearRetention(year, '2025-06-30')).toEqual({
      journalKeptUntil: '2025-06-30',
      sheetsKeptUntil: '2045-06-30',
      purgeRefusal: 'Журнал 2019/2020 хранится до 30.06.2025 включительно (5 лет, п. 6.5 Положения)',
      sheetsDue: false,
    });
    expect(yearRetention(year, '2025-07-01').purgeRefusal).toBeNull();
    expect(yearRetention(year, '2045-07-01').sheetsDue).toBe(true);
  });

  it('refuses a year not closed and a year already purged', () => {
    const year = { name: '2019/2020', endsOn: '2020-06-30', closed: false, purgedOn: null };
    expect(yearRetention(year, '2030-01-01').purgeRefusal).toBe('Учебный год 2019/2020 не закрыт');
    expect(yearRetention({ ...year, closed: true, purgedOn: '2026-01-10' }, '2030-01-01').purgeRefusal).toBe(
      'Данные журнала 2019/2020 уже удалены 10.01.2026',
    );
  });
});
