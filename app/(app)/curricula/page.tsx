import Link from 'next/link';
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
      <table className="list" data-testid="curricula">
        <thead>
          <tr>
            <th>Специальность</th>
            <th>Набор</th>
            <th className="num">Строк плана</th>
            <th className="num">Журналов</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {curricula.map((c) => (
            <tr key={c.id}>
              <td>
                <Link href={`/curricula/${c.id}`}>{c.specialty}</Link>
              </td>
              <td>{c.admissionYear}</td>
              <td className="num">{c.items}</td>
              <td className="num">{c.journals}</td>
              <td>
                <a href={`/api/reports/curriculum/${c.id}`}>Выгрузить в Excel</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {can(actor, 'curriculum.manage') && specialtiesToImport.length > 0 && (
        <CurriculumImport specialties={specialtiesToImport} />
      )}
    </>
  );
}
