'use client';

import { type FormEvent } from 'react';
import { trpc } from '../trpc-client';
import { TimeZoneSelect } from './time-zone-select';
import { useAdminAction } from './use-admin-action';
import { formText } from '../form-data';

type Institution = Awaited<ReturnType<typeof trpc.institutions.list.query>>[number];

/** The region's colleges with aggregate figures; a new college with its first administrator. */
export function InstitutionsAdmin({ institutions }: { institutions: Institution[] }) {
  const { run, messages } = useAdminAction();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const get = (k: string) => formText(f, k);
    void run(async () => {
      const r = await trpc.institutions.create.mutate({
        fullName: get('fullName'),
        shortName: get('shortName'),
        city: get('city') || undefined,
        timeZone: get('timeZone'),
        admin: {
          lastName: get('lastName'),
          firstName: get('firstName'),
          middleName: get('middleName') || undefined,
          login: get('login'),
        },
      });
      form.reset();
      return `Колледж создан. Администратор: логин ${r.login}, одноразовый пароль ${r.password} — передайте лично; при первом входе его нужно сменить.`;
    });
  }
  return (
    <>
      {messages}
      <table className="list" data-testid="institutions">
        <thead>
          <tr>
            <th>Колледж</th>
            <th>Город</th>
            <th className="num">Групп</th>
            <th className="num">Студентов</th>
            <th>Часовой пояс</th>
            <th>Администраторы</th>
          </tr>
        </thead>
        <tbody>
          {institutions.map((i) => (
            <tr key={i.id}>
              <td>
                {i.shortName}
                <div className="muted small">{i.fullName}</div>
              </td>
              <td>{i.city ?? '—'}</td>
              <td className="num">{i.groups}</td>
              <td className="num">{i.students}</td>
              <td>
                <TimeZoneSelect
                  label={`Часовой пояс: ${i.shortName}`}
                  hideLabel
                  value={i.timeZone}
                  onChange={(timeZone) =>
                    void run(
                      async () => (
                        await trpc.institutions.setTimeZone.mutate({ institutionId: i.id, timeZone }),
                        `${i.shortName}: часовой пояс сохранён`
                      ),
                    )
                  }
                />
              </td>
              <td>{i.admins.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" className="panel" onSubmit={submit} data-testid="institution-form">
        <h2>Новый колледж</h2>
        <div className="form-row">
          <label>
            Полное название
            <input type="text" name="fullName" />
          </label>
          <label>
            Краткое название
            <input type="text" name="shortName" />
          </label>
          <label>
            Город
            <input type="text" name="city" />
          </label>
          <TimeZoneSelect value="Europe/Moscow" />
        </div>
        <h3>Первый администратор</h3>
        <div className="form-row">
          <label>
            Фамилия
            <input type="text" name="lastName" />
          </label>
          <label>
            Имя
            <input type="text" name="firstName" />
          </label>
          <label>
            Отчество
            <input type="text" name="middleName" />
          </label>
          <label>
            Логин
            <input type="text" name="login" />
          </label>
        </div>
        <button type="submit">Создать колледж</button>
      </form>
    </>
  );
}
