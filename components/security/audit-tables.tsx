'use client';

import { DataTable, type DataColumn } from '../data-table';

/** One sign-in attempt, sign-out or end of sessions as the «Журнал входов» shows it (`at` as ISO 8601). */
export interface SignInRow {
  at: string;
  login: string;
  /** sign_in | sign_out | sessions_ended (db/schema/security.ts). */
  event: string;
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

/** Why every session of an account ended (server/auth/sessions.ts SessionEndReason). */
const SESSIONS_ENDED: Record<string, string> = {
  password_change: 'смена пароля владельцем',
  password_reset: 'сброс пароля',
  deactivated: 'учётная запись отключена',
};

/** The «Результат» of a row: its text and whether it is good news. */
function resultOf(e: SignInRow): { text: string; tone: 'good' | 'bad' | 'neutral' } {
  if (e.event === 'sign_out') return { text: 'выход', tone: 'neutral' };
  if (e.event === 'sessions_ended')
    return { text: `сеансы завершены: ${SESSIONS_ENDED[e.reason ?? ''] ?? e.reason}`, tone: 'neutral' };
  if (e.success) return { text: 'вход', tone: 'good' };
  return { text: `отказ: ${REASONS[e.reason ?? ''] ?? e.reason}`, tone: 'bad' };
}

function timeFormat(timeZone: string) {
  return new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'medium', timeZone });
}

/** Sign-in attempts, sign-outs and ended sessions of the college's accounts, newest first; sortable, with a search by login, result or address. */
export function SignInsTable({ events, timeZone }: { events: SignInRow[]; timeZone: string }) {
  const time = timeFormat(timeZone);
  const columns: DataColumn<SignInRow>[] = [
    { id: 'at', header: 'Время', value: (e) => e.at, cell: (e) => time.format(new Date(e.at)) },
    { id: 'login', header: 'Логин', value: (e) => e.login },
    {
      id: 'result',
      header: 'Результат',
      value: (e) => resultOf(e).text,
      cell: (e) => {
        const { text, tone } = resultOf(e);
        return <span className={tone === 'neutral' ? 'badge' : `badge ${tone}`}>{text}</span>;
      },
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
