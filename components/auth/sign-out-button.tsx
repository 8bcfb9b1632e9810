'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button
      type="button"
      className="secondary"
      onClick={() => {
        // The family portal's offline copies (public/sw.js) hold personal data: they leave with the session.
        if ('caches' in window) void caches.delete('ezh-family');
        void signOut({ callbackUrl: '/login' });
      }}
    >
      Выйти
    </button>
  );
}
