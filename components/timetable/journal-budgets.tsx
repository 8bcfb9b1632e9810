'use client';

import type { JournalBudget } from '@/server/services/timetable/week';

/** The key that picks a journal from the grid: 1…9, then 0 for the tenth, then а, б, в… */
export const JOURNAL_KEYS = [...'1234567890абвгдежзиклмнопрстуфхцчшэюя'];

/**
 * The group's journals with their budget «по плану / в расписании на семестр / проведено»: picking one shows, on
 * every cell of the week, whether it can go there and why not.
 */
export function JournalBudgets({
  journals,
  selectedId,
  onSelect,
}: {
  journals: JournalBudget[];
  selectedId: number | null;
  onSelect: (assignmentId: number | null) => void;
}) {
  return (
    <section className="panel budgets" aria-labelledby="budgets-title">
      <h2 id="budgets-title">Журналы группы</h2>
      <p className="muted small">Выберите журнал (или нажмите его клавишу в сетке), затем ячейку.</p>
      <ul>
        {journals.map((j, i) => {
          const scale = Math.max(j.plannedHours, j.scheduledHours, 1);
          const short = j.scheduledHours < j.plannedHours;
          return (
            <li key={j.assignmentId}>
              <button
                type="button"
                className="budget"
                aria-pressed={selectedId === j.assignmentId}
                onClick={() => onSelect(selectedId === j.assignmentId ? null : j.assignmentId)}
              >
                <span className="budget-title">
                  <kbd>{JOURNAL_KEYS[i] ?? ''}</kbd> {j.code} {j.subject}
                  {j.subgroup ? `, ${j.subgroup}` : ''}
                </span>
                <span className="muted small">{j.teacher ?? 'преподаватель не назначен'}</span>
                <span className="budget-bar" aria-hidden="true">
                  <span className="scheduled" style={{ width: `${(100 * j.scheduledHours) / scale}%` }} />
                  <span className="held" style={{ width: `${(100 * j.heldHours) / scale}%` }} />
                  <span className="plan" style={{ left: `${(100 * j.plannedHours) / scale}%` }} />
                </span>
                <span className={short ? 'small budget-figures short' : 'small budget-figures'}>
                  по плану {j.plannedHours} ч · в расписании {j.scheduledHours} ч · проведено {j.heldHours} ч
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
