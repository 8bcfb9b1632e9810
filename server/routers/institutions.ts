import {
  createInstitution,
  createInstitutionInput,
  institutionTimeZoneInput,
  listInstitutions,
  setInstitutionTimeZone,
} from '../services/college/institutions';
import { procedure, router } from '../trpc/init';

export const institutionsRouter = router({
  list: procedure.requires('institutions.manage').query(({ ctx }) => listInstitutions(ctx.db, ctx.actor)),
  create: procedure
    .requires('institutions.manage')
    .input(createInstitutionInput)
    .mutation(({ ctx, input }) => createInstitution(ctx.db, ctx.actor, input)),
  setTimeZone: procedure
    .requires('institutions.manage')
    .input(institutionTimeZoneInput)
    .mutation(({ ctx, input }) => setInstitutionTimeZone(ctx.db, ctx.actor, input)),
});
