import { regionIndicators, regionInput } from '../services/region/indicators';
import { procedure, router } from '../trpc/init';

/** The region's own view (issue #27, item 3): aggregates per college, no person's data; a little lag is fine. */
export const regionRouter = router({
  indicators: procedure
    .requires('region.indicators', { reads: 'replica' })
    .input(regionInput.optional())
    .query(({ ctx, input }) => regionIndicators(ctx.db, ctx.actor, input ?? {})),
});
