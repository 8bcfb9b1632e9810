'use client';

import { useState } from 'react';
import { flagKey, isIssuable } from '@/domain/monitoring';
import type { MonitoringFlagRow } from '@/server/services/control/monitoring';
import { useFormAction, type ServerFormAction } from '../use-form-action';
import { FlagCells } from './risk-table';

/**
 * The monitoring's flags with a box each: the controller ticks some (or all found) and issues remarks. The filters go
 * along, so the server judges the same journals again and issues only what it still finds.
 */
export function FlagsForm({
  action,
  flags: shown,
  flagCount,
  fixableCount,
  filters,
}: {
  action: ServerFormAction;
  /** The first flags (the oldest); `flagCount` of them in all. */
  flags: MonitoringFlagRow[];
  flagCount: number;
  fixableCount: number;
  filters: Record<string, string>;
}) {
  const { form, pending, messages } = useFormAction(action);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const fixable = shown.filter(isIssuable);
  const toggleAll = () =>
    setChecked(checked.size === fixable.length ? new Set() : new Set(fixable.map((f) => flagKey(f))));
  return (
    <form {...form} method="post" aria-label="Нарушения">
      {Object.entries(filters).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="toolbar">
        <button type="submit" disabled={pending || checked.size === 0}>
          Выдать замечания по отмеченным ({checked.size})
        </button>
        <button type="submit" name="all" value="on" disabled={pending}>
          Выдать по всем найденным ({fixableCount})
        </button>
        {messages}
      </div>
      {flagCount > shown.length && (
        <p className="muted small">
          Показаны {shown.length} самых давних из {flagCount}; уточните фильтр или скачайте XLSX со всеми.
        </p>
      )}
      <table className="list">
        <thead>
          <tr>
            <th>
              <input
                type="checkbox"
                aria-label="Отметить все"
                checked={fixable.length > 0 && checked.size === fixable.length}
                onChange={toggleAll}
              />
            </th>
            <th>Правило</th>
            <th>Группа</th>
            <th>Дисциплина</th>
            <th>Преподаватель</th>
            <th>С</th>
            <th>Почему</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f) => {
            const key = flagKey(f);
            const canIssue = isIssuable(f);
            return (
              <tr key={key} data-testid="flag">
                <td>
                  {canIssue && (
                    <input
                      type="checkbox"
                      name="keys"
                      value={key}
                      aria-label={`Замечание: ${f.text}`}
                      checked={checked.has(key)}
                      onChange={() => {
                        const next = new Set(checked);
                        if (next.has(key)) next.delete(key);
                        else next.add(key);
                        setChecked(next);
                      }}
                    />
                  )}
                </td>
                <FlagCells flag={f} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </form>
  );
}
