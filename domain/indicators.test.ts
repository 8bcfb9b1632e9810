import { describe, expect, it } from 'vitest';
import { columnIndicators, formatIndicator, groupTotals, studentStanding } from './indicators';

describe('column indicators (hand-worked)', () => {
  it('counts н/а and a missing result in N, leaves out осв. and a student who left', () => {
    // 5, 4, 3, 2, н/а, осв., (nothing), and a 5 of a student who left mid-term.
    const values = ['5', '4', '3', '2', 'н/а', 'осв.', null, '5'];
    const counted = [true, true, true, true, true, true, true, false];
    // N = 6 (5, 4, 3, 2, н/а, nothing). Passed 3 → 50 %; good 2 → 33,3 %;
    // СОУ = (100 + 64 + 36 + 16 + 7) / 6 = 223 / 6 = 37,17; average of 5, 4, 3, 2 = 3,5.
    expect(columnIndicators(values, counted)).toEqual({
      counted: 6,
      progress: 50,
      quality: 33.3,
      sou: 37.2,
      average: 3.5,
    });
  });

  it('a credit column has успеваемость only', () => {
    const r = columnIndicators(['зачтено', 'не зачтено', 'н/а', 'зачтено'], [true, true, true, true]);
    expect(r).toEqual({ counted: 4, progress: 50, quality: null, sou: null, average: null });
  });

  it('all exempt or nobody counted gives no figures, not a division by zero', () => {
    expect(columnIndicators(['осв.', 'осв.'], [true, true])).toEqual({
      counted: 0,
      progress: null,
      quality: null,
      sou: null,
      average: null,
    });
    expect(columnIndicators([], [])).toMatchObject({ counted: 0, progress: null });
  });

  it('all fives: 100 % / 100 % / СОУ 100', () => {
    expect(columnIndicators(['5', '5', '5'], [true, true, true])).toMatchObject({
      progress: 100,
      quality: 100,
      sou: 100,
      average: 5,
    });
  });
});

describe('student standing and group totals', () => {
  it('places each student by all the columns', () => {
    expect(studentStanding(['5', '5', 'зачтено'])).toBe('excellent');
    expect(studentStanding(['5', '4', 'осв.'])).toBe('good');
    expect(studentStanding(['5', '3', '4'])).toBe('oneThree');
    expect(studentStanding(['3', '3', '4'])).toBe('threes');
    expect(studentStanding(['5', '2', '4'])).toBe('failing');
    expect(studentStanding(['5', 'не зачтено'])).toBe('failing');
    expect(studentStanding(['н/а', '2'])).toBe('notAttested');
    expect(studentStanding(['5', null])).toBe('incomplete');
  });

  it('sums the group without those who left', () => {
    const rows = [
      ['5', '5'],
      ['5', '4'],
      ['3', '4'],
      ['2', '4'],
      ['н/а', '5'],
      ['5', '5'], // left mid-term
    ];
    const t = groupTotals(rows, [true, true, true, true, true, false]);
    expect(t.counted).toBe(5);
    expect(t.byStanding).toMatchObject({ excellent: 1, good: 1, oneThree: 1, failing: 1, notAttested: 1 });
    // passed 3 of 5 → 60 %; quality 2 of 5 → 40 %.
    expect(t.progress).toBe(60);
    expect(t.quality).toBe(40);
  });

  it('prints with a decimal comma and a dash for none', () => {
    expect(formatIndicator(33.3)).toBe('33,3');
    expect(formatIndicator(3.5, 2)).toBe('3,50');
    expect(formatIndicator(null)).toBe('—');
  });
});
