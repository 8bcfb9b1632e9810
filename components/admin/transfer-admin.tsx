'use client';

import { useState, type FormEvent } from 'react';
import { GROUP_NAME_MAX, newGroupNameProblem } from '@/domain/course-transfer';
import { formatDate, isIsoDate } from '@/domain/dates';
import type { TransferPreview } from '@/server/services/contingent/transfer';
import { trpc } from '../trpc-client';
import { useAdminAction } from './use-admin-action';
import { countOf, NOUNS } from '@/domain/plural';

type Year = { id: number; name: string; startsOn: string };

/**
 * Transfer from course to course: choose the year to move into and the order, see what will happen, untick groups
 * that stay, correct the new names where the proposed ones are wrong, then do it. The server recomputes the same
 * preview, with the names given here, inside its transaction.
 */
export function TransferAdmin({ years }: { years: Year[] }) {
  const { run, messages } = useAdminAction();
  const [preview, setPreview] = useState<TransferPreview | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [form, setForm] = useState({ targetYearId: years.at(-1)?.id ?? 0, orderNo: '', orderDate: '' });
  const [previewError, setPreviewError] = useState<string | null>(null);
  /** The administrator's names for the next course, by group; only those that differ from the proposed ones are sent. */
  const [names, setNames] = useState<Map<number, string>>(new Map());

  const newNames = (only?: Set<number>) =>
    (preview?.rows ?? [])
      .filter(
        (r) =>
          r.action === 'transfer' &&
          names.has(r.groupId) &&
          names.get(r.groupId)!.trim() !== r.proposedName &&
          (!only || only.has(r.groupId)),
      )
      .map((r) => ({ groupId: r.groupId, name: names.get(r.groupId)! }));

  async function showPreview(event: FormEvent) {
    event.preventDefault();
    setPreviewError(null);
    try {
      // Shown again for the same year, the preview checks the names given so far.
      const given = preview && preview.toYear.id === form.targetYearId ? newNames() : [];
      const p = await trpc.contingent.transferPreview.query({ targetYearId: form.targetYearId, newNames: given });
      setNames(new Map(given.map((n) => [n.groupId, n.name])));
      setPreview(p);
      setChosen(new Set(p.rows.map((r) => r.groupId)));
    } catch (e) {
      setPreview(null);
      setPreviewError(e instanceof Error ? e.message : String(e));
    }
  }

  const rows = preview?.rows.filter((r) => chosen.has(r.groupId)) ?? [];
  const students = rows.reduce((sum, r) => sum + r.students, 0);
  const nameProblem = (r: TransferPreview['rows'][number]) =>
    names.has(r.groupId) ? newGroupNameProblem(names.get(r.groupId)!, r.name) : null;
  const namesInvalid = rows.some((r) => r.action === 'transfer' && nameProblem(r));

  function transfer() {
    if (!preview) return;
    // The order is checked before the question that quotes it (the server checks it again, with the same words).
    const missing = [
      !form.orderNo.trim() && 'Номер приказа: заполните',
      !isIsoDate(form.orderDate) && 'Дата приказа: ожидается дата',
    ].filter(Boolean);
    if (missing.length > 0) {
      void run(() => Promise.reject(new Error(missing.join('; '))));
      return;
    }
    if (
      !window.confirm(
        `Перевести ${countOf(rows.length, NOUNS.group)}, ${countOf(students, NOUNS.student)}, по приказу № ${form.orderNo} от ${formatDate(form.orderDate)}?`,
      )
    )
      return;
    void run(async () => {
      const result = await trpc.contingent.transfer.mutate({
        ...form,
        groupIds: [...chosen],
        newNames: newNames(chosen),
      });
      setPreview(null);
      setNames(new Map());
      return `Переведено групп: ${result.transferred}, выпущено: ${result.graduated}; студентов: ${result.students}`;
    });
  }

  if (years.length === 0) return <p className="muted">Сначала откройте учебный год, в который переводить.</p>;
  return (
    <>
      {messages}
      {previewError && (
        <div className="error" role="alert">
          {previewError}
        </div>
      )}
      <form method="post" className="panel" onSubmit={(e) => void showPreview(e)} data-testid="transfer-form">
        <div className="form-row">
          <label>
            Перевести в учебный год
            <select
              value={form.targetYearId}
              onChange={(e) => {
                setForm({ ...form, targetYearId: Number(e.target.value) });
                setNames(new Map());
              }}
            >
              {years.map((y) => (
                <option key={y.id} value={y.id}>
                  {y.name} (с {formatDate(y.startsOn)})
                </option>
              ))}
            </select>
          </label>
          <label>
            Приказ №
            <input type="text" value={form.orderNo} onChange={(e) => setForm({ ...form, orderNo: e.target.value })} />
          </label>
          <label>
            от
            <input
              type="date"
              value={form.orderDate}
              onChange={(e) => setForm({ ...form, orderDate: e.target.value })}
            />
          </label>
        </div>
        <button type="submit">Показать, что будет</button>
      </form>
      {preview && (
        <section className="panel" data-testid="transfer-preview">
          <h2>
            Из {preview.fromYear.name} в {preview.toYear.name}, с {formatDate(preview.effectiveOn)}
          </h2>
          {preview.rows.length === 0 ? (
            <p className="muted">Все группы уже переведены в этот учебный год.</p>
          ) : (
            <table className="list">
              <thead>
                <tr>
                  <th />
                  <th>Группа</th>
                  <th>Специальность</th>
                  <th>Курс</th>
                  <th>Курс в названии</th>
                  <th>Станет</th>
                  <th className="num">Студентов</th>
                  <th>Замечание</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.groupId}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Переводить ${r.name}`}
                        checked={chosen.has(r.groupId)}
                        onChange={(e) => {
                          const next = new Set(chosen);
                          if (e.target.checked) next.add(r.groupId);
                          else next.delete(r.groupId);
                          setChosen(next);
                        }}
                      />
                    </td>
                    <td>{r.name}</td>
                    <td className="small">{r.specialty}</td>
                    <td>{r.course}</td>
                    <td className="small">
                      {r.naming && (
                        <>
                          {r.naming.carriesCourse ? 'да' : 'нет'}
                          {r.naming.guess && <span className="badge warn">предположение</span>}
                          <br />
                          <span className="muted">{r.naming.why}</span>
                        </>
                      )}
                    </td>
                    <td>
                      {r.action === 'graduate' ? (
                        <span className="badge">выпуск</span>
                      ) : (
                        <>
                          <input
                            type="text"
                            size={10}
                            style={{ width: '8em' }}
                            maxLength={GROUP_NAME_MAX}
                            aria-label={`Новое название ${r.name}`}
                            aria-invalid={nameProblem(r) ? true : undefined}
                            value={names.get(r.groupId) ?? r.newName ?? ''}
                            onChange={(e) => setNames(new Map(names).set(r.groupId, e.target.value))}
                          />
                          <span style={{ whiteSpace: 'nowrap' }}>, {r.newCourse} курс</span>
                          {(names.get(r.groupId) ?? r.newName ?? '').trim() !== r.proposedName && (
                            <>
                              {' '}
                              <button
                                type="button"
                                className="plain small"
                                onClick={() => setNames(new Map(names).set(r.groupId, r.proposedName!))}
                              >
                                вернуть {r.proposedName}
                              </button>
                            </>
                          )}
                          {nameProblem(r) && (
                            <>
                              <br />
                              <span className="badge bad">{nameProblem(r)}</span>
                            </>
                          )}
                        </>
                      )}
                    </td>
                    <td className="num">{r.students}</td>
                    <td>{r.problem && <span className="badge bad">{r.problem}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.alreadyMoved.length > 0 && (
            <p className="muted small">
              Уже переведены:{' '}
              {preview.alreadyMoved
                .map((g) => `${g.name} (приказ № ${g.orderNo} от ${formatDate(g.orderDate)})`)
                .join(', ')}
            </p>
          )}
          {rows.some((r) => r.action === 'transfer') && (
            <p className="muted small">
              Новые названия можно исправить в таблице; нажмите «Показать, что будет», чтобы проверить их, или
              переводите сразу: сервер проверит их так же.
            </p>
          )}
          {rows.length > 0 && (
            <button type="button" onClick={transfer} disabled={namesInvalid}>
              Перевести: групп {rows.length}, студентов {students}
            </button>
          )}
        </section>
      )}
    </>
  );
}
