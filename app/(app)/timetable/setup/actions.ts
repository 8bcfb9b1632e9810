'use server';

import { formAction } from '@/server/actions/form-action';
import { countOf, NOUNS } from '@/domain/plural';
import { CALENDAR_KIND_LABELS, DAY_KIND_LABELS, GROUP_PERIOD_LABELS, roomLabel } from '@/domain/timetable-setup';
import { formatDate } from '@/domain/dates';
import {
  groupPeriodInput,
  saveUnavailability,
  setGroupPeriod,
  unavailabilityInput,
} from '@/server/services/timetable/availability';
import {
  bellsInput,
  calendarInput,
  roomInput,
  saveBells,
  saveRoom,
  setCalendarDays,
} from '@/server/services/timetable/setup';

/** The bells of one kind of day (regulation §5.4: the methodist). */
export const saveBellsAction = formAction
  .requires('timetable.manage')
  .input(bellsInput)
  .handle(async ({ db, actor, input }) => {
    const slots = await saveBells(db, actor, input);
    return `Звонки сохранены: ${DAY_KIND_LABELS[input.dayKind].toLowerCase()}, ${countOf(slots.length, NOUNS.pair)}`;
  });

/** A room of the college: new or changed. */
export const saveRoomAction = formAction
  .requires('timetable.manage')
  .input(roomInput)
  .handle(async ({ db, actor, input }) => {
    const room = await saveRoom(db, actor, input);
    return `Аудитория ${roomLabel(room)} сохранена`;
  });

/** Holidays, vacations and shortened days of the college calendar, or a range made ordinary again. */
export const setCalendarAction = formAction
  .requires('timetable.manage')
  .input(calendarInput)
  .handle(async ({ db, actor, input }) => {
    const { days } = await setCalendarDays(db, actor, input);
    const range = rangeText(input.fromDate, input.toDate);
    const what = input.kind === 'working' ? 'отметка снята' : CALENDAR_KIND_LABELS[input.kind];
    return `${range}: ${what} (${countOf(days, NOUNS.day)})`;
  });

function rangeText(from: string, to: string): string {
  return from === to ? formatDate(from) : `${formatDate(from)}–${formatDate(to)}`;
}

/** A group's practice or session dates (no classroom lessons for it then), or the dates given back to lessons. */
export const setGroupPeriodAction = formAction
  .requires('timetable.manage')
  .input(groupPeriodInput)
  .handle(async ({ db, actor, input }) => {
    const { group, days } = await setGroupPeriod(db, actor, input);
    const what = input.kind === 'working' ? 'занятия по расписанию' : GROUP_PERIOD_LABELS[input.kind];
    return `${group}, ${rangeText(input.fromDate, input.toDate)}: ${what} (${countOf(days, NOUNS.day)})`;
  });

/** A teacher's unavailable pairs (the timetable asks a reason to place a lesson on them). */
export const saveUnavailabilityAction = formAction
  .requires('timetable.manage')
  .input(unavailabilityInput)
  .handle(async ({ db, actor, input }) => {
    const { teacher, pairs } = await saveUnavailability(db, actor, input);
    return pairs === 0
      ? `${teacher}: доступен на всех парах`
      : `${teacher}: недоступен — ${countOf(pairs, NOUNS.pair)} в неделю`;
  });
