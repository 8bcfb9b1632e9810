import {
  closeYear,
  closeYearInput,
  listYears,
  openYear,
  openYearInput,
  setTermLock,
  setTermLockInput,
} from '../services/college/years';
import { retentionOverview } from '../services/college/retention';
import { procedure, router } from '../trpc/init';

export const yearsRouter = router({
  list: procedure.requires('year.manage').query(({ ctx }) => listYears(ctx.db, ctx.actor)),
  open: procedure
    .requires('year.manage')
    .input(openYearInput)
    .mutation(({ ctx, input }) => openYear(ctx.db, ctx.actor, input)),
  setTermLock: procedure
    .requires('year.manage')
    .input(setTermLockInput)
    .mutation(({ ctx, input }) => setTermLock(ctx.db, ctx.actor, input)),
  close: procedure
    .requires('year.manage')
    .input(closeYearInput)
    .mutation(({ ctx, input }) => closeYear(ctx.db, ctx.actor, input)),
  /** The years with what each holds and until when it is kept (issue #12, item 7; regulation §6.1, §6.5). */
  retention: procedure.requires('retention.manage').query(({ ctx }) => retentionOverview(ctx.db, ctx.actor)),
});
