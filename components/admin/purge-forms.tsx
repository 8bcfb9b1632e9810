'use client';

import { useFormAction, type ServerFormAction } from '../use-form-action';

/**
 * A year's destruction of journal data: «Проверить» counts what would go (nothing is deleted), «Удалить» needs the
 * year's name typed again.
 */
export function PurgeForms({
  action,
  yearId,
  yearName,
}: {
  action: ServerFormAction;
  yearId: number;
  yearName: string;
}) {
  const check = useFormAction(action);
  const purge = useFormAction(action);
  return (
    <>
      <form {...check.form} method="post" className="toolbar">
        <input type="hidden" name="yearId" value={yearId} />
        <input type="hidden" name="dryRun" value="on" />
        <button type="submit" disabled={check.pending}>
          {check.pending ? 'Считается…' : 'Проверить, что будет удалено'}
        </button>
        {check.messages}
      </form>
      <form {...purge.form} method="post" className="toolbar">
        <input type="hidden" name="yearId" value={yearId} />
        <label>
          Для подтверждения введите «{yearName}» <input name="confirm" autoComplete="off" style={{ width: '8em' }} />
        </label>
        <button type="submit" className="danger" disabled={purge.pending}>
          {purge.pending ? 'Удаляется…' : 'Удалить данные журнала'}
        </button>
        {purge.messages}
      </form>
    </>
  );
}
