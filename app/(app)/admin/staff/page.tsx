import { StaffAdmin } from '@/components/admin/staff-admin';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { serverCaller } from '@/server/trpc/caller';

export default async function StaffPage() {
  const actor = await requireActor();
  if (!can(actor, 'staff.manage'))
    return <div className="error">Недостаточно прав для работы со списком сотрудников.</div>;
  const trpc = await serverCaller();
  const [staff, options] = await Promise.all([trpc.staff.list(), trpc.staff.options()]);
  return (
    <>
      <h1>Сотрудники</h1>
      <p className="muted">
        Отключённый сотрудник теряет доступ сразу, все его сеансы завершаются. Сброшенный пароль одноразовый.
      </p>
      <StaffAdmin staff={staff} selfId={actor.userId} options={options} timeZone={actor.timeZone} />
    </>
  );
}
