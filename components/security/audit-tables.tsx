'use client';

import { DataTable, type DataColumn } from '../data-table';

/** One sign-in attempt as the «Журнал входов» shows it (`at` as ISO 8601). */
export interface SignInRow {
  at: string;
  login: string;
  success: boolean;
  reason: string | null;
  ip: string | null;
}

/** One view of a student's card as «Доступ к ПДн» shows it (`at` as ISO 8601). */
export interface CardViewRow {
  at: string;
  viewer: string;
  login: string;
  student: string;
}

const REASONS: Record<string, string> = {
  bad_password: 'неверный пароль',
  unknown_login: 'неизвестный логин',
  inactive: 'учётная запись отключена',
  locked: 'заблокирован после неудачных попыток',
};

function timeFormat(timeZone: string) {
  return new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'medium', timeZone });
}

/** Sign-in attempts of the college's accounts, newest first; sortable, with a search by login, result or address. */
export function SignInsTable({ events, timeZone }: { events: SignInRow[]; timeZone: string }) {
  const time = timeFormat(timeZone);
  const columns: DataColumn<SignInRow>[] = [
    { id: 'at', header: 'Время', value: (e) => e.at, cell: (e) => time.format(new Date(e.at)) },
    { id: 'login', header: 'Логин', value: (e) => e.login },
    {
      id: 'result',
      header: 'Результат',
      value: (e) => (e.success ? 'вход' : `отказ: ${REASONS[e.reason ?? ''] ?? e.reason}`),
      cell: (e) =>
        e.success ? (
          <span className="badge good">вход</span>
        ) : (
          <span className="badge bad">отказ: {REASONS[e.reason ?? ''] ?? e.reason}</span>
        ),
    },
    { id: 'ip', header: 'IP-адрес', value: (e) => e.ip },
  ];
  return (
    <DataTable
      rows={events}
      columns={columns}
      search="Поиск по логину, результату, адресу"
      testId="sign-ins"
      empty="Входов не было."
    />
  );
}

/** Who opened which student's card and when (152-ФЗ), newest first; sortable, with a search by either name. */
export function CardViewsTable({ views, timeZone }: { views: CardViewRow[]; timeZone: string }) {
  const time = timeFormat(timeZone);
  const columns: DataColumn<CardViewRow>[] = [
    { id: 'at', header: 'Время', value: (v) => v.at, cell: (v) => time.format(new Date(v.at)) },
    {
      id: 'viewer',
      header: 'Кто',
      value: (v) => `${v.viewer} (${v.login})`,
      cell: (v) => (
        <>
          {v.viewer} <span className="muted small">({v.login})</span>
        </>
      ),
    },
    { id: 'student', header: 'Чью карточку', value: (v) => v.student },
  ];
  return (
    <DataTable
      rows={views}
      columns={columns}
      search="Поиск по сотруднику или студенту"
      testId="card-views"
      empty="Карточки ещё не открывали."
    />
  );
}
