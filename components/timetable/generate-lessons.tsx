'use client';

import { useState } from 'react';
import { countOf, NOUNS } from '@/domain/plural';
import type { GenerateStep } from '@/server/services/timetable/lessons';
import { trpc } from '../trpc-client';

interface Totals {
  done: number;
  total: number;
  created: number;
  updated: number;
  removed: number;
  unmatched: string[];
}

/**
 * (Re)generating the term's journal lessons from the published timetable, step by step (40 journals each) with a
 * progress bar; a step that fails stops the run and says why — the steps before it stay done, the next run goes on
 * (it changes nothing already in line).
 */
export function GenerateLessonsPanel({ termId, termName }: { termId: number; termName: string }) {
  const [totals, setTotals] = useState<Totals | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setRunning(true);
    setError(null);
    const sum: Totals = { done: 0, total: 0, created: 0, updated: 0, removed: 0, unmatched: [] };
    setTotals({ ...sum });
    try {
      let after: number | null = 0;
      while (after !== null) {
        const step: GenerateStep = await trpc.timetable.generateLessons.mutate({ termId, after });
        sum.done = step.done;
        sum.total = step.total;
        sum.created += step.created;
        sum.updated += step.updated;
        sum.removed += step.removed;
        sum.unmatched.push(...step.unmatched.map((u) => u.text));
        setTotals({ ...sum, unmatched: [...sum.unmatched] });
        after = step.next;
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  }

  const percent = totals && totals.total > 0 ? Math.round((100 * totals.done) / totals.total) : 0;
  return (
    <section className="panel" aria-labelledby="generate-title">
      <h2 id="generate-title">Занятия в журналах по расписанию</h2>
      <p className="small muted">
        Журналы семестра «{termName}» получают занятия опубликованного расписания (праздники, каникулы, практика группы
        пропущены). Занятия с отметками или темой не удаляются; добавленные вручную остаются «вне расписания».
      </p>
      <button type="button" onClick={() => void run()} disabled={running}>
        {running ? 'Заполняется…' : 'Заполнить журналы семестра'}
      </button>
      {totals && (
        <div role="status" data-testid="generate-progress">
          <progress max={totals.total || 1} value={totals.done} aria-label="Журналы заполнены" /> {percent}% —{' '}
          {totals.done} из {countOf(totals.total, NOUNS.journalOf)}. Занятий добавлено {totals.created}, изменено{' '}
          {totals.updated}, удалено {totals.removed}
          {totals.unmatched.length > 0 &&
            `; ${countOf(totals.unmatched.length, NOUNS.lesson)} с записями оставлено «вне расписания»`}
          {totals.unmatched.length > 0 && (
            <ul className="small">
              {totals.unmatched.slice(0, 30).map((t, i) => (
                <li key={i}>{t}</li>
              ))}
              {totals.unmatched.length > 30 && <li>… и ещё {totals.unmatched.length - 30}</li>}
            </ul>
          )}
        </div>
      )}
      {error && (
        <div className="error" role="alert">
          Остановлено: {error}
        </div>
      )}
    </section>
  );
}
