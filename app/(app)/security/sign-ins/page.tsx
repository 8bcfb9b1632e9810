import { RefusalNotice } from '@/components/refusal-notice';
import { pageQuery } from '@/server/trpc/caller';
import { SignInsTable } from '@/components/security/audit-tables';
import { requireActor } from '@/server/auth/current-actor';

export default async function SignInsPage() {
  const actor = await requireActor();
  const result = await pageQuery((trpc) => trpc.audit.signIns({ limit: 200 }));
  if (!result.ok)
    return <RefusalNotice refusal={result.refusal} forbidden="Недостаточно прав для просмотра журнала входов." />;
  const events = result.data;
  return (
    <>
      <h1>Журнал входов</h1>
      <p className="muted">
        Последние 200 событий учётных записей колледжа: входы и отказы, выходы, завершение всех сеансов.
      </p>
      <SignInsTable
        events={events.map((e) => ({ ...e, at: new Date(e.at).toISOString() }))}
        timeZone={actor.timeZone}
      />
    </>
  );
}
