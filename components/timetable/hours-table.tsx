'use client';

import { hoursColumns, hoursCell, type HoursDimension, type HoursRow } from '@/domain/hours-delivered';
import { DataTable, type DataColumn } from '../data-table';

const FIRST = { teacher: 'Преподаватель', group: 'Группа', item: 'Дисциплина' } as const;

/** The rows of hours delivered; a row behind schedule says so next to its name. */
export function HoursTable({ rows, by }: { rows: HoursRow[]; by: HoursDimension }) {
  const columns: DataColumn<HoursRow>[] = [
    {
      id: 'label',
      header: FIRST[by],
      value: (r) => r.label,
      cell: (r) => (
        <>
          {r.label}
          {r.behind && <span className="badge bad"> отставание</span>}
        </>
      ),
    },
    ...hoursColumns(by).map((c): DataColumn<HoursRow> => ({
      id: c.key,
      header: c.header,
      value: (r) => (r[c.key] as number | null) ?? null,
      cell: (r) => hoursCell(r, c.key),
      className: 'num',
    })),
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.key}
      search={rows.length > 15 ? `Поиск: ${FIRST[by].toLowerCase()}` : undefined}
      testId="hours"
      empty="В этом разрезе нет журналов."
    />
  );
}
