'use client';

import { type FormEvent } from 'react';
import type { StaffMember } from '@/server/services/people/staff';
import { trpc } from '../trpc-client';
import { formText } from '../form-data';

type Options = { departments: { id: number; name: string }[]; groups: { id: number; name: string }[] };
type StaffRole = 'admin' | 'head' | 'methodist' | 'curator' | 'teacher' | 'inspector';
const PLAIN_ROLES: { role: StaffRole; label: string }[] = [
  { role: 'teacher', label: 'Преподаватель' },
  { role: 'methodist', label: 'Методист' },
  { role: 'inspector', label: 'Инспектор' },
  { role: 'admin', label: 'Администратор' },
];

/** Add a staff member or edit one: name, position, roles with scopes (a head's department, a curator's group). */
export function StaffForm({
  member,
  options,
  run,
  onDone,
}: {
  member: StaffMember | null;
  options: Options;
  run: (action: () => Promise<string>) => Promise<void>;
  onDone: () => void;
}) {
  const has = (role: StaffRole) => member?.grants.some((g) => g.role === role) ?? false;
  const headOf = member?.grants.find((g) => g.role === 'head')?.departmentId ?? '';
  const curatorOf = member?.grants.find((g) => g.role === 'curator')?.groupId ?? '';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const get = (k: string) => formText(f, k);
    const roles: { role: StaffRole; departmentId?: number; groupId?: number }[] = PLAIN_ROLES.filter((r) =>
      f.get(`role-${r.role}`),
    ).map((r) => ({ role: r.role }));
    if (get('head')) roles.push({ role: 'head', departmentId: Number(get('head')) });
    if (get('curator')) roles.push({ role: 'curator', groupId: Number(get('curator')) });
    const person = {
      lastName: get('lastName'),
      firstName: get('firstName'),
      middleName: get('middleName') || undefined,
      position: get('position') || undefined,
      roles,
    };
    void run(async () => {
      if (member) {
        await trpc.staff.update.mutate({ userId: member.id, ...person });
        onDone();
        return `${person.lastName} ${person.firstName}: изменения сохранены`;
      }
      const created = await trpc.staff.create.mutate({ ...person, login: get('login') || undefined });
      onDone();
      return `Сотрудник добавлен. Логин: ${created.login}, одноразовый пароль: ${created.password} — передайте лично; при первом входе его нужно сменить.`;
    });
  }

  return (
    <form method="post" className="panel" onSubmit={submit} data-testid="staff-form">
      <h2>{member ? `Изменить: ${member.name}` : 'Новый сотрудник'}</h2>
      <div className="form-row">
        <label>
          Фамилия
          <input type="text" name="lastName" defaultValue={member?.person.lastName} />
        </label>
        <label>
          Имя
          <input type="text" name="firstName" defaultValue={member?.person.firstName} />
        </label>
        <label>
          Отчество
          <input type="text" name="middleName" defaultValue={member?.person.middleName ?? ''} />
        </label>
        <label>
          Должность
          <input type="text" name="position" defaultValue={member?.position ?? ''} />
        </label>
        {!member && (
          <label>
            Логин (пусто — по ФИО)
            <input type="text" name="login" />
          </label>
        )}
      </div>
      <div className="form-row">
        {PLAIN_ROLES.map((r) => (
          <label key={r.role}>
            <input type="checkbox" name={`role-${r.role}`} defaultChecked={has(r.role)} /> {r.label}
          </label>
        ))}
        <label>
          Заведующий отделением
          <select name="head" defaultValue={headOf}>
            <option value="">—</option>
            {options.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Куратор группы
          <select name="curator" defaultValue={curatorOf}>
            <option value="">—</option>
            {options.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="toolbar">
        <button type="submit">{member ? 'Сохранить' : 'Добавить'}</button>
        <button type="button" className="plain" onClick={onDone}>
          Отмена
        </button>
      </div>
    </form>
  );
}
