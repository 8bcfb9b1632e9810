import { z } from 'zod';
import { listStaff, resetStaffPassword, setActiveInput, setStaffActive } from '../services/people/staff';
import {
  createStaff,
  createStaffInput,
  staffOptions,
  updateStaff,
  updateStaffInput,
} from '../services/people/staff-edit';
import { procedure, router } from '../trpc/init';
import { idSchema } from '../../domain/ids';

export const staffRouter = router({
  list: procedure.requires('staff.manage').query(({ ctx }) => listStaff(ctx.db, ctx.actor)),
  options: procedure.requires('staff.manage').query(({ ctx }) => staffOptions(ctx.db, ctx.actor)),
  create: procedure
    .requires('staff.manage')
    .input(createStaffInput)
    .mutation(({ ctx, input }) => createStaff(ctx.db, ctx.actor, input)),
  update: procedure
    .requires('staff.manage')
    .input(updateStaffInput)
    .mutation(({ ctx, input }) => updateStaff(ctx.db, ctx.actor, input)),
  setActive: procedure
    .requires('staff.manage')
    .input(setActiveInput)
    .mutation(({ ctx, input }) => setStaffActive(ctx.db, ctx.actor, input)),
  resetPassword: procedure
    .requires('staff.manage')
    .input(z.object({ userId: idSchema }))
    .mutation(({ ctx, input }) => resetStaffPassword(ctx.db, ctx.actor, input)),
});
