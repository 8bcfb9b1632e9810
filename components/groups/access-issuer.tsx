'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { AccessSlip, GroupAccess } from '@/server/services/people/family-access';
import { trpc } from '../trpc-client';

const key = (kind: string, id: number) => `${kind}:${id}`;

/**
 * The curator's access screen: tick students and parents, issue logins with one-time passwords, print the slips.
 * The passwords are shown once, on this screen and on the slips; the server keeps only their hashes.
 */
export function AccessIssuer({ access }: { access: GroupAccess }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [slips, setSlips] = useState<AccessSlip[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (k: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(k);
    else next.delete(k);
    setChosen(next);
  };
  const withoutLogin = () =>
    new Set(
      access.students.flatMap((s) => [s, ...s.guardians].filter((p) => p.login === null).map((p) => key(p.kind, p.id))),
    );

  async function issue() {
    setError(null);
    setBusy(true);
    try {
      const people = [...chosen].map((k) => {
        const [kind, id] = k.split(':');
        return { kind: kind as 'student' | 'guardian', id: Number(id) };
      });
      setSlips(await trpc.access.issue.mutate({ groupId: access.group.id, people }));
      setChosen(new Set());
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function downloadSlips() {
    if (!slips) return;
    setError(null);
    const response = await fetch('/api/reports/access-slips', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        groupId: access.group.id,
        slips: slips.map((s) => ({ kind: s.kind, id: s.personId, password: s.password })),
      }),
    });
    if (!response.ok) {
      setError(
        ((await response.json().catch(() => null)) as { error?: string } | null)?.error ?? `Ошибка ${response.status}`,
      );
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `Листки доступа ${access.group.name}.pdf`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const status = (p: { login: string | null; pending: boolean }) =>
    p.login === null ? (
      <span className="muted">нет доступа</span>
    ) : p.pending ? (
      <span className="badge warn">{p.login}, пароль не сменён</span>
    ) : (
      <span className="badge good">{p.login}</span>
    );

  return (
    <>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {slips && (
        <section className="panel" data-testid="issued-slips">
          <h2>Выданы доступы: {slips.length}</h2>
          <p className="muted">
            Пароли показаны один раз. Распечатайте листки и раздайте лично; при первом входе пароль нужно сменить.
          </p>
          <table className="list">
            <thead>
              <tr>
                <th>ФИО</th>
                <th>Кто</th>
                <th>Логин</th>
                <th>Временный пароль</th>
              </tr>
            </thead>
            <tbody>
              {slips.map((s) => (
                <tr key={key(s.kind, s.personId)}>
                  <td>{s.fullName}</td>
                  <td className="small">{s.whom}</td>
                  <td data-testid="slip-login">{s.login}</td>
                  <td data-testid="slip-password">
                    <code>{s.password}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="button" onClick={() => void downloadSlips()}>
              Скачать листки (PDF)
            </button>
          </p>
        </section>
      )}
      <div className="toolbar">
        <button type="button" className="plain" onClick={() => setChosen(withoutLogin())}>
          Отметить всех без доступа
        </button>
        <button type="button" className="plain" onClick={() => setChosen(new Set())}>
          Снять отметки
        </button>
        <button type="button" disabled={chosen.size === 0 || busy} onClick={() => void issue()}>
          Выдать доступ отмеченным ({chosen.size})
        </button>
      </div>
      <table className="list" data-testid="access-list">
        <thead>
          <tr>
            <th>Студент</th>
            <th>Доступ студента</th>
            <th>Родители</th>
          </tr>
        </thead>
        <tbody>
          {access.students.map((s) => (
            <tr key={s.id}>
              <td>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.has(key('student', s.id))}
                    onChange={(e) => toggle(key('student', s.id), e.target.checked)}
                  />{' '}
                  {s.name}
                </label>
              </td>
              <td>{status(s)}</td>
              <td>
                {s.guardians.length === 0 && <span className="muted">не указаны</span>}
                {s.guardians.map((g) => (
                  <div key={g.id}>
                    <label>
                      <input
                        type="checkbox"
                        checked={chosen.has(key('guardian', g.id))}
                        onChange={(e) => toggle(key('guardian', g.id), e.target.checked)}
                      />{' '}
                      {g.name} ({g.relation})
                    </label>{' '}
                    {status(g)}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
