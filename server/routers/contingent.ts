import { previewTransfer, runTransfer, transferInput, transferPreviewInput } from '../services/contingent/transfer';
import { movementInput, moveStudent } from '../services/contingent/movement';
import {
  decideInput,
  decideProposal,
  groupChoices,
  listProposals,
  proposeInput,
  proposeMovement,
} from '../services/contingent/movement-proposals';
import { procedure, router } from '../trpc/init';

export const contingentRouter = router({
  transferPreview: procedure
    .requires('contingent.manage')
    .input(transferPreviewInput)
    .query(({ ctx, input }) => previewTransfer(ctx.db, ctx.actor, input)),
  move: procedure
    .requires('contingent.manage')
    .input(movementInput)
    .mutation(({ ctx, input }) => moveStudent(ctx.db, ctx.actor, input)),
  propose: procedure
    .requires('contingent.propose')
    .input(proposeInput)
    .mutation(({ ctx, input }) => proposeMovement(ctx.db, ctx.actor, input)),
  groupChoices: procedure.requires('contingent.proposals').query(({ ctx }) => groupChoices(ctx.db, ctx.actor)),
  proposals: procedure.requires('contingent.proposals').query(({ ctx }) => listProposals(ctx.db, ctx.actor)),
  decide: procedure
    .requires('contingent.manage')
    .input(decideInput)
    .mutation(({ ctx, input }) => decideProposal(ctx.db, ctx.actor, input)),
  transfer: procedure
    .requires('contingent.manage')
    .input(transferInput)
    .mutation(({ ctx, input }) => runTransfer(ctx.db, ctx.actor, input)),
});
