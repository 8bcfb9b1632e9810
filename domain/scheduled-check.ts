/**
 * When a controller's scheduled check of journal keeping runs (issue #13, item 2). The regulation sets the rhythm:
 * the system administrator checks monthly (§5.2), the head of department monthly (§5.3), the methodist at least once
 * every two weeks (§5.4).
 */
import { addDays, isIsoDate, zonedInstant, type IsoDate } from './dates';
import type { AnyRole } from './roles';

export const CHECK_PERIODS = ['month', 'two-weeks'] as const;
export type CheckPeriod = (typeof CHECK_PERIODS)[number];

export const CHECK_PERIOD_LABELS: Record<CheckPeriod, string> = {
  month: 'раз в месяц',
  'two-weeks': 'раз в две недели',
};

/** The college's time of day from which a check due today runs (before the teachers' first pair). */
export const CHECK_TIME = '07:00';

/**
 * The day after `on` by one period: two weeks later, or the same day of the next month (the 31st → the month's last
 * day: 31.01 → 28.02 or 29.02).
 */
export function nextCheckOn(period: CheckPeriod, on: IsoDate): IsoDate {
  if (period === 'two-weeks') return addDays(on, 14);
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whether a check set for the college's day `on` is due at `now`: from `CHECK_TIME` of that day in `timeZone`. */
export function isCheckDue(on: IsoDate, now: Date, timeZone: string): boolean {
  return isIsoDate(on) && now.getTime() >= zonedInstant(on, CHECK_TIME, timeZone).getTime();
}

/**
 * The longest period the regulation allows a controller: a methodist (and nobody else of the controllers) checks at
 * least every two weeks (§5.4); the administrator and the head of department monthly (§5.2, §5.3).
 */
export function longestPeriodFor(roles: readonly AnyRole[]): CheckPeriod {
  return roles.includes('admin') || roles.includes('head') ? 'month' : 'two-weeks';
}

/** The period the controller may choose: as often as or more often than the regulation's rhythm for their role. */
export function periodAllowed(period: CheckPeriod, roles: readonly AnyRole[]): boolean {
  return period === 'two-weeks' || longestPeriodFor(roles) === 'month';
}
