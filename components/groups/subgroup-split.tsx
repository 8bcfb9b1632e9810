'use client';

import { TRPCClientError } from '@trpc/client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { SubgroupSplit } from '@/server/services/contingent/subgroups';
import { trpc } from '../trpc-client';

type Draft = { id?: number; name: string; journals: string[] };

/**
 * The quick split: one row per student, one radio column per subgroup; «Пополам по списку» divides the alphabetical
 * list into equal parts. Saved whole; the server refuses a split that leaves somebody out.
 */
export function SubgroupSplitEditor({ split }: { split: SubgroupSplit }) {
  const router = useRouter();
  const initial: Draft[] = split.subgroups.length
    ? split.subgroups.map((s) => ({ id: s.id, name: s.name, journals: s.journals }))
    : [
        { name: '1 подгруппа', journals: [] },
        { name: '2 подгруппа', journals: [] },
      ];
  const [drafts, setDrafts] = useState<Draft[]>(initial);
  const [placement, setPlacement] = useState<Map<number, number>>(() => {
    const map = new Map<number, number>();
    split.subgroups.forEach((s, i) => s.studentIds.forEach((id) => map.set(id, i)));
    return map;
  });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const readOnly = split.term.locked;

  function evenly() {
    const next = new Map<number, number>();
    const per = Math.ceil(split.students.length / drafts.length);
    split.students.forEach((s, i) => next.set(s.id, Math.min(drafts.length - 1, Math.floor(i / per))));
    setPlacement(next);
  }

  function removeDraft(index: number) {
    setDrafts(drafts.filter((_, j) => j !== index));
    const next = new Map<number, number>();
    for (const [student, g] of placement) if (g !== index) next.set(student, g > index ? g - 1 : g);
    setPlacement(next);
  }

  async function save(confirm: boolean) {
    setError(null);
    setNotice(null);
    try {
      const result = await trpc.subgroups.save.mutate({
        groupId: split.group.id,
        termId: split.term.id,
        confirm,
        subgroups: drafts.map((d, i) => ({
          id: d.id,
          name: d.name,
          studentIds: split.students.filter((s) => placement.get(s.id) === i).map((s) => s.id),
        })),
      });
      setNeedsConfirm(false);
      setNotice(`Сохранено: подгрупп ${result.subgroups}, студентов ${result.students}`);
      router.refresh();
    } catch (e) {
      setNeedsConfirm(e instanceof TRPCClientError && (e.data as { code?: string } | undefined)?.code === 'CONFLICT');
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const count = (i: number) => split.students.filter((s) => placement.get(s.id) === i).length;
  return (
    <>
      {error && (
        <div className="error" role="alert">
          {error}
          {needsConfirm && (
            <p>
              <button type="button" onClick={() => void save(true)}>
                Перенести всё равно
              </button>
            </p>
          )}
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      {readOnly && <p className="badge warn">Семестр закрыт для изменений: подгруппы только для просмотра</p>}
      <div className="toolbar">
        <button type="button" className="plain" disabled={readOnly} onClick={evenly}>
          Поровну по списку
        </button>
        <button
          type="button"
          className="plain"
          disabled={readOnly || drafts.length >= 6}
          onClick={() => setDrafts([...drafts, { name: `${drafts.length + 1} подгруппа`, journals: [] }])}
        >
          Добавить подгруппу
        </button>
      </div>
      <table className="list" data-testid="subgroup-split">
        <thead>
          <tr>
            <th>№</th>
            <th>Студент</th>
            {drafts.map((d, i) => (
              <th key={i}>
                <input
                  type="text"
                  aria-label={`Название подгруппы ${i + 1}`}
                  value={d.name}
                  disabled={readOnly}
                  onChange={(e) => setDrafts(drafts.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                />
                <div className="muted small" data-testid={`subgroup-count-${i + 1}`}>
                  {count(i)} чел.{d.journals.length ? ` · журналы: ${d.journals.join(', ')}` : ''}
                </div>
                {d.id === undefined && !readOnly && (
                  <button type="button" className="plain small" onClick={() => removeDraft(i)}>
                    убрать
                  </button>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {split.students.map((s, n) => (
            <tr key={s.id}>
              <td>{n + 1}</td>
              <td>{s.name}</td>
              {drafts.map((d, i) => (
                <td key={i}>
                  <input
                    type="radio"
                    name={`student-${s.id}`}
                    aria-label={`${s.name} — ${d.name}`}
                    checked={placement.get(s.id) === i}
                    disabled={readOnly}
                    onChange={() => setPlacement(new Map(placement).set(s.id, i))}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && (
        <p>
          <button type="button" onClick={() => void save(false)}>
            Сохранить подгруппы
          </button>
        </p>
      )}
    </>
  );
}
