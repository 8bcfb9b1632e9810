'use client';

import Link from 'next/link';
import type { GroupSummary, InstitutionOverview } from '@/server/queries/structure';
import { DataTable, type DataColumn } from '../data-table';

const REST: DataColumn<GroupSummary>[] = [
  {
    id: 'specialty',
    header: 'Специальность',
    value: (g) => `${g.specialtyCode} ${g.specialtyName}`,
  },
  { id: 'course', header: 'Курс', value: (g) => g.course, className: 'num' },
  { id: 'curator', header: 'Куратор', value: (g) => g.curatorName, className: 'nowrap' },
  { id: 'students', header: 'Студентов', value: (g) => g.students, className: 'num' },
  { id: 'journals', header: 'Журналов', value: (g) => g.assignments, className: 'num' },
];
const LINKED: DataColumn<GroupSummary>[] = [
  { id: 'group', header: 'Группа', value: (g) => g.name, cell: (g) => <Link href={`/groups/${g.id}`}>{g.name}</Link> },
  ...REST,
];
const PLAIN: DataColumn<GroupSummary>[] = [{ id: 'group', header: 'Группа', value: (g) => g.name }, ...REST];

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
              <DataTable rows={dep.groups} columns={linkGroups ? LINKED : PLAIN} rowKey={(g) => g.id} />
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
