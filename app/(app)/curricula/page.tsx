import { CurriculaTable } from '@/components/curriculum/curricula-table';
import { CurriculumImport } from '@/components/curriculum/curriculum-import';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { serverCaller } from '@/server/trpc/caller';

export default async function CurriculaPage() {
  const actor = await requireActor();
  if (!can(actor, 'curriculum.read'))
    return <div className="error">Недостаточно прав для просмотра учебных планов.</div>;
  const { curricula, specialtiesToImport } = await (await serverCaller()).curriculum.list();
  return (
    <>
      <h1>Учебные планы</h1>
      <CurriculaTable curricula={curricula} />
      {can(actor, 'curriculum.manage') && specialtiesToImport.length > 0 && (
        <CurriculumImport specialties={specialtiesToImport} />
      )}
    </>
  );
}
