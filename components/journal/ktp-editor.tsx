'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { checkKtp, ktpDifference, ktpTotals, topicNumbers, type KtpRow } from '@/domain/ktp';
import { LESSON_KINDS } from '@/domain/lesson-kinds';
import { countOf, NOUNS } from '@/domain/plural';
import type { Ktp } from '@/server/services/journal/ktp';
import { fileAsBase64 } from '../files/base64';
import { trpc } from '../trpc-client';

/**
 * The КТП on screen: sections and topics in order, hours and kind; the total against the plan as you type; save,
 * import the XLSX template, copy from another group's journal of the same item, print. Read-only for readers.
 */
export function KtpEditor({ ktp }: { ktp: Ktp }) {
  const router = useRouter();
  const a = ktp.assignment;
  const [rows, setRows] = useState<KtpRow[]>(ktp.rows);
  const [approvedBy, setApprovedBy] = useState(ktp.approvedBy ?? '');
  const [reviewedAt, setReviewedAt] = useState(ktp.reviewedAt ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [source, setSource] = useState('');
  // A new version from the server (saved, imported, copied) replaces what is on screen; the message stays.
  const [shown, setShown] = useState(ktp.version);
  if (shown !== ktp.version) {
    setShown(ktp.version);
    setRows(ktp.rows);
    setApprovedBy(ktp.approvedBy ?? '');
    setReviewedAt(ktp.reviewedAt ?? '');
  }
  const readOnly = !ktp.canEdit;
  const totals = ktpTotals(rows);
  const difference = ktpDifference(totals.hours, a.plannedHours);
  const numbers = topicNumbers(rows);
  const problems = checkKtp(rows);

  const change = (i: number, patch: Partial<KtpRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row!);
    setRows(next);
  };
  async function run(action: () => Promise<unknown>, done: string) {
    setPending(true);
    setError(null);
    setMessage(null);
    try {
      await action();
      setMessage(done);
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <h1>
        КТП: {a.itemCode} {a.itemName}
      </h1>
      <p className="muted">
        Группа {a.groupName}
        {a.subgroupName ? ` (${a.subgroupName})` : ''} · {a.termName} · преподаватель {a.teacherName} · по плану{' '}
        {a.plannedHours} ч
      </p>
      <nav className="toolbar" aria-label="КТП">
        <Link href={`/journals/${a.id}`}>← Журнал</Link>
        <a href={`/api/reports/ktp/${a.id}?format=pdf`}>Печать (PDF)</a>
        <a href={`/api/reports/ktp/${a.id}?format=xlsx`}>Скачать XLSX (шаблон)</a>
      </nav>
      <p className={difference ? 'notice' : 'muted'} data-testid="ktp-total" role="status">
        Всего {totals.hours} ч{difference ? ` — ${difference}` : ' — совпадает с планом'}
        {LESSON_KINDS.filter((k) => totals.byKind[k.code])
          .map((k) => `; ${k.short} ${totals.byKind[k.code]}`)
          .join('')}
      </p>
      {!readOnly && (
        <div className="form-row">
          <label>
            Утверждаю (должность, ФИО)
            <input value={approvedBy} onChange={(e) => setApprovedBy(e.target.value)} maxLength={200} />
          </label>
          <label>
            Рассмотрено (заседание, протокол)
            <input value={reviewedAt} onChange={(e) => setReviewedAt(e.target.value)} maxLength={300} />
          </label>
        </div>
      )}
      <table className="ktp" aria-label="Темы КТП">
        <thead>
          <tr>
            <th scope="col">№</th>
            <th scope="col">Раздел / тема</th>
            <th scope="col">Часы</th>
            <th scope="col">Вид занятия</th>
            {!readOnly && <th scope="col">Действия</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={r.section ? 'ktp-section' : undefined}>
              <td className="num">{numbers[i] ?? ''}</td>
              <td>
                {readOnly ? (
                  r.title
                ) : (
                  <input
                    aria-label={`Строка ${i + 1}: ${r.section ? 'раздел' : 'тема'}`}
                    value={r.title}
                    onChange={(e) => change(i, { title: e.target.value })}
                    maxLength={300}
                  />
                )}
              </td>
              <td className="num">
                {r.section ? (
                  ''
                ) : readOnly ? (
                  r.hours
                ) : (
                  <input
                    type="number"
                    aria-label={`Строка ${i + 1}: часы`}
                    min={1}
                    max={40}
                    value={r.hours || ''}
                    onChange={(e) => change(i, { hours: Number(e.target.value) })}
                  />
                )}
              </td>
              <td>
                {r.section ? (
                  ''
                ) : readOnly ? (
                  (LESSON_KINDS.find((k) => k.code === r.kind)?.label ?? '')
                ) : (
                  <select
                    aria-label={`Строка ${i + 1}: вид занятия`}
                    value={r.kind ?? ''}
                    onChange={(e) => change(i, { kind: e.target.value || null })}
                  >
                    <option value="">—</option>
                    {LESSON_KINDS.map((k) => (
                      <option key={k.code} value={k.code}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                )}
              </td>
              {!readOnly && (
                <td className="nowrap">
                  <button
                    type="button"
                    className="plain"
                    aria-label={`Строка ${i + 1} выше`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="plain"
                    aria-label={`Строка ${i + 1} ниже`}
                    disabled={i === rows.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="plain"
                    aria-label={`Удалить строку ${i + 1}`}
                    onClick={() => setRows(rows.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">КТП пока нет.</p>}
      {!readOnly && (
        <>
          <div className="toolbar">
            <button
              type="button"
              className="plain"
              onClick={() => setRows([...rows, { section: false, title: '', hours: 2, kind: 'lecture' }])}
            >
              + тема
            </button>
            <button
              type="button"
              className="plain"
              onClick={() => setRows([...rows, { section: true, title: '', hours: 0, kind: null }])}
            >
              + раздел
            </button>
            <button
              type="button"
              disabled={pending || problems.length > 0}
              onClick={() =>
                void run(
                  () =>
                    trpc.journal.saveKtp.mutate({
                      assignmentId: a.id,
                      version: ktp.version,
                      rows,
                      approvedBy: approvedBy || null,
                      reviewedAt: reviewedAt || null,
                    }),
                  `КТП сохранена: ${countOf(rows.filter((r) => !r.section).length, NOUNS.topic)}`,
                )
              }
            >
              Сохранить
            </button>
          </div>
          {problems.length > 0 && (
            <ul className="error small">
              {problems.slice(0, 10).map((p) => (
                <li key={p.row + p.message}>{p.message}</li>
              ))}
            </ul>
          )}
          <div className="toolbar">
            <label>
              Загрузить из XLSX{' '}
              <input
                type="file"
                accept=".xlsx"
                disabled={pending}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (!file) return;
                  void run(
                    async () =>
                      trpc.journal.importKtp.mutate({
                        assignmentId: a.id,
                        version: ktp.version,
                        file: await fileAsBase64(file),
                      }),
                    `КТП загружена из «${file.name}»`,
                  );
                }}
              />
            </label>
            {ktp.sources.length > 0 && (
              <>
                <label>
                  Копировать из журнала{' '}
                  <select value={source} onChange={(e) => setSource(e.target.value)}>
                    <option value="">выберите группу</option>
                    {ktp.sources.map((s) => (
                      <option key={s.assignmentId} value={s.assignmentId}>
                        {s.label} — {countOf(s.topics, NOUNS.topic)}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  className="plain"
                  disabled={!source || pending}
                  onClick={() =>
                    void run(
                      () =>
                        trpc.journal.copyKtp.mutate({
                          assignmentId: a.id,
                          version: ktp.version,
                          fromAssignmentId: Number(source),
                        }),
                      'КТП скопирована',
                    )
                  }
                >
                  Копировать
                </button>
              </>
            )}
          </div>
        </>
      )}
      {message && (
        <div className="notice" role="status">
          {message}
        </div>
      )}
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </>
  );
}
