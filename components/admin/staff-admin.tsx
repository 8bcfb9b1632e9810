'use client';

import { useState } from 'react';
import type { StaffMember } from '@/server/services/people/staff';
import { trpc } from '../trpc-client';
import { StaffForm } from './staff-form';
import { useAdminAction } from './use-admin-action';

/** The staff list with the administrator's actions: deactivate / reactivate, reset a password. */
export function StaffAdmin({
  staff,
  selfId,
  options,
  timeZone,
}: {
  staff: StaffMember[];
  selfId: number;
  timeZone: string;
  options: { departments: { id: number; name: string }[]; groups: { id: number; name: string }[] };
}) {
  const { run, messages } = useAdminAction();
  const [editing, setEditing] = useState<StaffMember | 'new' | null>(null);
  const time = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short', timeZone });

  return (
    <>
      {messages}
      {editing ? (
        <StaffForm
          key={editing === 'new' ? 'new' : editing.id}
          member={editing === 'new' ? null : editing}
          options={options}
          run={run}
          onDone={() => setEditing(null)}
        />
      ) : (
        <p>
          <button type="button" onClick={() => setEditing('new')}>
            Добавить сотрудника
          </button>
        </p>
      )}
      <table className="list" data-testid="staff">
        <thead>
          <tr>
            <th>Сотрудник</th>
            <th>Логин</th>
            <th>Должность</th>
            <th>Роли</th>
            <th>Последний вход</th>
            <th>Состояние</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id}>
              <td className="nowrap">{s.name}</td>
              <td>{s.login}</td>
              <td>{s.position ?? '—'}</td>
              <td>{s.roles.join(', ')}</td>
              <td>{s.lastSignInAt ? time.format(new Date(s.lastSignInAt)) : '—'}</td>
              <td>
                {s.isActive ? <span className="badge good">активен</span> : <span className="badge bad">отключён</span>}
              </td>
              <td className="nowrap">
                <button type="button" className="plain" onClick={() => setEditing(s)}>
                  Изменить
                </button>{' '}
                {s.id !== selfId && (
                  <>
                    <button
                      type="button"
                      className="plain"
                      onClick={() =>
                        void run(async () => {
                          await trpc.staff.setActive.mutate({ userId: s.id, active: !s.isActive });
                          return s.isActive
                            ? `${s.name}: учётная запись отключена, все сеансы завершены`
                            : `${s.name}: учётная запись включена`;
                        })
                      }
                    >
                      {s.isActive ? 'Отключить' : 'Включить'}
                    </button>{' '}
                    <button
                      type="button"
                      className="plain"
                      onClick={() =>
                        void run(async () => {
                          const r = await trpc.staff.resetPassword.mutate({ userId: s.id });
                          return `Новый одноразовый пароль для ${r.login}: ${r.password} — передайте его лично; при входе его нужно будет сменить.`;
                        })
                      }
                    >
                      Сбросить пароль
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
