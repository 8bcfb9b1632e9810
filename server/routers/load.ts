import {
  assignmentInput,
  createLoadFromCurriculum,
  createLoadInput,
  deleteAssignment,
  loadTerm,
  loadTermInput,
  splitAssignmentBySubgroups,
  updateAssignment,
  updateAssignmentInput,
} from '../services/curriculum/teaching-load';
import { procedure, router } from '../trpc/init';

export const loadRouter = router({
  term: procedure
    .requires('load.manage')
    .input(loadTermInput)
    .query(({ ctx, input }) => loadTerm(ctx.db, ctx.actor, input)),
  createFromCurriculum: procedure
    .requires('load.manage')
    .input(createLoadInput)
    .mutation(({ ctx, input }) => createLoadFromCurriculum(ctx.db, ctx.actor, input)),
  update: procedure
    .requires('load.manage')
    .input(updateAssignmentInput)
    .mutation(({ ctx, input }) => updateAssignment(ctx.db, ctx.actor, input)),
  splitBySubgroups: procedure
    .requires('load.manage')
    .input(assignmentInput)
    .mutation(({ ctx, input }) => splitAssignmentBySubgroups(ctx.db, ctx.actor, input)),
  delete: procedure
    .requires('load.manage')
    .input(assignmentInput)
    .mutation(({ ctx, input }) => deleteAssignment(ctx.db, ctx.actor, input)),
});
