import {
  loadSubgroupSplit,
  saveSubgroups,
  saveSubgroupsInput,
  subgroupSplitInput,
} from '../services/contingent/subgroups';
import { procedure, router } from '../trpc/init';

export const subgroupsRouter = router({
  split: procedure
    .requires('subgroups.manage')
    .input(subgroupSplitInput)
    .query(({ ctx, input }) => loadSubgroupSplit(ctx.db, ctx.actor, input)),
  save: procedure
    .requires('subgroups.manage')
    .input(saveSubgroupsInput)
    .mutation(({ ctx, input }) => saveSubgroups(ctx.db, ctx.actor, input)),
});
