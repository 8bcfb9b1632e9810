import { ProposalsAdmin } from '@/components/admin/proposals-admin';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { serverCaller } from '@/server/trpc/caller';

export default async function MovementsPage() {
  const actor = await requireActor();
  if (!can(actor, 'contingent.proposals'))
    return <div className="error">Недостаточно прав для просмотра предложений о движении.</div>;
  const proposals = await (await serverCaller()).contingent.proposals();
  const canDecide = can(actor, 'contingent.manage');
  return (
    <>
      <h1>Движение студентов: предложения</h1>
      <p className="muted">
        {canDecide
          ? 'Куратор предлагает, администратор проводит приказом: движение и статус предложения меняются одной транзакцией.'
          : 'Ваши предложения и решения администратора по ним. Предложение подаётся из карточки студента.'}
      </p>
      <ProposalsAdmin proposals={proposals} canDecide={canDecide} />
    </>
  );
}
