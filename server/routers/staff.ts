import { z } from 'zod';
import { listStaff, resetStaffPassword, setActiveInput, setStaffActive } from '../services/staff';
import { procedure, router } from '../trpc/init';

export const staffRouter = router({
  list: procedure.requires('staff.manage').query(({ ctx }) => listStaff(ctx.db, ctx.actor)),
  setActive: procedure.requires('staff.manage').input(setActiveInput).mutation(({ ctx, input }) => setStaffActive(ctx.db, ctx.actor, input)),
  resetPassword: procedure
    .requires('staff.manage')
    .input(z.object({ userId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => resetStaffPassword(ctx.db, ctx.actor, input)),
});
