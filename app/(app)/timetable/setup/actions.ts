'use server';

import { formAction } from '@/server/actions/form-action';
import { countOf, NOUNS } from '@/domain/plural';
import { CALENDAR_KIND_LABELS, DAY_KIND_LABELS, roomLabel } from '@/domain/timetable-setup';
import { formatDate } from '@/domain/dates';
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
    const range =
      input.fromDate === input.toDate
        ? formatDate(input.fromDate)
        : `${formatDate(input.fromDate)}–${formatDate(input.toDate)}`;
    const what = input.kind === 'working' ? 'отметка снята' : CALENDAR_KIND_LABELS[input.kind];
    return `${range}: ${what} (${countOf(days, NOUNS.day)})`;
  });
