'use client';

import Link from 'next/link';
import { fullName } from '@/domain/names';
import type { GroupRoster } from '@/server/queries/people';
import { DataTable, type DataColumn } from '../data-table';

type Student = GroupRoster['students'][number] & { no: number };

const COLUMNS: DataColumn<Student>[] = [
  { id: 'no', header: '№', value: (s) => s.no, className: 'num' },
  {
    id: 'name',
    header: 'ФИО',
    value: (s) => fullName(s),
    cell: (s) => <Link href={`/students/${s.id}`}>{fullName(s)}</Link>,
  },
  { id: 'missed', header: 'Пропущено часов', value: (s) => s.missedHours, className: 'num' },
  { id: 'missedValid', header: 'из них уваж.', value: (s) => s.missedValidHours, className: 'num' },
  {
    id: 'average',
    header: 'Средний балл',
    value: (s) => s.average,
    cell: (s) => (s.average === null ? '—' : s.average.toFixed(2).replace('.', ',')),
    className: 'num',
  },
  { id: 'grades', header: 'Оценок', value: (s) => s.gradeCount, className: 'num' },
];

/** A group's students on today with their absences and marks; sortable, with a search by name. */
export function RosterTable({ roster }: { roster: GroupRoster }) {
  const rows = roster.students.map((s, i) => ({ ...s, no: i + 1 }));
  return (
    <DataTable
      rows={rows}
      columns={COLUMNS}
      rowKey={(s) => s.id}
      search="Поиск по списку"
      testId="roster"
      empty="В группе нет студентов."
    />
  );
}
