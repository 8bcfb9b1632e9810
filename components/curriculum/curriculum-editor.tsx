'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { CYCLES, FORM_LABELS, itemRows, type PlanItem } from '@/domain/curriculum-template';
import type { CurriculumDetail } from '@/server/services/curriculum/curriculum';
import { trpc } from '../trpc-client';

type Line = CurriculumDetail['items'][number];
const SEMESTER_FIELDS = ['Семестр', 'Всего', 'Теория', 'Практ.', 'Лаб.', 'Сам.', 'Форма'] as const;

function semesterSummary(item: PlanItem): string {
  return item.semesters
    .map((s) => `${s.semester} сем.: ${s.hoursTotal} ч${s.attestationForm ? ` (${s.attestationForm})` : ''}`)
    .join('; ');
}

/** Edits one plan line as the template's rows, so the server checks it by the same rules as an imported file. */
function LineForm({ curriculumId, line, onDone }: { curriculumId: number; line: Line | null; onDone: () => void }) {
  const router = useRouter();
  const start = line ? itemRows(line) : [['ОП', '', '', '', '', '', '', '', '', '', '']];
  const [head, setHead] = useState(start[0]!.slice(0, 4));
  const [semesters, setSemesters] = useState(start.filter((r) => r[4] !== '').map((r) => r.slice(4)));
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setError(null);
    const rows = semesters.length ? semesters.map((s) => [...head, ...s]) : [[...head, '', '', '', '', '', '', '']];
    try {
      await trpc.curriculum.saveItem.mutate({ curriculumId, originalCode: line?.code, rows });
      onDone();
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const setHeadAt = (i: number, v: string) => setHead(head.map((x, j) => (j === i ? v : x)));
  return (
    <div className="panel" data-testid="line-form">
      <h2>{line ? `Строка плана ${line.code}` : 'Новая строка плана'}</h2>
      {error && (
        <div className="error" role="alert" style={{ whiteSpace: 'pre-line' }}>
          {error}
        </div>
      )}
      <div className="form-row">
        <label>
          Цикл
          <select value={head[0]} onChange={(e) => setHeadAt(0, e.target.value)}>
            {CYCLES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Код
          <input type="text" value={head[1]} onChange={(e) => setHeadAt(1, e.target.value)} placeholder="ОП.04" />
        </label>
        <label>
          Наименование
          <input type="text" value={head[2]} onChange={(e) => setHeadAt(2, e.target.value)} />
        </label>
        <label>
          Краткое наименование
          <input type="text" value={head[3]} onChange={(e) => setHeadAt(3, e.target.value)} />
        </label>
      </div>
      <table className="list">
        <thead>
          <tr>
            {SEMESTER_FIELDS.map((f) => (
              <th key={f}>{f}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {semesters.map((s, i) => (
            <tr key={i}>
              {SEMESTER_FIELDS.map((f, j) => (
                <td key={f}>
                  {f === 'Форма' ? (
                    <select
                      aria-label={`${f}, строка ${i + 1}`}
                      value={s[j]}
                      onChange={(e) =>
                        setSemesters(
                          semesters.map((r, k) => (k === i ? r.map((x, m) => (m === j ? e.target.value : x)) : r)),
                        )
                      }
                    >
                      <option value="">оценка за семестр</option>
                      {Object.entries(FORM_LABELS).map(([code, label]) => (
                        <option key={code} value={code}>
                          {code} — {label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      type="text"
                      inputMode="numeric"
                      size={5}
                      aria-label={`${f}, строка ${i + 1}`}
                      value={s[j]}
                      onChange={(e) =>
                        setSemesters(
                          semesters.map((r, k) => (k === i ? r.map((x, m) => (m === j ? e.target.value : x)) : r)),
                        )
                      }
                    />
                  )}
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="plain small"
                  onClick={() => setSemesters(semesters.filter((_, k) => k !== i))}
                >
                  убрать
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <button
          type="button"
          className="plain"
          onClick={() => setSemesters([...semesters, ['', '', '', '', '', '', '']])}
        >
          Добавить семестр
        </button>
        <button type="button" onClick={() => void save()}>
          Сохранить строку
        </button>
        <button type="button" className="plain" onClick={onDone}>
          Отмена
        </button>
      </div>
    </div>
  );
}

export function CurriculumEditor({ plan }: { plan: CurriculumDetail }) {
  const router = useRouter();
  const [editing, setEditing] = useState<Line | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function remove(line: Line) {
    if (!window.confirm(`Удалить строку ${line.code} «${line.name}» из плана?`)) return;
    setError(null);
    try {
      await trpc.curriculum.deleteItem.mutate({ curriculumId: plan.id, code: line.code });
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {editing && (
        <LineForm
          key={editing === 'new' ? 'new' : editing.code}
          curriculumId={plan.id}
          line={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {plan.canEdit && !editing && (
        <p>
          <button type="button" onClick={() => setEditing('new')}>
            Добавить строку
          </button>
        </p>
      )}
      <table className="list" data-testid="curriculum-items">
        <thead>
          <tr>
            <th>Код</th>
            <th>Наименование</th>
            <th>Цикл</th>
            <th>Часы и аттестация по семестрам</th>
            <th className="num">Журналов</th>
            {plan.canEdit && <th />}
          </tr>
        </thead>
        <tbody>
          {plan.items.map((line) => (
            <tr key={line.id}>
              <td style={{ paddingLeft: line.parentCode ? 24 : undefined }}>{line.code}</td>
              <td>{line.name}</td>
              <td>{line.cycle}</td>
              <td className="small">{semesterSummary(line)}</td>
              <td className="num">{line.journals}</td>
              {plan.canEdit && (
                <td className="nowrap">
                  <button type="button" className="plain small" onClick={() => setEditing(line)}>
                    Изменить
                  </button>{' '}
                  {line.journals === 0 && (
                    <button type="button" className="plain small" onClick={() => void remove(line)}>
                      Удалить
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
