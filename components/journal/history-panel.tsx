'use client';

import { useEffect, useState } from 'react';
import type { HistoryEntry } from '@/server/services/journal/history';
import { trpc } from '../trpc-client';
import type { CellTarget } from './use-journal-model';

const SOURCES: Record<string, string> = {
  typing: 'ввод',
  paste: 'вставка',
  fill: 'заполнение столбца',
  undo: 'отмена',
  import: 'импорт',
};

function show(value: unknown): string {
  if (!value || typeof value !== 'object') return '—';
  const v = value as {
    attendance?: string | null;
    grade1?: string | null;
    grade2?: string | null;
    value?: string | null;
  };
  if ('value' in v) return v.value || '—';
  const text = `${v.attendance ?? ''}${[v.grade1, v.grade2].filter(Boolean).join('/')}`;
  return text || 'пусто';
}

/** The change history of the focused cell: who, when, from what to what, how. */
export function HistoryPanel({
  assignmentId,
  target,
  title,
  timeZone,
  onClose,
}: {
  assignmentId: number;
  target: CellTarget;
  title: string;
  timeZone: string;
  onClose: () => void;
}) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    trpc.journal.history
      .query({ assignmentId, studentId: target.studentId, lessonId: target.lessonId, field: target.field })
      .then(setEntries)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [assignmentId, target]);
  const time = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short', timeZone });
  return (
    <aside className="panel history" aria-label="История ячейки" data-testid="history">
      <div className="panel-title">
        <h3>История ячейки: {title}</h3>
        <button type="button" className="plain" onClick={onClose}>
          Закрыть
        </button>
      </div>
      {error && <div className="error">{error}</div>}
      {entries === null && !error && <p className="muted">Загрузка…</p>}
      {entries?.length === 0 && (
        <p className="muted">Изменений через журнал не было (значение из начального заполнения).</p>
      )}
      {entries && entries.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th>Когда</th>
              <th>Кто</th>
              <th>Было</th>
              <th>Стало</th>
              <th>Как</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i}>
                <td>{time.format(new Date(e.at))}</td>
                <td>{e.by}</td>
                <td>{show(e.before)}</td>
                <td>{show(e.after)}</td>
                <td>{SOURCES[e.source] ?? e.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
