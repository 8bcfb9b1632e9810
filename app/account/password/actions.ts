'use server';

import { formAction } from '@/server/actions/form-action';
import { badInput } from '@/server/policy/refusal';
import { changeOwnPassword, changePasswordInput } from '@/server/services/people/change-password';

/** The user's own password (regulation §4.2: the issued password is changed at the first sign-in). */
export const changePasswordAction = formAction
  .requires('account.self')
  .input(changePasswordInput)
  .handle(async ({ db, actor, input }) => {
    const result = await changeOwnPassword(db, actor, input);
    if (!result.ok) throw badInput(result.error);
    return 'Пароль изменён';
  });
