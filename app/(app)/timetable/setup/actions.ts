'use server';

import { formAction } from '@/server/actions/form-action';
import { countOf, NOUNS } from '@/domain/plural';
import { DAY_KIND_LABELS, roomLabel } from '@/domain/timetable-setup';
import { bellsInput, roomInput, saveBells, saveRoom } from '@/server/services/timetable/setup';

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
