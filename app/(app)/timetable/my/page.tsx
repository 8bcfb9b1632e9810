import Link from 'next/link';
import { RefusalNotice } from '@/components/refusal-notice';
import { addDays, formatDate, formatDayMonth, isIsoDate } from '@/domain/dates';
import { parseId } from '@/domain/ids';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';
import { CalendarFeed } from '@/components/timetable/calendar-feed';
import { createCalendarFeedAction, revokeCalendarFeedAction } from './actions';

/** One's own week of the published timetable, day by day (a phone's width): issue #11, item 4. */
export default async function MyTimetablePage({
  searchParams,
}: {
  searchParams: Promise<{ date?: string; student?: string }>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'timetable.own'))
    return <RefusalNotice refusal="Своё расписание есть у преподавателей, студентов и родителей." />;
  const params = await searchParams;
  const studentId = params.student === undefined ? undefined : parseId(params.student);
  if (studentId === null || (params.date !== undefined && !isIsoDate(params.date)))
    return <RefusalNotice refusal="Неверная дата или студент." />;
  const result = await pageQuery((trpc) => trpc.timetable.myWeek({ date: params.date, studentId }));
  if (!result.ok)
    return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к расписанию этого студента." />;
  const week = result.data;
  const link = (date: string, student = week.studentId) =>
    `/timetable/my?date=${date}${student === null ? '' : `&student=${student}`}`;
  return (
    <>
      <h1>Расписание: {week.title}</h1>
      {week.students.length > 1 && (
        <nav className="toolbar" aria-label="Дети">
          {week.students.map((s) =>
            s.id === week.studentId ? (
              <strong key={s.id}>{s.name}</strong>
            ) : (
              <Link key={s.id} href={link(week.monday, s.id)}>
                {s.name}
              </Link>
            ),
          )}
        </nav>
      )}
      <nav className="toolbar" aria-label="Недели">
        <Link href={link(addDays(week.monday, -7))}>← неделя</Link>
        <strong>
          {formatDate(week.monday)}–{formatDate(addDays(week.monday, 5))}
        </strong>
        <Link href={link(addDays(week.monday, 7))}>неделя →</Link>
      </nav>
      <div className="my-week">
        {week.days.map((d) => (
          <section key={d.date} className="panel my-day" aria-labelledby={`day-${d.date}`}>
            <h2 id={`day-${d.date}`}>
              {d.name}, {formatDayMonth(d.date)}
            </h2>
            {d.off ? (
              <p className="muted">{d.off}: занятий нет</p>
            ) : d.lessons.length === 0 ? (
              <p className="muted">Занятий нет</p>
            ) : (
              <ol className="my-lessons">
                {d.lessons.map((l) => (
                  <li key={l.key} className={l.status} data-testid={`my-${l.key}`}>
                    <span className="pair">
                      {l.pairNo}
                      {l.startsAt && (
                        <span className="muted small">
                          {' '}
                          {l.startsAt}–{l.endsAt}
                        </span>
                      )}
                    </span>
                    <strong className="subject">{l.subject}</strong>
                    <span className="small">
                      {l.with}
                      {l.room ? ` · ауд. ${l.room}` : ''}
                    </span>
                    {l.note && <span className={l.status === 'planned' ? 'badge warn' : 'badge bad'}>{l.note}</span>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        ))}
      </div>
      <CalendarFeed active={week.feed} create={createCalendarFeedAction} revoke={revokeCalendarFeedAction} />
    </>
  );
}
