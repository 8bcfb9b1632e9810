'use client';

import type { ScheduledCheckView } from '@/server/services/control/scheduled-checks';
import { useFormAction, type ServerFormAction } from '../use-form-action';

/**
 * The controller's scheduled check (regulation §5.2–5.4): how often, from which day, whether it issues remarks and
 * posts its results on the board, or off. The server checks the period against the controller's role.
 */
export function ScheduledCheckForm({ action, check }: { action: ServerFormAction; check: ScheduledCheckView }) {
  const { form, pending, messages } = useFormAction(action);
  return (
    <form {...form} method="post" className="inline-form" style={{ flexWrap: 'wrap' }} aria-label="Плановая проверка">
      <label className="inline-form">
        <input type="checkbox" name="enabled" defaultChecked={check.enabled} /> Проверять журналы
      </label>
      <label>
        Периодичность{' '}
        <select name="period" defaultValue={check.period}>
          {check.periods.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Следующая проверка <input type="date" name="nextRunOn" required defaultValue={check.nextRunOn} />
      </label>
      <label className="inline-form">
        <input type="checkbox" name="issueRemarks" defaultChecked={check.issueRemarks} /> Выдавать замечания
      </label>
      <label className="inline-form">
        <input type="checkbox" name="postResults" defaultChecked={check.postResults} /> Публиковать итоги на доске
      </label>
      <button type="submit" disabled={pending}>
        Сохранить
      </button>
      {messages}
    </form>
  );
}
