import { describe, expect, it } from 'vitest';
import { bellsFromForm, formatSlot, roomLabel } from './timetable-setup';

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
