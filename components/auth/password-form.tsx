'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { ServerFormAction } from '../use-form-action';

export function PasswordForm({ action }: { action: ServerFormAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) {
    return (
      <div className="notice" role="status">
        {state.message}. <Link href="/">Перейти на главную</Link>
      </div>
    );
  }
  return (
    <form action={formAction}>
      <label htmlFor="current">Текущий пароль</label>
      <input id="current" name="current" type="password" autoComplete="current-password" />
      <label htmlFor="next">Новый пароль (не короче 8 символов)</label>
      <input id="next" name="next" type="password" autoComplete="new-password" />
      <label htmlFor="confirm">Повтор нового пароля</label>
      <input id="confirm" name="confirm" type="password" autoComplete="new-password" />
      {state && !state.ok && (
        <div className="error" role="alert">
          {state.error}
        </div>
      )}
      <button type="submit" disabled={pending} style={{ marginTop: 16 }}>
        {pending ? 'Сохранение…' : 'Сменить пароль'}
      </button>
    </form>
  );
}
