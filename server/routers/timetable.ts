import { groupDates, groupDatesInput } from '../services/timetable/changes';
import { hoursDelivered, hoursInput } from '../services/timetable/hours';
import { generateInput, generateTermLessons } from '../services/timetable/lessons';
import { myWeek, myWeekInput, timetableNotices } from '../services/timetable/own';
import { publishInput, publishPreview, timetablePending } from '../services/timetable/publish';
import { timetableSetup } from '../services/timetable/setup';
import { timetableView, viewInput } from '../services/timetable/views';
import {
  cellOptions,
  entryInput,
  moveEntry,
  moveInput,
  placeEntry,
  placeInput,
  removeEntry,
  slotOptionsInput,
} from '../services/timetable/template';
import { groupWeek, groupWeekInput, termCollisionsOf, termInput } from '../services/timetable/week';
import { procedure, router } from '../trpc/init';

/**
 * The timetable (issue #11). The frame's changes (bells, rooms, calendar) come from forms, so they are server actions
 * (app/(app)/timetable/…); the placement grid works through these procedures.
 */
export const timetableRouter = router({
  setup: procedure.requires('timetable.manage').query(({ ctx }) => timetableSetup(ctx.db, ctx.actor)),
  groupWeek: procedure
    .requires('timetable.place')
    .input(groupWeekInput)
    .query(({ ctx, input }) => groupWeek(ctx.db, ctx.actor, input)),
  groupDates: procedure
    .requires('timetable.place')
    .input(groupDatesInput)
    .query(({ ctx, input }) => groupDates(ctx.db, ctx.actor, input)),
  pending: procedure.requires('timetable.publish').query(({ ctx }) => timetablePending(ctx.db, ctx.actor)),
  /** What publishing from a date would make: each journal's lessons (issue #26, item 5); nothing is written. */
  publishPreview: procedure
    .requires('timetable.publish')
    .input(publishInput)
    .query(({ ctx, input }) => publishPreview(ctx.db, ctx.actor, input)),
  myWeek: procedure
    .requires('timetable.own', { reads: 'replica' })
    .input(myWeekInput)
    .query(({ ctx, input }) => myWeek(ctx.db, ctx.actor, input)),
  notices: procedure.requires('timetable.own').query(({ ctx }) => timetableNotices(ctx.db, ctx.actor)),
  view: procedure
    .requires('timetable.place')
    .input(viewInput)
    .query(({ ctx, input }) => timetableView(ctx.db, ctx.actor, input)),
  collisions: procedure
    .requires('timetable.place')
    .input(termInput)
    .query(({ ctx, input }) => termCollisionsOf(ctx.db, ctx.actor, input)),
  cellOptions: procedure
    .requires('timetable.place')
    .input(slotOptionsInput)
    .query(({ ctx, input }) => cellOptions(ctx.db, ctx.actor, input)),
  place: procedure
    .requires('timetable.place')
    .input(placeInput)
    .mutation(({ ctx, input }) => placeEntry(ctx.db, ctx.actor, input)),
  move: procedure
    .requires('timetable.place')
    .input(moveInput)
    .mutation(({ ctx, input }) => moveEntry(ctx.db, ctx.actor, input)),
  remove: procedure
    .requires('timetable.place')
    .input(entryInput)
    .mutation(({ ctx, input }) => removeEntry(ctx.db, ctx.actor, input)),
  /** Hours delivered against the plan by teacher, group or curriculum item (issue #11, item 8). */
  hours: procedure
    .requires('hours.read', { reads: 'replica' })
    .input(hoursInput)
    .query(({ ctx, input }) => hoursDelivered(ctx.db, ctx.actor, input)),
  /** One step of (re)generating a term's journal lessons from the published timetable; the page loops for progress. */
  generateLessons: procedure
    .requires('timetable.publish')
    .input(generateInput)
    .mutation(({ ctx, input }) => generateTermLessons(ctx.db, ctx.actor, input)),
});
