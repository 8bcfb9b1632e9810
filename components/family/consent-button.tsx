'use client';

import { useFormAction, type ServerFormAction } from '../use-form-action';

/**
 * One button that gives or withdraws a student's consent to one parent's access (issue #13, item 6). A server action's
 * form: it works before the page's script has loaded; the answer (what was done, or why not) shows under the button.
 */
export function ConsentButton({
  action,
  studentId,
  guardianId,
  grant,
}: {
  action: ServerFormAction;
  studentId: number;
  guardianId: number;
  /** true: the button gives the consent; false: withdraws it. */
  grant: boolean;
}) {
  const consent = useFormAction(action);
  return (
    <form {...consent.form} method="post">
      <input type="hidden" name="studentId" value={studentId} />
      <input type="hidden" name="guardianId" value={guardianId} />
      {grant && <input type="hidden" name="granted" value="on" />}
      <button type="submit" className={grant ? undefined : 'danger'} disabled={consent.pending}>
        {consent.pending ? 'Сохраняется…' : grant ? 'Дать согласие' : 'Отозвать согласие'}
      </button>
      {consent.messages}
    </form>
  );
}
