/**
 * How long a year's records are kept (regulation §6.1: «ЭЖ является документом временного хранения и по истечении 5
 * (пяти) лет подлежит уничтожению»; §6.5: the journal 5 years, the consolidated sheets 25 years), counted from the end
 * of the academic year. The journal's data may be destroyed once its 5 years are over and the year is closed; the
 * consolidated sheets and the results they show are never destroyed by the system — after 25 years they are listed as
 * due, and destroyed by the college's act, not here.
 */
import { formatDate, type IsoDate } from './dates';

export const JOURNAL_RETENTION_YEARS = 5;
export const SHEET_RETENTION_YEARS = 25;

/** The same day `years` later (29 February → 28 February in a common year). */
export function addYears(iso: IsoDate, years: number): IsoDate {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface YearRetention {
  /** The last day the journal's data must be kept; from the next day it may be destroyed. */
  journalKeptUntil: IsoDate;
  sheetsKeptUntil: IsoDate;
  /** Why the journal's data may not be destroyed now, in Russian; null when it may. */
  purgeRefusal: string | null;
  /** The sheets' 25 years are over (listed; never destroyed by the system). */
  sheetsDue: boolean;
}

export function yearRetention(
  year: { name: string; endsOn: IsoDate; closed: boolean; purgedOn: IsoDate | null },
  today: IsoDate,
): YearRetention {
  const journalKeptUntil = addYears(year.endsOn, JOURNAL_RETENTION_YEARS);
  const sheetsKeptUntil = addYears(year.endsOn, SHEET_RETENTION_YEARS);
  let purgeRefusal: string | null = null;
  if (year.purgedOn) purgeRefusal = `Данные журнала ${year.name} уже удалены ${formatDate(year.purgedOn)}`;
  else if (!year.closed) purgeRefusal = `Учебный год ${year.name} не закрыт`;
  else if (today <= journalKeptUntil)
    purgeRefusal = `Журнал ${year.name} хранится до ${formatDate(journalKeptUntil)} включительно (5 лет, п. 6.5 Положения)`;
  return { journalKeptUntil, sheetsKeptUntil, purgeRefusal, sheetsDue: today > sheetsKeptUntil };
}
