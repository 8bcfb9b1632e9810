import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { currentActor } from '@/server/auth/current-actor';
import { returnPathAfterSignIn } from '@/domain/login';

export const dynamic = 'force-dynamic';

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string }>;
}) {
  const { error, callbackUrl } = await searchParams;
  const returnTo = returnPathAfterSignIn(callbackUrl);
  if (await currentActor()) redirect(returnTo);
  return (
    <div className="login-wrap">
      <div className="login">
        <h1>Электронный журнал</h1>
        <p className="muted small">Вход для преподавателей, администрации, студентов и родителей</p>
        <noscript>
          <div className="error" role="alert">
            В браузере выключен JavaScript: журнал без него не работает. Включите JavaScript и обновите страницу.
          </div>
        </noscript>
        <LoginForm initialError={error} returnTo={returnTo} />
        <p className="muted small" style={{ marginTop: 16 }}>
          Логин и пароль выдаёт администратор колледжа, студентам и родителям — куратор группы.
        </p>
      </div>
    </div>
  );
}
