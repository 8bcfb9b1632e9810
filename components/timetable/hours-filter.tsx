'use client';

import { useRouter } from 'next/navigation';
import type { FormEvent, ReactNode } from 'react';

/**
 * The report's parameters: submitting opens /hours with them in the address (a report's period and term, no personal
 * data), so the page can be bookmarked; a POST form, like every form here, so nothing goes to the address by itself.
 */
export function HoursFilter({ children }: { children: ReactNode }) {
  const router = useRouter();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const query = new URLSearchParams();
    for (const key of ['by', 'termId', 'from', 'to']) {
      const value = form.get(key);
      if (typeof value === 'string' && value) query.set(key, value);
    }
    router.push(`/hours?${query.toString()}`);
  }
  return (
    <form method="post" className="toolbar" aria-label="Параметры отчёта" onSubmit={submit}>
      {children}
    </form>
  );
}
