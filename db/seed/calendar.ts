/** The academic calendar of the demo college: the current year, last year's archive, public holidays. */
import { addDays, isoWeekday } from '../../domain/dates';

export const YEAR = { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-06-30', startYear: 2026 };
export const TERMS = [
  { number: 1, name: '1 семестр 2026/2027', startsOn: '2026-09-01', endsOn: '2026-12-28' },
  { number: 2, name: '2 семестр 2026/2027', startsOn: '2027-01-12', endsOn: '2027-06-30' },
];
/** The year before, kept as the closed archive in the college scale (journals are kept five years). */
export const ARCHIVE_YEAR = { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-06-30', startYear: 2025 };
export const ARCHIVE_TERMS = [
  { number: 1, name: '1 семестр 2025/2026', startsOn: '2025-09-01', endsOn: '2025-12-27' },
  { number: 2, name: '2 семестр 2025/2026', startsOn: '2026-01-12', endsOn: '2026-06-30' },
];
export const HOLIDAYS = new Set([
  '2025-11-04',
  '2026-02-23',
  '2026-03-09',
  '2026-05-01',
  '2026-05-11',
  '2026-06-12',
  '2026-11-04',
  '2027-02-23',
  '2027-03-08',
  '2027-05-01',
  '2027-05-03',
  '2027-05-10',
  '2027-06-12',
]);

/** The winter vacations between the terms of the current year (calendar_days, kind 'vacation'). */
export const WINTER_VACATION = { from: '2026-12-29', to: '2027-01-11', note: 'Зимние каникулы' };

export interface TermPlan {
  id: number;
  number: number;
  name: string;
  startsOn: string;
  endsOn: string;
  /** The first calendar year of its academic year: 2026 for 2026/2027. */
  yearStart: number;
}

/** Study days of a term: Monday to Saturday without public holidays. */
export function studyDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (isoWeekday(d) !== 7 && !HOLIDAYS.has(d)) days.push(d);
  }
  return days;
}
