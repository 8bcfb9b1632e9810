import { timetableSetup } from '../services/timetable/setup';
import { procedure, router } from '../trpc/init';

/** The timetable (issue #11). Its changes come from forms, so they are server actions (app/(app)/timetable/…). */
export const timetableRouter = router({
  setup: procedure.requires('timetable.manage').query(({ ctx }) => timetableSetup(ctx.db, ctx.actor)),
});
