'use client';

import { useFormAction, type ServerFormAction } from '../use-form-action';

/** The phone calendar subscription: make a new secret link (shown once) or revoke the current one. */
export function CalendarFeed({
  active,
  create,
  revoke,
}: {
  active: boolean;
  create: ServerFormAction;
  revoke: ServerFormAction;
}) {
  const made = useFormAction(create);
  const stopped = useFormAction(revoke);
  return (
    <section className="panel" aria-labelledby="feed-title">
      <h2 id="feed-title">Подписка в календаре телефона</h2>
      <p className="muted small">
        Ссылка в формате iCal: календарь телефона сам обновляет расписание.{' '}
        {active ? 'Ссылка действует.' : 'Ссылки нет.'}
      </p>
      {made.messages}
      {stopped.messages}
      <div className="toolbar">
        <form {...made.form}>
          <button type="submit" disabled={made.pending}>
            {active ? 'Новая ссылка (старая перестанет работать)' : 'Получить ссылку'}
          </button>
        </form>
        {active && (
          <form {...stopped.form}>
            <button type="submit" className="plain" disabled={stopped.pending}>
              Отозвать ссылку
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
