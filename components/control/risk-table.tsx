import { formatDate } from '@/domain/dates';
import { flagKey, MONITORING_RULES } from '@/domain/monitoring';
import type { MonitoringFlagRow } from '@/server/services/control/monitoring';

/**
 * The monitoring's risks (domain/monitoring.ts `TERM_END_RULES` while the term lasts): what will be a violation at the
 * term's end if nothing changes. No remarks are issued for them; each links to the journal cell to act on.
 */
export function RiskTable({ risks, riskCount }: { risks: MonitoringFlagRow[]; riskCount: number }) {
  return (
    <>
      {riskCount > risks.length && (
        <p className="muted small">
          Показаны {risks.length} самых давних из {riskCount}; уточните фильтр или скачайте XLSX со всеми.
        </p>
      )}
      <table className="list">
        <thead>
          <tr>
            <th>Правило</th>
            <th>Группа</th>
            <th>Дисциплина</th>
            <th>Преподаватель</th>
            <th>С</th>
            <th>Почему</th>
          </tr>
        </thead>
        <tbody>
          {risks.map((f) => (
            <tr key={flagKey(f)} data-testid="risk">
              <FlagCells flag={f} />
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** A flag's cells in the control page's tables: rule, group, journal, teacher, since when, and why (to the cell). */
export function FlagCells({ flag: f }: { flag: MonitoringFlagRow }) {
  return (
    <>
      <td>{MONITORING_RULES[f.rule].label}</td>
      <td>{f.group}</td>
      <td>{f.subject}</td>
      <td>{f.teacher ?? '—'}</td>
      <td className="nowrap">{formatDate(f.since)}</td>
      <td>
        <a href={f.href}>{f.text}</a>
      </td>
    </>
  );
}
