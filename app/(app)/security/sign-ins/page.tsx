import { RefusalNotice } from '@/components/refusal-notice';
import { pageQuery } from '@/server/trpc/caller';
import { requireActor } from '@/server/auth/current-actor';

const REASONS: Record<string, string> = {
  bad_password: 'неверный пароль',
  unknown_login: 'неизвестный логин',
  inactive: 'учётная запись отключена',
  locked: 'заблокирован после неудачных попыток',
};

export default async function SignInsPage() {
  const actor = await requireActor();
  const result = await pageQuery((trpc) => trpc.audit.signIns({ limit: 200 }));
  if (!result.ok)
    return <RefusalNotice refusal={result.refusal} forbidden="Недостаточно прав для просмотра журнала входов." />;
  const events = result.data;
  const time = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'medium', timeZone: actor.timeZone });
  return (
    <>
      <h1>Журнал входов</h1>
      <p className="muted">Последние 200 попыток входа в учётные записи колледжа.</p>
      <table className="list">
        <thead>
          <tr>
            <th>Время</th>
            <th>Логин</th>
            <th>Результат</th>
            <th>IP-адрес</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e, i) => (
            <tr key={i}>
              <td>{time.format(new Date(e.at))}</td>
              <td>{e.login}</td>
              <td>
                {e.success ? (
                  <span className="badge good">вход</span>
                ) : (
                  <span className="badge bad">отказ: {REASONS[e.reason ?? ''] ?? e.reason}</span>
                )}
              </td>
              <td>{e.ip ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
