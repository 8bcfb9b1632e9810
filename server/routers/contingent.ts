import { previewTransfer, runTransfer, transferInput, transferPreviewInput } from '../services/transfer';
import { procedure, router } from '../trpc/init';

export const contingentRouter = router({
  transferPreview: procedure.requires('contingent.manage').input(transferPreviewInput).query(({ ctx, input }) => previewTransfer(ctx.db, ctx.actor, input)),
  transfer: procedure.requires('contingent.manage').input(transferInput).mutation(({ ctx, input }) => runTransfer(ctx.db, ctx.actor, input)),
});
