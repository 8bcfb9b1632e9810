'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

/**
 * An administrator's action on a server-rendered list: run it, show its result (or the server's Russian refusal),
 * then re-render the page with fresh data.
 */
export function useAdminAction() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function run(action: () => Promise<string>) {
    setError(null);
    setNotice(null);
    try {
      setNotice(await action());
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const messages = (
    <>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
    </>
  );
  return { run, messages };
}
