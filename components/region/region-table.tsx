'use client';

import { REGION_COLUMNS, termLabel, zoneLabel, type RegionCollegeRow } from '@/domain/region-view';
import { formatDate } from '@/domain/dates';
import { DataTable, type DataColumn } from '../data-table';

/** One row per college: its name, zone and term, then the figures (domain/region-view.ts); every column sorts. */
export function RegionTable({ rows }: { rows: RegionCollegeRow[] }) {
  const columns: DataColumn<RegionCollegeRow>[] = [
    {
      id: 'college',
      header: 'Колледж',
      value: (r) => r.college,
      cell: (r) => (
        <>
          {r.college}
          {r.city && <span className="muted small"> · {r.city}</span>}
        </>
      ),
    },
    {
      id: 'zone',
      header: 'Часовой пояс',
      value: (r) => zoneLabel(r.timeZone),
      cell: (r) => (
        <>
          {zoneLabel(r.timeZone)}
          <br />
          <span className="muted small">на {formatDate(r.today)}</span>
        </>
      ),
      className: 'nowrap',
    },
    { id: 'term', header: 'Семестр', value: (r) => r.term?.startsOn ?? null, cell: (r) => termLabel(r) },
    ...REGION_COLUMNS.map((c): DataColumn<RegionCollegeRow> => ({
      id: c.key,
      header: c.header,
      value: c.value,
      cell: c.text,
      className: 'num',
    })),
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.institutionId}
      search={rows.length > 15 ? 'Поиск по колледжу, городу, поясу' : undefined}
      testId="region-colleges"
      empty="Колледжей нет."
    />
  );
}
