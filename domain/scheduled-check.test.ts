import { describe, expect, it } from 'vitest';
import { isCheckDue, longestPeriodFor, nextCheckOn, periodAllowed } from './scheduled-check';

describe('the day of the next scheduled check', () => {
  it('a month later, the 31st on the month’s last day', () => {
    expect(nextCheckOn('month', '2026-12-15')).toBe('2027-01-15');
    expect(nextCheckOn('month', '2027-01-31')).toBe('2027-02-28');
    expect(nextCheckOn('month', '2028-01-31')).toBe('2028-02-29');
    expect(nextCheckOn('month', '2026-03-31')).toBe('2026-04-30');
  });
  it('two weeks later across a month and a year', () => {
    expect(nextCheckOn('two-weeks', '2026-12-25')).toBe('2027-01-08');
  });
});

describe('a check is due from 07:00 of its day in the college’s time zone', () => {
  // 21:30 UTC on 2 December: 07:30 on the 3rd in Vladivostok (UTC+10), 00:30 on the 3rd in Moscow (UTC+3).
  const now = new Date('2026-12-02T21:30:00Z');
  it('the same instant is due in Vladivostok and not yet in Moscow', () => {
    expect(isCheckDue('2026-12-03', now, 'Asia/Vladivostok')).toBe(true);
    expect(isCheckDue('2026-12-03', now, 'Europe/Moscow')).toBe(false);
  });
  it('a day past is due, a day ahead is not, 06:59 is not', () => {
    expect(isCheckDue('2026-11-20', now, 'Europe/Moscow')).toBe(true);
    expect(isCheckDue('2026-12-04', now, 'Asia/Vladivostok')).toBe(false);
    expect(isCheckDue('2026-12-03', new Date('2026-12-02T20:59:00Z'), 'Asia/Vladivostok')).toBe(false);
  });
});

describe('the period a controller may choose (regulation §5.2–5.4)', () => {
  it('a methodist at least every two weeks; the administrator and a head monthly or more often', () => {
    expect(longestPeriodFor(['methodist'])).toBe('two-weeks');
    expect(periodAllowed('month', ['methodist'])).toBe(false);
    expect(periodAllowed('two-weeks', ['methodist'])).toBe(true);
    expect(periodAllowed('month', ['head'])).toBe(true);
    expect(periodAllowed('month', ['admin', 'methodist'])).toBe(true);
  });
});
