import { CollegeTimeZone } from '@/components/admin/college-time-zone';
import { StructureAdmin } from '@/components/admin/structure-admin';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { serverCaller } from '@/server/trpc/caller';
import { saveDepartmentAction, saveGroupAction, saveSpecialtyAction } from './actions';

export default async function StructurePage() {
  const actor = await requireActor();
  if (!can(actor, 'structure.manage'))
    return <div className="error">Недостаточно прав для изменения структуры колледжа.</div>;
  const options = await (await serverCaller()).structure.options();
  return (
    <>
      <h1>Отделения, специальности, группы</h1>
      <p className="muted">
        Куратор группы получает роль куратора и видит её журналы и студентов. Выпущенные группы здесь не показаны.
      </p>
      <CollegeTimeZone timeZone={actor.timeZone} />
      <StructureAdmin
        options={options}
        actions={{ department: saveDepartmentAction, specialty: saveSpecialtyAction, group: saveGroupAction }}
      />
    </>
  );
}
