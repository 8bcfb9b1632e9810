import Link from 'next/link';
import type { InstitutionOverview } from '@/server/queries/structure';

export function StructureSection({ overview, linkGroups }: { overview: InstitutionOverview[]; linkGroups: boolean }) {
  return (
    <>
      {overview.map((inst) => (
        <section key={inst.id} data-testid="structure">
          <h2>{inst.shortName}</h2>
          {inst.termName && <p className="muted">Текущий период: {inst.termName}</p>}
          <div className="cards">
            <Card value={inst.totals.departments} label="отделений" />
            <Card value={inst.totals.groups} label="групп" />
            <Card value={inst.totals.students} label="студентов" />
            <Card value={inst.totals.assignments} label="журналов в семестре" />
          </div>
          {inst.departments.map((dep) => (
            <div className="panel" key={dep.id}>
              <h3>{dep.name}</h3>
              <table className="list">
                <thead>
                  <tr>
                    <th>Группа</th>
                    <th>Специальность</th>
                    <th className="num">Курс</th>
                    <th>Куратор</th>
                    <th className="num">Студентов</th>
                    <th className="num">Журналов</th>
                  </tr>
                </thead>
                <tbody>
                  {dep.groups.map((g) => (
                    <tr key={g.id}>
                      <td>{linkGroups ? <Link href={`/groups/${g.id}`}>{g.name}</Link> : g.name}</td>
                      <td>
                        {g.specialtyCode} {g.specialtyName}
                      </td>
                      <td className="num">{g.course}</td>
                      <td className="nowrap">{g.curatorName ?? '—'}</td>
                      <td className="num">{g.students}</td>
                      <td className="num">{g.assignments}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

function Card({ value, label }: { value: number; label: string }) {
  return (
    <div className="card">
      <div className="value">{value}</div>
      <div className="label">{label}</div>
    </div>
  );
}
