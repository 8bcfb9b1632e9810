import { describe, expect, it } from 'vitest';
import { bellsFromForm, calendarRange, calendarRanges, formatSlot, roomLabel } from './timetable-setup';

const pairs = (...times: [string, string][]) => times.map(([startsAt, endsAt]) => ({ startsAt, endsAt }));

describe('bellsFromForm', () => {
  it('reads the pairs up to the first blank one', () => {
    const read = bellsFromForm(pairs(['08:30', '10:00'], [' 10:10', '11:40 '], ['', ''], ['', '']));
    expect(read).toEqual({
      ok: true,
      slots: [
        { pairNo: 1, startsAt: '08:30', endsAt: '10:00' },
        { pairNo: 2, startsAt: '10:10', endsAt: '11:40' },
      ],
    });
  });

  it('names every wrong pair with its reason, in Russian', () => {
    const read = bellsFromForm(
      pairs(['08:30', '10:00'], ['09:50', '11:20'], ['12:00', '11:00'], ['8.30', '9.30'], ['14:00', '']),
    );
    expect(read).toEqual({
      ok: false,
      errors: [
        'Пара 2: начинается в 09:50, раньше конца пары 1 (10:00)',
        'Пара 3: конец (11:00) не позже начала (12:00)',
        'Пара 4: время в виде ЧЧ:ММ, например 08:30',
        'Пара 5: укажите и начало, и конец',
      ],
    });
  });

  it('refuses a pair after a blank one and a day without pairs', () => {
    expect(bellsFromForm(pairs(['08:30', '10:00'], ['', ''], ['12:00', '13:30']))).toEqual({
      ok: false,
      errors: ['Пара 3: после пустой пары 2 — заполните пары по порядку'],
    });
    expect(bellsFromForm(pairs(['', '']))).toEqual({
      ok: false,
      errors: ['Пара 1: укажите начало и конец хотя бы одной пары'],
    });
  });

  it('formats a pair and a room', () => {
    expect(formatSlot({ pairNo: 1, startsAt: '08:30', endsAt: '10:00' })).toBe('08:30–10:00');
    expect(roomLabel({ number: '214', building: null })).toBe('214');
    expect(roomLabel({ number: '214', building: '2' })).toBe('214 (корп. 2)');
  });
});

describe('the college calendar', () => {
  it('a range is its dates inclusive; a reversed or too long one is refused in Russian', () => {
    expect(calendarRange('2026-12-30', '2027-01-02')).toEqual({
      ok: true,
      dates: ['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02'],
    });
    expect(calendarRange('2027-01-02', '2027-01-01')).toEqual({
      ok: false,
      error: 'По: дата окончания раньше даты начала',
    });
    expect(calendarRange('2026-01-01', '2027-06-30')).toEqual({ ok: false, error: 'По: не больше 366 дней за раз' });
  });

  it('merges consecutive dates of one kind and note into ranges', () => {
    const day = (date: string, kind: 'holiday' | 'vacation' | 'short', note: string | null = null) => ({
      date,
      kind,
      note,
    });
    expect(
      calendarRanges([
        day('2026-12-31', 'vacation', 'Зимние'),
        day('2026-12-30', 'vacation', 'Зимние'),
        day('2027-01-01', 'holiday'),
        day('2027-01-02', 'vacation', 'Зимние'),
        day('2027-01-03', 'vacation', 'Зимние'),
        day('2027-02-22', 'short'),
      ]),
    ).toEqual([
      { from: '2026-12-30', to: '2026-12-31', kind: 'vacation', note: 'Зимние', days: 2 },
      { from: '2027-01-01', to: '2027-01-01', kind: 'holiday', note: null, days: 1 },
      { from: '2027-01-02', to: '2027-01-03', kind: 'vacation', note: 'Зимние', days: 2 },
      { from: '2027-02-22', to: '2027-02-22', kind: 'short', note: null, days: 1 },
    ]);
  });
});
