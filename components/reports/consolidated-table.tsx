'use client';

import { SHEET_INDICATOR_ROWS, type ConsolidatedSheet, type SheetRow } from '@/domain/consolidated-sheet';
import { formatIndicator, STANDING_LABELS, type StudentStanding } from '@/domain/indicators';
import { DataTable, type DataColumn } from '../data-table';

/** «Сводная ведомость» on screen: students × items with results and missed hours, the indicators, the group's totals. */
export function ConsolidatedTable({ sheet, year }: { sheet: ConsolidatedSheet; year: boolean }) {
  const columns: DataColumn<SheetRow>[] = [
    { id: 'no', header: '№', value: (r) => r.no, className: 'num' },
    {
      id: 'name',
      header: 'Фамилия, имя, отчество',
      value: (r) => r.name,
      cell: (r) => (
        <>
          {r.name}
          {r.note && <span className="muted small"> · {r.note}</span>}
        </>
      ),
    },
    ...sheet.columns.map((c, i): DataColumn<SheetRow> => ({
      id: c.key,
      header: `${c.code} ${c.shortName} (${c.formLabel}${year ? `, ${c.termNumber} сем.` : ''})`,
      value: (r) => r.values[i] ?? null,
    })),
    { id: 'valid', header: 'Пропущено: уваж.', value: (r) => r.missedValid, className: 'num' },
    { id: 'invalid', header: 'неуваж.', value: (r) => r.missedInvalid, className: 'num' },
    { id: 'total', header: 'всего', value: (r) => r.missedTotal, className: 'num' },
  ];
  type Indicator = { label: string; values: string[] };
  const indicators: Indicator[] = SHEET_INDICATOR_ROWS.map((row) => ({
    label: row.label,
    values: sheet.indicators.map(row.value),
  }));
  const indicatorColumns: DataColumn<Indicator>[] = [
    { id: 'label', header: 'Показатель', value: (r) => r.label, sortable: false },
    ...sheet.columns.map((c, i): DataColumn<Indicator> => ({
      id: c.key,
      header: `${c.code} (${c.formLabel})`,
      value: (r) => r.values[i] ?? '',
      sortable: false,
    })),
  ];
  return (
    <>
      <div className="table-scroll">
        <DataTable rows={sheet.rows} columns={columns} rowKey={(r) => r.studentId} testId="consolidated" />
      </div>
      <div className="table-scroll">
        <DataTable rows={indicators} columns={indicatorColumns} rowKey={(r) => r.label} testId="indicators" />
      </div>
      <p data-testid="group-totals">
        В расчёте {sheet.totals.counted}: успеваемость группы {formatIndicator(sheet.totals.progress)} %, качество{' '}
        {formatIndicator(sheet.totals.quality)} % ·{' '}
        {(Object.keys(STANDING_LABELS) as StudentStanding[])
          .filter((k) => sheet.totals.byStanding[k] > 0)
          .map((k) => `${STANDING_LABELS[k]}: ${sheet.totals.byStanding[k]}`)
          .join(' · ')}{' '}
        · пропущено часов {sheet.missed.total} (по уважительной причине {sheet.missed.valid}).
      </p>
    </>
  );
}
