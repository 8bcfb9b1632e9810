import Link from 'next/link';
import { PasswordForm } from '@/components/auth/password-form';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { requireActor } from '@/server/auth/current-actor';
import { changePasswordAction } from './actions';

export const dynamic = 'force-dynamic';

/** Outside the (app) layout on purpose: a user who must change the password sees only this page. */
export default async function PasswordPage() {
  const actor = await requireActor({ passwordPage: true });
  return (
    <div className="login-wrap">
      <div className="login" style={{ width: 420 }}>
        <h1>Смена пароля</h1>
        {actor.mustChangePassword ? (
          <p className="notice">Это первый вход с выданным паролем: придумайте свой пароль, чтобы продолжить.</p>
        ) : (
          <p className="muted small">
            <Link href="/">← На главную</Link>
          </p>
        )}
        <PasswordForm action={changePasswordAction} />
        <div style={{ marginTop: 16, background: 'var(--accent)', padding: 8, borderRadius: 6, textAlign: 'center' }}>
          <SignOutButton />
        </div>
      </div>
    </div>
  );
}
