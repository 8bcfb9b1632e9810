import { requireActor } from '@/server/auth/current-actor';
import { RefusalNotice } from '@/components/refusal-notice';
import { pageQuery } from '@/server/trpc/caller';

export default async function CardViewsPage() {
  const actor = await requireActor();
  const result = await pageQuery((trpc) => trpc.audit.cardViews({ limit: 200 }));
  if (!result.ok)
    return <RefusalNotice refusal={result.refusal} forbidden="Недостаточно прав для просмотра журнала доступа." />;
  const views = result.data;
  const time = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'medium', timeZone: actor.timeZone });
  return (
    <>
      <h1>Доступ к персональным данным</h1>
      <p className="muted">Кто и когда открывал карточки студентов (последние 200 просмотров).</p>
      <table className="list" data-testid="card-views">
        <thead>
          <tr>
            <th>Время</th>
            <th>Кто</th>
            <th>Чью карточку</th>
          </tr>
        </thead>
        <tbody>
          {views.map((v, i) => (
            <tr key={i}>
              <td>{time.format(v.at)}</td>
              <td>
                {v.viewer} <span className="muted small">({v.login})</span>
              </td>
              <td>{v.student}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
