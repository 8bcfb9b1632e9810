import {
  closeYear,
  closeYearInput,
  listYears,
  openYear,
  openYearInput,
  setTermLock,
  setTermLockInput,
} from '../services/college/years';
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
});
