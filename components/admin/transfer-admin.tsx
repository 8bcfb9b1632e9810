'use client';

import { useState, type FormEvent } from 'react';
import { formatDate } from '@/domain/dates';
import type { TransferPreview } from '@/server/services/transfer';
import { trpc } from '../trpc-client';
import { useAdminAction } from './use-admin-action';

type Year = { id: number; name: string; startsOn: string };

/**
 * Transfer from course to course: choose the year to move into and the order, see what will happen, untick groups
 * that stay, then do it. The server recomputes the same preview inside its transaction.
 */
export function TransferAdmin({ years }: { years: Year[] }) {
  const { run, messages } = useAdminAction();
  const [preview, setPreview] = useState<TransferPreview | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [form, setForm] = useState({ targetYearId: years.at(-1)?.id ?? 0, orderNo: '', orderDate: '' });
  const [previewError, setPreviewError] = useState<string | null>(null);

  async function showPreview(event: FormEvent) {
    event.preventDefault();
    setPreviewError(null);
    try {
      const p = await trpc.contingent.transferPreview.query({ targetYearId: form.targetYearId });
      setPreview(p);
      setChosen(new Set(p.rows.map((r) => r.groupId)));
    } catch (e) {
      setPreview(null);
      setPreviewError(e instanceof Error ? e.message : String(e));
    }
  }

  const rows = preview?.rows.filter((r) => chosen.has(r.groupId)) ?? [];
  const students = rows.reduce((sum, r) => sum + r.students, 0);

  function transfer() {
    if (!preview) return;
    if (!window.confirm(`Перевести ${rows.length} групп(ы), ${students} студентов, по приказу № ${form.orderNo} от ${formatDate(form.orderDate)}?`)) return;
    void run(async () => {
      const result = await trpc.contingent.transfer.mutate({ ...form, groupIds: [...chosen] });
      setPreview(null);
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
      <form className="panel" onSubmit={showPreview} data-testid="transfer-form">
        <div className="form-row">
          <label>
            Перевести в учебный год
            <select value={form.targetYearId} onChange={(e) => setForm({ ...form, targetYearId: Number(e.target.value) })}>
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
            <input type="date" value={form.orderDate} onChange={(e) => setForm({ ...form, orderDate: e.target.value })} />
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
                    <td>{r.action === 'graduate' ? <span className="badge">выпуск</span> : `${r.newName}, ${r.newCourse} курс`}</td>
                    <td className="num">{r.students}</td>
                    <td>{r.problem && <span className="badge bad">{r.problem}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.alreadyMoved.length > 0 && (
            <p className="muted small">
              Уже переведены: {preview.alreadyMoved.map((g) => `${g.name} (приказ № ${g.orderNo} от ${formatDate(g.orderDate)})`).join(', ')}
            </p>
          )}
          {rows.length > 0 && (
            <button type="button" onClick={transfer}>
              Перевести: групп {rows.length}, студентов {students}
            </button>
          )}
        </section>
      )}
    </>
  );
}
