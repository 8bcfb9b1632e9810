'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

/**
 * A form that uploads a file (field `file`) and gets back either success or every bad row: the state and the submit
 * handler, shared by the imports. The page re-renders after a successful upload.
 */
export function useUpload<R extends { ok: boolean }>(
  send: (file: File, form: FormData) => Promise<R>,
  noFileMessage: string,
) {
  const router = useRouter();
  const [result, setResult] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setResult(null);
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setError(noFileMessage);
      return;
    }
    setBusy(true);
    try {
      const answer = await send(file, form);
      setResult(answer);
      if (answer.ok) router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return { result, error, busy, submit };
}
