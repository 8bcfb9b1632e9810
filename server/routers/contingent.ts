import { previewTransfer, runTransfer, transferInput, transferPreviewInput } from '../services/transfer';
import { enrolInput, enrolStudent, movementInput, moveStudent } from '../services/movement';
import { procedure, router } from '../trpc/init';

export const contingentRouter = router({
  transferPreview: procedure.requires('contingent.manage').input(transferPreviewInput).query(({ ctx, input }) => previewTransfer(ctx.db, ctx.actor, input)),
  move: procedure.requires('contingent.manage').input(movementInput).mutation(({ ctx, input }) => moveStudent(ctx.db, ctx.actor, input)),
  enrol: procedure.requires('contingent.manage').input(enrolInput).mutation(({ ctx, input }) => enrolStudent(ctx.db, ctx.actor, input)),
  transfer: procedure.requires('contingent.manage').input(transferInput).mutation(({ ctx, input }) => runTransfer(ctx.db, ctx.actor, input)),
});
