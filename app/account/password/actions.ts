'use server';

import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/server/db';
import { authorize } from '@/server/policy/guard';
import { refusalResult } from '@/server/policy/refusal';
import { changeOwnPassword, type ChangePasswordResult } from '@/server/services/people/change-password';

export async function changePasswordAction(
  _prev: ChangePasswordResult | null,
  form: FormData,
): Promise<ChangePasswordResult> {
  return refusalResult(async () => {
    const actor = authorize(await currentActor(), 'account.self');
    return changeOwnPassword(await getDb(), actor, {
      current: form.get('current'),
      next: form.get('next'),
      confirm: form.get('confirm'),
    });
  });
}
