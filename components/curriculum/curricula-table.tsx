'use client';

import Link from 'next/link';
import type { CurriculumSummary } from '@/server/services/curriculum/curriculum';
import { DataTable, type DataColumn } from '../data-table';

const COLUMNS: DataColumn<CurriculumSummary>[] = [
  {
    id: 'specialty',
    header: 'Специальность',
    value: (c) => c.specialty,
    cell: (c) => <Link href={`/curricula/${c.id}`}>{c.specialty}</Link>,
  },
  { id: 'admission', header: 'Набор', value: (c) => c.admissionYear },
  { id: 'items', header: 'Строк плана', value: (c) => c.items, className: 'num' },
  { id: 'journals', header: 'Журналов', value: (c) => c.journals, className: 'num' },
  {
    id: 'export',
    header: 'Выгрузка',
    sortable: false,
    value: () => null,
    cell: (c) => <a href={`/api/reports/curriculum/${c.id}`}>Выгрузить в Excel</a>,
  },
];

/** The curricula the actor may read: one per specialty and admission year. */
export function CurriculaTable({ curricula }: { curricula: CurriculumSummary[] }) {
  return (
    <DataTable
      rows={curricula}
      columns={COLUMNS}
      rowKey={(c) => c.id}
      search={curricula.length > 8 ? 'Поиск по специальности или году набора' : undefined}
      testId="curricula"
      empty="Учебных планов нет."
    />
  );
}
