'use client';

import {
  columnFilteringFeature,
  createFilteredRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { countOf, NOUNS } from '@/domain/plural';
import { searchKey } from '@/domain/names';

/** One column of a read-only table. */
export interface DataColumn<T extends RowData> {
  id: string;
  header: string;
  /** The value the column sorts and searches by: text (compared in Russian order) or a number; null sorts last. */
  value: (row: T) => string | number | null;
  /** What the cell shows; the value itself when absent. */
  cell?: (row: T) => ReactNode;
  /** `num` right-aligns a number, `nowrap` keeps a name on one line. */
  className?: 'num' | 'nowrap';
  /** False for a column of buttons or badges that makes no sense to sort by. */
  sortable?: boolean;
}

const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
});

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Russian names of the sort states for the header buttons (a screen reader also hears `aria-sort`). */
const SORT_LABEL = { asc: 'по возрастанию', desc: 'по убыванию' } as const;

/**
 * The one read-only table of the application (@tanstack/react-table): click a header to sort (again to reverse, a third
 * time to restore the order the server gave), and, where the list can be long, a search over every column's text
 * (ё = е, any case). Rows keep the server's order until sorted.
 */
export function DataTable<T extends RowData>({
  rows,
  columns,
  rowKey,
  search,
  testId,
  empty = 'Нет записей.',
}: {
  rows: T[];
  columns: DataColumn<T>[];
  /** A stable key of a row (its id); the row's place in `rows` when absent. */
  rowKey?: (row: T) => string | number;
  /** The search field's label («Поиск по группе, дисциплине»); no field when absent. */
  search?: string;
  testId?: string;
  empty?: string;
}) {
  const searchId = useId();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [globalFilter, setGlobalFilter] = useState('');
  const defs = useMemo<ColumnDef<typeof features, T>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        accessorFn: (row: T) => c.value(row),
        enableSorting: c.sortable !== false,
        sortUndefined: 'last' as const,
        sortFn: (a, b, id) => {
          const x = a.getValue(id);
          const y = b.getValue(id);
          if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
          return compare(x, y);
        },
      })),
    [columns],
  );
  const table = useTable({
    features,
    columns: defs,
    data: rows,
    ...(rowKey ? { getRowId: (row: T) => String(rowKey(row)) } : {}),
    state: { sorting, globalFilter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    getColumnCanGlobalFilter: () => true,
    globalFilterFn: (row, columnId, filter: string) => {
      const value = row.getValue(columnId);
      if (typeof value !== 'string' && typeof value !== 'number') return false;
      return searchKey(String(value)).includes(searchKey(filter));
    },
  });
  const shown = table.getRowModel().rows;
  const byId = new Map(columns.map((c) => [c.id, c]));

  return (
    <>
      {search && (
        <div className="table-search">
          <label htmlFor={searchId}>{search}</label>
          <input
            id={searchId}
            type="search"
            value={globalFilter}
            onChange={(e) => setGlobalFilter(e.target.value)}
            autoComplete="off"
          />
          {globalFilter && (
            <span className="muted small" role="status">
              Найдено: {shown.length} из {countOf(rows.length, NOUNS.row)}
            </span>
          )}
        </div>
      )}
      <table className="list" data-testid={testId}>
        <thead>
          <tr>
            {table.getFlatHeaders().map((header) => {
              const column = byId.get(header.column.id)!;
              const sorted = header.column.getIsSorted();
              return (
                <th
                  key={header.id}
                  className={column.className === 'num' ? 'num' : undefined}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                >
                  {header.column.getCanSort() ? (
                    <button
                      type="button"
                      className="sort"
                      onClick={header.column.getToggleSortingHandler()}
                      title={`Сортировать: ${column.header}`}
                    >
                      {column.header}
                      <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      {sorted && <span className="visually-hidden">, {SORT_LABEL[sorted]}</span>}
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.id}>
              {columns.map((c) => (
                <td key={c.id} className={c.className}>
                  {c.cell ? c.cell(row.original) : (c.value(row.original) ?? '—')}
                </td>
              ))}
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {globalFilter ? 'Ничего не найдено.' : empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
