'use server';

import { formAction } from '@/server/actions/form-action';
import { todayOf } from '@/server/policy/actor';
import { setParentConsent, setParentConsentInput } from '@/server/services/people/parent-consent';

/**
 * A student gives or withdraws the consent to a parent's access to the own journal (152-ФЗ art. 9; issue #13, item 6):
 * one button per parent; each decision is kept and logged.
 */
export const setParentConsentAction = formAction
  .requires('family.consent')
  .input(setParentConsentInput)
  .handle(({ db, actor, input }) => setParentConsent(db, actor, input, todayOf(actor)));
