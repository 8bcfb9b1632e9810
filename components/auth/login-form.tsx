'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { formText } from '../form-data';

const ERRORS: Record<string, string> = {
  CredentialsSignin: 'Неверный логин или пароль.',
  locked:
    'Слишком много неудачных попыток входа. Вход для этого логина временно заблокирован — попробуйте через 15 минут.',
  SessionRequired: 'Войдите, чтобы продолжить.',
};

export function LoginForm({ initialError, returnTo = '/' }: { initialError?: string; returnTo?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(
    initialError ? (ERRORS[initialError] ?? 'Не удалось войти. Попробуйте ещё раз.') : null,
  );
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const login = formText(form, 'login');
    const password = formText(form, 'password', { trim: false });
    if (!login || !password) {
      setError(!login ? 'Введите логин.' : 'Введите пароль.');
      return;
    }
    setPending(true);
    setError(null);
    const result = await signIn('credentials', { login, password, redirect: false }).catch(() => 'offline' as const);
    setPending(false);
    if (result === 'offline') {
      setError('Нет связи с сервером. Проверьте сеть и попробуйте ещё раз.');
      return;
    }
    if (!result || result.error) {
      setError(ERRORS[result?.error ?? ''] ?? 'Не удалось войти. Попробуйте ещё раз.');
      return;
    }
    router.replace(returnTo);
    router.refresh();
  }

  return (
    <form method="post" onSubmit={(e) => void onSubmit(e)} noValidate>
      <label htmlFor="login">Логин</label>
      <input id="login" name="login" type="text" autoComplete="username" autoFocus />
      <label htmlFor="password">Пароль</label>
      <input id="password" name="password" type="password" autoComplete="current-password" />
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" disabled={pending}>
        {pending ? 'Вход…' : 'Войти'}
      </button>
    </form>
  );
}
