'use client';

import { useFormAction, type ServerFormAction } from '../use-form-action';

/** «Заверить копию»: certifies the report with the parameters of its download link (server/reports/certify.ts). */
export function CertifyForm({ action, query, label }: { action: ServerFormAction; query: string; label: string }) {
  const { form, pending, messages } = useFormAction(action);
  return (
    <form {...form} method="post" className="toolbar">
      <input type="hidden" name="query" value={query} />
      <button type="submit" disabled={pending}>
        {pending ? 'Заверяется…' : label}
      </button>
      {messages}
    </form>
  );
}
