import { TransferAdmin } from '@/components/admin/transfer-admin';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { serverCaller } from '@/server/trpc/caller';

export default async function TransferPage() {
  const actor = await requireActor();
  if (!can(actor, 'contingent.manage')) return <div className="error">Недостаточно прав для перевода студентов.</div>;
  const years = await (await serverCaller()).years.list();
  // A year can be moved into when it is open and has a year before it.
  const targets = years
    .filter((y, i) => i > 0 && !y.closedAt)
    .map((y) => ({ id: y.id, name: y.name, startsOn: y.startsOn }));
  return (
    <>
      <h1>Перевод на следующий курс</h1>
      <p className="muted">
        По приказу директора все группы (или выбранные) переходят на следующий курс с начала нового учебного года,
        группы последнего курса выпускаются. Студенты в академическом отпуске и отчисленные не переводятся. Журналы
        прошлого года остаются такими, какими были, под прежними названиями групп. Перевод выполняется целиком или не
        выполняется вовсе.
      </p>
      <TransferAdmin years={targets} />
    </>
  );
}
