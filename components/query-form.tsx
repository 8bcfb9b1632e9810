'use client';

import { useRouter } from 'next/navigation';
import type { FormEvent, ReactNode } from 'react';

/**
 * A report's parameters: submitting opens `path` with the non-empty `fields` in the address (a report's group, term
 * and period, no personal data), so the page can be bookmarked; a POST form, like every form here, so nothing goes to
 * the address by itself.
 */
export function QueryForm({
  path,
  fields,
  label,
  children,
}: {
  path: string;
  fields: readonly string[];
  label: string;
  children: ReactNode;
}) {
  const router = useRouter();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const query = new URLSearchParams();
    for (const key of fields) {
      const value = form.get(key);
      if (typeof value === 'string' && value) query.set(key, value);
    }
    router.push(`${path}?${query.toString()}`);
  }
  return (
    <form method="post" className="toolbar" aria-label={label} onSubmit={submit}>
      {children}
    </form>
  );
}
