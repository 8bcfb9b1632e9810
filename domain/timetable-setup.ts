/**
 * The timetable's fixed frame (issue #11, item 1; regulation §5.4 — the methodist builds the timetable by groups,
 * teachers and rooms): the bells of a day and the rooms of a college. Pure rules: the services and the forms share them.
 */
import { addDays } from './dates';

/** Kinds of day with their own bells: an ordinary weekday, Saturday, a shortened day (before a holiday). */
export const DAY_KINDS = ['weekday', 'saturday', 'short'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
export const DAY_KIND_LABELS: Record<DayKind, string> = {
  weekday: 'Будни (пн–пт)',
  saturday: 'Суббота',
  short: 'Сокращённый день',
};

/** The most pairs a day may have (a college's day ends by 21:00 with 8 pairs of 90 minutes and breaks). */
export const MAX_PAIRS = 8;

/** Kinds of room: the timetable proposes a room of a kind that fits the lesson. */
export const ROOM_KINDS = ['lecture', 'computer', 'lab', 'workshop', 'gym', 'other'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];
export const ROOM_KIND_LABELS: Record<RoomKind, string> = {
  lecture: 'лекционная',
  computer: 'компьютерный класс',
  lab: 'лаборатория',
  workshop: 'мастерская',
  gym: 'спортивный зал',
  other: 'другое',
};

/** One pair of a day: its number (1…8) and times as `HH:MM`. */
export interface BellSlot {
  pairNo: number;
  startsAt: string;
  endsAt: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * The bells of one kind of day from the form's pairs 1…8 (a pair left blank ends the day). Returns the slots, or the
 * Russian reasons naming the pair: a time not in `ЧЧ:ММ`, only one of the two times, an end not after its start, a
 * pair starting before the previous one ends, a pair after a blank one, no pair at all.
 */
export function bellsFromForm(
  pairs: readonly { startsAt: string; endsAt: string }[],
): { ok: true; slots: BellSlot[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const slots: BellSlot[] = [];
  let blankAt: number | null = null;
  pairs.slice(0, MAX_PAIRS).forEach((pair, i) => {
    const pairNo = i + 1;
    const startsAt = pair.startsAt.trim();
    const endsAt = pair.endsAt.trim();
    if (!startsAt && !endsAt) {
      blankAt ??= pairNo;
      return;
    }
    const label = `Пара ${pairNo}`;
    if (blankAt !== null) return errors.push(`${label}: после пустой пары ${blankAt} — заполните пары по порядку`);
    if (!startsAt || !endsAt) return errors.push(`${label}: укажите и начало, и конец`);
    if (!TIME.test(startsAt) || !TIME.test(endsAt)) return errors.push(`${label}: время в виде ЧЧ:ММ, например 08:30`);
    if (minutes(endsAt) <= minutes(startsAt))
      return errors.push(`${label}: конец (${endsAt}) не позже начала (${startsAt})`);
    const previous = slots.at(-1);
    if (previous && minutes(startsAt) < minutes(previous.endsAt))
      return errors.push(
        `${label}: начинается в ${startsAt}, раньше конца пары ${previous.pairNo} (${previous.endsAt})`,
      );
    slots.push({ pairNo, startsAt, endsAt });
  });
  if (errors.length === 0 && slots.length === 0) errors.push('Пара 1: укажите начало и конец хотя бы одной пары');
  return errors.length ? { ok: false, errors } : { ok: true, slots };
}

/** «08:30–10:00»: a pair's times as the timetable prints them. */
export function formatSlot(slot: BellSlot): string {
  return `${slot.startsAt}–${slot.endsAt}`;
}

/** A room's name as the timetable shows it: «214», «214 (корп. 2)». */
export function roomLabel(room: { number: string; building: string | null }): string {
  return room.building ? `${room.number} (корп. ${room.building})` : room.number;
}

/**
 * Marks of the college calendar on a date: a public holiday (no lessons), vacations (no lessons), a shortened day
 * (lessons on the shortened bells). `working` in a form clears the mark of the dates.
 */
export const CALENDAR_KINDS = ['holiday', 'vacation', 'short'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];
export const CALENDAR_KIND_LABELS: Record<CalendarKind | 'working', string> = {
  holiday: 'праздничный день',
  vacation: 'каникулы',
  short: 'сокращённый день',
  working: 'обычный день (снять отметку)',
};

/** The longest range one form may mark: a year and a day (the whole academic year with its summer). */
export const MAX_CALENDAR_RANGE_DAYS = 366;

/** One marked date of the college calendar (or, with `GroupPeriodKind`, of a group's own calendar). */
export interface CalendarDay<K extends string = CalendarKind> {
  date: string;
  kind: K;
  note: string | null;
}

/** Consecutive dates of one kind with one note, as the calendar list shows them: «29.12.2026–11.01.2027 каникулы». */
export interface CalendarRange<K extends string = CalendarKind> {
  from: string;
  to: string;
  kind: K;
  note: string | null;
  days: number;
}

/**
 * A group's own weeks without classroom lessons (issue #11, item 1): practice (учебная, производственная) and the
 * examination session. `working` in a form clears them.
 */
export const GROUP_PERIOD_KINDS = ['practice', 'session'] as const;
export type GroupPeriodKind = (typeof GROUP_PERIOD_KINDS)[number];
export const GROUP_PERIOD_LABELS: Record<GroupPeriodKind | 'working', string> = {
  practice: 'практика',
  session: 'сессия',
  working: 'занятия по расписанию (снять отметку)',
};

const nextDay = (iso: string) => addDays(iso, 1);

/**
 * The dates from `from` to `to` inclusive (ISO `yyyy-mm-dd`), or the Russian reason they are not a range: the end
 * before the start, or longer than `MAX_CALENDAR_RANGE_DAYS`.
 */
export function calendarRange(from: string, to: string): { ok: true; dates: string[] } | { ok: false; error: string } {
  if (to < from) return { ok: false, error: 'По: дата окончания раньше даты начала' };
  const dates: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) {
    dates.push(d);
    if (dates.length > MAX_CALENDAR_RANGE_DAYS)
      return { ok: false, error: `По: не больше ${MAX_CALENDAR_RANGE_DAYS} дней за раз` };
  }
  return { ok: true, dates };
}

/** Marked dates (in any order) merged into ranges of consecutive dates with the same kind and note, by date. */
export function calendarRanges<K extends string>(days: readonly CalendarDay<K>[]): CalendarRange<K>[] {
  const ranges: CalendarRange<K>[] = [];
  for (const day of [...days].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const last = ranges.at(-1);
    if (last && last.kind === day.kind && last.note === day.note && nextDay(last.to) === day.date) {
      last.to = day.date;
      last.days += 1;
    } else ranges.push({ from: day.date, to: day.date, kind: day.kind, note: day.note, days: 1 });
  }
  return ranges;
}
