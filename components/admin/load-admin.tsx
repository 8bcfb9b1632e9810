'use client';

import type { LoadLine, TermLoad } from '@/server/services/curriculum/teaching-load';
import { trpc } from '../trpc-client';
import { useAdminAction } from './use-admin-action';

/** The term's load: plan lines per group, their journals and teachers; changes save at once and are logged. */
export function LoadAdmin({ load }: { load: TermLoad }) {
  const { run, messages } = useAdminAction();
  const missing = load.groups.reduce((n, g) => n + g.lines.filter((l) => l.assignmentId === null).length, 0);
  const unassigned = load.groups.reduce(
    (n, g) => n + g.lines.filter((l) => l.assignmentId !== null && l.teacherUserId === null).length,
    0,
  );
  const readOnly = load.term.locked;

  function update(line: LoadLine, change: { teacherUserId?: number | null; plannedHours?: number }) {
    const teacherUserId = change.teacherUserId !== undefined ? change.teacherUserId : line.teacherUserId;
    const plannedHours = change.plannedHours ?? line.plannedHours ?? 0;
    const teacher = load.teachers.find((t) => t.id === teacherUserId)?.name ?? 'не назначен';
    void run(async () => {
      await trpc.load.update.mutate({ assignmentId: line.assignmentId!, teacherUserId, plannedHours });
      return `${line.code} ${line.name}${line.subgroup ? `, ${line.subgroup}` : ''}: ${teacher}, ${plannedHours} ч`;
    });
  }

  return (
    <>
      {messages}
      <div className="toolbar">
        {!readOnly && missing > 0 && (
          <button
            type="button"
            onClick={() =>
              void run(async () => {
                const r = await trpc.load.createFromCurriculum.mutate({ termId: load.term.id });
                return `Создано журналов: ${r.created}${r.withoutPlan.length ? `; нет учебного плана у групп: ${r.withoutPlan.join(', ')}` : ''}`;
              })
            }
          >
            Создать нагрузку из учебного плана ({missing})
          </button>
        )}
        <span className="muted">
          Без журнала: {missing} · без преподавателя: {unassigned}
        </span>
      </div>
      {load.groups.map((g) => (
        <section className="panel" key={g.id} data-testid={`load-${g.name}`}>
          <h2>
            {g.name}{' '}
            <span className="muted small">
              · {g.semester} семестр обучения · {g.curriculum ?? 'учебного плана нет'}
            </span>
          </h2>
          <table className="list">
            <thead>
              <tr>
                <th>Код</th>
                <th>Дисциплина</th>
                <th className="num">По плану, ч</th>
                <th>Подгруппа</th>
                <th>Преподаватель</th>
                <th className="num">Нагрузка, ч</th>
                <th className="num">Занятий</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {g.lines.map((l, i) => (
                <tr key={l.assignmentId ?? `plan-${l.itemId}-${i}`}>
                  <td>{l.code}</td>
                  <td>
                    {l.name}
                    {l.attestationForm ? <span className="muted small"> ({l.attestationForm})</span> : null}
                  </td>
                  <td className="num">{l.planHours ?? '—'}</td>
                  <td>{l.subgroup ?? (l.assignmentId ? 'вся группа' : '')}</td>
                  <td>
                    {l.assignmentId === null ? (
                      <span className="muted">журнала нет</span>
                    ) : (
                      <select
                        aria-label={`Преподаватель: ${g.name} ${l.code}${l.subgroup ? ` ${l.subgroup}` : ''}`}
                        value={l.teacherUserId ?? ''}
                        disabled={readOnly}
                        onChange={(e) =>
                          update(l, { teacherUserId: e.target.value === '' ? null : Number(e.target.value) })
                        }
                      >
                        <option value="">— не назначен —</option>
                        {load.teachers.map((t) => (
                          <option key={t.id} value={t.id}>
                            {t.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td className="num">
                    {l.assignmentId !== null && (
                      <input
                        type="number"
                        min={0}
                        max={2000}
                        style={{ width: 70 }}
                        aria-label={`Часы нагрузки: ${g.name} ${l.code}`}
                        defaultValue={l.plannedHours ?? 0}
                        disabled={readOnly}
                        onBlur={(e) =>
                          Number(e.target.value) !== l.plannedHours &&
                          update(l, { plannedHours: Number(e.target.value) })
                        }
                      />
                    )}
                  </td>
                  <td className="num">{l.assignmentId !== null ? l.lessons : ''}</td>
                  <td>
                    {!readOnly && l.assignmentId !== null && l.lessons === 0 && (
                      <>
                        {l.subgroup === null && (
                          <button
                            type="button"
                            className="plain small"
                            onClick={() =>
                              void run(async () => {
                                const r = await trpc.load.splitBySubgroups.mutate({ assignmentId: l.assignmentId! });
                                return `${l.code}: журналов по подгруппам ${r.assignments}`;
                              })
                            }
                          >
                            по подгруппам
                          </button>
                        )}{' '}
                        <button
                          type="button"
                          className="plain small"
                          onClick={() =>
                            window.confirm(`Удалить журнал ${l.code} ${l.name} группы ${g.name}?`) &&
                            void run(async () => {
                              await trpc.load.delete.mutate({ assignmentId: l.assignmentId! });
                              return `${l.code}: журнал удалён`;
                            })
                          }
                        >
                          удалить
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
