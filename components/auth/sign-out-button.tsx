'use client';

/**
 * «Выйти»: next-auth's sign-out as its REST API documents it — the CSRF token from `/api/auth/csrf`, then a POST to
 * `/api/auth/signout` (the server ends the session: `events.signOut` in server/auth/options.ts), then the login page.
 * The same two requests `signOut()` of `next-auth/react` makes, without loading that client (12 KB of gzipped script)
 * on every page; nothing here uses its session hooks.
 */
async function signOut() {
  const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: '/login', json: 'true' }),
  });
  const { url } = (await res.json().catch(() => ({}))) as { url?: string };
  window.location.href = url ?? '/login';
}

export function SignOutButton() {
  return (
    <button
      type="button"
      className="secondary"
      onClick={() => {
        // The family portal's offline copies (public/sw.js) hold personal data: they leave with the session.
        if ('caches' in window) void caches.delete('ezh-family');
        void signOut();
      }}
    >
      Выйти
    </button>
  );
}
