/** Dates travel as ISO `yyyy-mm-dd` strings (PostgreSQL `date`), are shown as `дд.мм.гггг`. */
export type IsoDate = string;

export function formatDate(iso: IsoDate | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** The names of the months, January first, as a journal's month header row prints them («Сентябрь»). */
export const MONTH_NAMES = [
  'Январь',
  'Февраль',
  'Март',
  'Апрель',
  'Май',
  'Июнь',
  'Июль',
  'Август',
  'Сентябрь',
  'Октябрь',
  'Ноябрь',
  'Декабрь',
] as const;

/** The months' abbreviations (the dictionary's: «сент.», «нояб.»), capitalised as a month row prints them. */
export const MONTH_ABBREVIATIONS = [
  'Янв.',
  'Февр.',
  'Март',
  'Апр.',
  'Май',
  'Июнь',
  'Июль',
  'Авг.',
  'Сент.',
  'Окт.',
  'Нояб.',
  'Дек.',
] as const;

/** The month's name of an ISO date: «2026-09-01» → «Сентябрь». */
export const monthName = (iso: IsoDate): string => MONTH_NAMES[Number(iso.slice(5, 7)) - 1]!;

export function formatDayMonth(iso: IsoDate): string {
  const [, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}`;
}

/**
 * Whether `text` is a real calendar date written `yyyy-mm-dd` (years 1900–2999): «2026-02-30» and «2026-13-01» are not.
 * PostgreSQL refuses such a `date` with an error; the forms and procedures refuse it first, with a message.
 */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
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

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / 86_400_000);
}

/** The Monday of the date's week. */
export function weekStart(iso: IsoDate): IsoDate {
  return addDays(iso, 1 - isoWeekday(iso));
}

/** Whether a membership [from, to] (to inclusive, null = open) covers the date. */
export function coversDate(from: IsoDate, to: IsoDate | null, date: IsoDate): boolean {
  return from <= date && (to === null || date <= to);
}

/** The zone of a college that has not chosen one, and of the region-level accounts. */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Today in the college's time zone (an IANA name such as `Asia/Vladivostok`), as `yyyy-mm-dd` — never the server's or
 * the browser's own day: a server in UTC serves colleges in all eleven Russian zones (ARCHITECTURE.md «Time zones»).
 */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** The zone's offset from UTC at an instant, in minutes (Moscow: +180). */
function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The zone's offset from UTC at an instant as ISO 8601 writes it: `+04:00` for Samara, `+12:00` for Kamchatka. */
export function utcOffset(timeZone: string, at: Date): string {
  const minutes = zoneOffsetMinutes(at, timeZone);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The instant a college's clock shows `time` (`HH:MM`) on `date`: a pair's start for a calendar feed. */
export function zonedInstant(date: IsoDate, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number);
  const asUtc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h, m);
  const first = asUtc - zoneOffsetMinutes(new Date(asUtc), timeZone) * 60_000;
  // Once more, in case the offset differs at the true instant (a daylight-saving change elsewhere in the world).
  return new Date(asUtc - zoneOffsetMinutes(new Date(first), timeZone) * 60_000);
}

/** Whether `timeZone` is an IANA zone name this runtime knows (`Europe/Moscow`, `Asia/Vladivostok`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical IANA name (`europe/MOSCOW` → `Europe/Moscow`); the name as given when the runtime has none. */
export function canonicalTimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).resolvedOptions().timeZone ?? timeZone;
}

/** «30.11.2026, 14:05» — a moment as the college's clock showed it. */
export function formatDateTime(at: Date | string, timeZone: string, withSeconds = false): string {
  return new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    dateStyle: 'short',
    timeStyle: withSeconds ? 'medium' : 'short',
  }).format(new Date(at));
}

/** The time zones of Russia, west to east, for the administrator's choice. */
export const RUSSIAN_TIME_ZONES: readonly { zone: string; label: string }[] = [
  { zone: 'Europe/Kaliningrad', label: 'Калининград (МСК−1)' },
  { zone: 'Europe/Moscow', label: 'Москва (МСК)' },
  { zone: 'Europe/Samara', label: 'Самара (МСК+1)' },
  { zone: 'Asia/Yekaterinburg', label: 'Екатеринбург (МСК+2)' },
  { zone: 'Asia/Omsk', label: 'Омск (МСК+3)' },
  { zone: 'Asia/Krasnoyarsk', label: 'Красноярск (МСК+4)' },
  { zone: 'Asia/Irkutsk', label: 'Иркутск (МСК+5)' },
  { zone: 'Asia/Yakutsk', label: 'Якутск (МСК+6)' },
  { zone: 'Asia/Vladivostok', label: 'Владивосток (МСК+7)' },
  { zone: 'Asia/Magadan', label: 'Магадан (МСК+8)' },
  { zone: 'Asia/Kamchatka', label: 'Камчатка (МСК+9)' },
];
