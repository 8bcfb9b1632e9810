'use client';

import { useState } from 'react';
import type { StaffMember } from '@/server/services/people/staff';
import { trpc } from '../trpc-client';
import { StaffForm } from './staff-form';
import { useAdminAction } from './use-admin-action';
import { DataTable, type DataColumn } from '../data-table';

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

  const columns: DataColumn<StaffMember>[] = [
    { id: 'name', header: 'Сотрудник', value: (s) => s.name, className: 'nowrap' },
    { id: 'login', header: 'Логин', value: (s) => s.login },
    { id: 'position', header: 'Должность', value: (s) => s.position },
    { id: 'roles', header: 'Роли', value: (s) => s.roles.join(', ') },
    {
      id: 'lastSignIn',
      header: 'Последний вход',
      value: (s) => (s.lastSignInAt ? new Date(s.lastSignInAt).getTime() : null),
      cell: (s) => (s.lastSignInAt ? time.format(new Date(s.lastSignInAt)) : '—'),
    },
    {
      id: 'state',
      header: 'Состояние',
      value: (s) => (s.isActive ? 'активен' : 'отключён'),
      cell: (s) =>
        s.isActive ? <span className="badge good">активен</span> : <span className="badge bad">отключён</span>,
    },
    {
      id: 'actions',
      header: 'Действия',
      sortable: false,
      className: 'nowrap',
      value: () => null,
      cell: (s) => (
        <>
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
        </>
      ),
    },
  ];

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
      <DataTable
        rows={staff}
        columns={columns}
        rowKey={(s) => s.id}
        search="Поиск по имени, логину, должности, роли"
        testId="staff"
      />
    </>
  );
}
