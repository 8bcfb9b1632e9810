import {
  curriculumInput,
  deleteCurriculumItem,
  deleteItemInput,
  getCurriculum,
  importCurriculum,
  importCurriculumInput,
  listCurricula,
  saveCurriculumItem,
  saveItemInput,
} from '../services/curriculum/curriculum';
import { procedure, router } from '../trpc/init';

export const curriculumRouter = router({
  list: procedure.requires('curriculum.read').query(({ ctx }) => listCurricula(ctx.db, ctx.actor)),
  get: procedure
    .requires('curriculum.read')
    .input(curriculumInput)
    .query(({ ctx, input }) => getCurriculum(ctx.db, ctx.actor, input)),
  import: procedure
    .requires('curriculum.manage')
    .input(importCurriculumInput)
    .mutation(({ ctx, input }) => importCurriculum(ctx.db, ctx.actor, input)),
  saveItem: procedure
    .requires('curriculum.manage')
    .input(saveItemInput)
    .mutation(({ ctx, input }) => saveCurriculumItem(ctx.db, ctx.actor, input)),
  deleteItem: procedure
    .requires('curriculum.manage')
    .input(deleteItemInput)
    .mutation(({ ctx, input }) => deleteCurriculumItem(ctx.db, ctx.actor, input)),
});
