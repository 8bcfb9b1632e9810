import { accessListInput, issueAccess, issueAccessInput, listGroupAccess } from '../services/people/family-access';
import { procedure, router } from '../trpc/init';
import { todayOf } from '../policy/actor';

export const accessRouter = router({
  group: procedure
    .requires('access.issue')
    .input(accessListInput)
    .query(({ ctx, input }) => listGroupAccess(ctx.db, ctx.actor, input, todayOf(ctx.actor))),
  issue: procedure
    .requires('access.issue')
    .input(issueAccessInput)
    .mutation(({ ctx, input }) => issueAccess(ctx.db, ctx.actor, input, todayOf(ctx.actor))),
});
