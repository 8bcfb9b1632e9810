'use client';

import { useFormAction, type ServerFormAction } from '../use-form-action';

/** One button sending a server action with hidden fields: «Исправлено», «Закрыть», «Прочитано», «Снять». */
export function ActionButton({
  action,
  fields,
  label,
}: {
  action: ServerFormAction;
  fields: Record<string, string | number>;
  label: string;
}) {
  const { form, pending, messages } = useFormAction(action);
  return (
    <form {...form} method="post" className="inline-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending}>
        {label}
      </button>
      {messages}
    </form>
  );
}
