'use server';

import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/server/db';
import { authorize, PolicyError } from '@/server/policy/guard';
import { changeOwnPassword, type ChangePasswordResult } from '@/server/services/change-password';

export async function changePasswordAction(_prev: ChangePasswordResult | null, form: FormData): Promise<ChangePasswordResult> {
  try {
    const actor = authorize(await currentActor(), 'account.self');
    return await changeOwnPassword(await getDb(), actor, {
      current: form.get('current'),
      next: form.get('next'),
      confirm: form.get('confirm'),
    });
  } catch (error) {
    if (error instanceof PolicyError) return { ok: false, error: error.message };
    throw error;
  }
}
