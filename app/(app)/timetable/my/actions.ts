'use server';

import { z } from 'zod';
import { formAction } from '@/server/actions/form-action';
import { publicUrl } from '@/server/public-url';
import { createFeed, revokeFeed } from '@/server/services/timetable/feed';

/** A new secret link to subscribe to one's timetable from a phone calendar (the old one stops working). */
export const createCalendarFeedAction = formAction
  .requires('timetable.own')
  .input(z.object({}))
  .handle(async ({ db, actor }) => {
    const token = await createFeed(db, actor);
    return `Ссылка для подписки (сохраните её — она показывается один раз): ${publicUrl()}/api/calendar/${token}`;
  });

/** Stops the link: a calendar subscribed to it gets nothing more. */
export const revokeCalendarFeedAction = formAction
  .requires('timetable.own')
  .input(z.object({}))
  .handle(async ({ db, actor }) =>
    (await revokeFeed(db, actor)) ? 'Ссылка отозвана: календарь больше не обновляется' : 'Действующей ссылки не было',
  );
