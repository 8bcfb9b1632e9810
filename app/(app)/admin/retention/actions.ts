'use server';

import { formAction } from '@/server/actions/form-action';
import { purgeInput, purgeJournalData } from '@/server/services/college/retention';

/**
 * The administrator destroys a year's journal data after its 5 years (regulation §6.1): a dry run first (`dryRun`),
 * then for real with the year's name typed as confirmation.
 */
export const purgeJournalAction = formAction
  .requires('retention.manage')
  .input(purgeInput)
  .handle(async ({ db, actor, input }) => (await purgeJournalData(db, actor, input)).message);
