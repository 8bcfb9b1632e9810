import { requireActor } from '@/server/auth/current-actor';
import { RefusalNotice } from '@/components/refusal-notice';
import { pageQuery } from '@/server/trpc/caller';
import { CardViewsTable } from '@/components/security/audit-tables';

export default async function CardViewsPage() {
  const actor = await requireActor();
  const result = await pageQuery((trpc) => trpc.audit.cardViews({ limit: 200 }));
  if (!result.ok)
    return <RefusalNotice refusal={result.refusal} forbidden="Недостаточно прав для просмотра журнала доступа." />;
  const views = result.data;
  return (
    <>
      <h1>Доступ к персональным данным</h1>
      <p className="muted">Кто и когда открывал карточки студентов (последние 200 просмотров).</p>
      <CardViewsTable
        views={views.map((v) => ({ ...v, at: new Date(v.at).toISOString() }))}
        timeZone={actor.timeZone}
      />
    </>
  );
}
