/** Dates travel as ISO `yyyy-mm-dd` strings (PostgreSQL `date`), are shown as `дд.мм.гггг`. */
export type IsoDate = string;

export function formatDate(iso: IsoDate | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

export function formatDayMonth(iso: IsoDate): string {
  const [, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}`;
}

export function toIsoDate(date: Date): IsoDate {
  const y = date.getUTCFullYear();
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function parseIsoDate(iso: IsoDate): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  const d = parseIsoDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIsoDate(d);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: IsoDate): number {
  const day = parseIsoDate(iso).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whether a membership [from, to] (to inclusive, null = open) covers the date. */
export function coversDate(from: IsoDate, to: IsoDate | null, date: IsoDate): boolean {
  return from <= date && (to === null || date <= to);
}

/** Today in the server's local time zone, as `yyyy-mm-dd`. */
export function todayIso(now: Date = new Date()): IsoDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
