import Link from 'next/link';
import { RefusalNotice } from '@/components/refusal-notice';
import { GenerateLessonsPanel } from '@/components/timetable/generate-lessons';
import { GroupPicker } from '@/components/timetable/group-picker';
import { ExtraLessonForm, LessonChanges, PublishPanel } from '@/components/timetable/lesson-change-forms';
import { addDays, formatDate, formatDayMonth, isIsoDate } from '@/domain/dates';
import { parseId } from '@/domain/ids';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';
import { changeTimetableAction, publishTimetableAction } from './actions';

/** The week of real dates for a group: the template with its dated changes; changes made here (issue #11, item 2). */
export default async function TimetableWeekPage({
  searchParams,
}: {
  searchParams: Promise<{ group?: string; date?: string }>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'timetable.place'))
    return <RefusalNotice refusal="Недостаточно прав: расписание ставят методист и заведующий отделением." />;
  const params = await searchParams;
  const groupId = params.group === undefined ? undefined : parseId(params.group);
  if (groupId === null || (params.date !== undefined && !isIsoDate(params.date)))
    return <RefusalNotice refusal="Неверная группа или дата." />;
  const result = await pageQuery((trpc) => trpc.timetable.groupDates({ groupId, date: params.date }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к этой группе." />;
  const week = result.data;
  const pending = can(actor, 'timetable.publish') ? await pageQuery((trpc) => trpc.timetable.pending()) : null;
  // What publishing from the coming Monday would make, shown before anything is made (issue #26, item 5).
  const preview =
    pending?.ok && pending.data.length > 0 ? await pageQuery((trpc) => trpc.timetable.publishPreview({})) : null;
  const maxPairs = Math.max(0, ...week.days.map((d) => d.pairs.length));
  const choices = {
    rooms: week.rooms,
    substitutes: week.substitutes,
    pairs: Array.from({ length: maxPairs }, (_, i) => i + 1),
  };
  const link = (date: string) => `/timetable/week?date=${date}${week.group ? `&group=${week.group.id}` : ''}`;
  return (
    <>
      <h1>Расписание на даты{week.group ? `: ${week.group.name}` : ''}</h1>
      <nav className="toolbar" aria-label="Недели">
        <Link href={link(addDays(week.monday, -7))}>← предыдущая неделя</Link>
        <strong>
          {formatDate(week.monday)}–{formatDate(addDays(week.monday, 5))}
        </strong>
        <Link href={link(addDays(week.monday, 7))}>следующая неделя →</Link>
        <GroupPicker
          path="/timetable/week"
          query={`date=${week.monday}`}
          groups={week.groups}
          groupId={week.group?.id ?? null}
        />
        <Link href={`/timetable?group=${week.group?.id ?? ''}`}>Шаблон недели</Link>
      </nav>
      {pending?.ok && (
        <PublishPanel
          lines={pending.data.map((l) => l.text)}
          action={publishTimetableAction}
          initial={preview?.ok ? preview.data : null}
        />
      )}
      {can(actor, 'timetable.publish') && <GenerateLessonsPanel termId={week.term.id} termName={week.term.name} />}
      {week.group && (
        <>
          <ExtraLessonForm
            journals={week.journals}
            choices={choices}
            monday={week.monday}
            action={changeTimetableAction}
          />
          <table className="week-grid dated" aria-label={`Расписание группы ${week.group.name} на даты`}>
            <thead>
              <tr>
                <th scope="col">Пара</th>
                {week.days.map((d) => (
                  <th scope="col" key={d.date}>
                    {d.name} {formatDayMonth(d.date)}
                    {(d.off ?? d.groupOff) && <div className="badge warn">{d.off ?? d.groupOff}</div>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {choices.pairs.map((pairNo) => (
                <tr key={pairNo}>
                  <th scope="row">{pairNo}</th>
                  {week.days.map((d) => {
                    const lessons = week.lessons.filter((l) => l.date === d.date && l.pairNo === pairNo);
                    if (!d.pairs.some((p) => p.pairNo === pairNo)) return <td key={d.date} className="no-pair" />;
                    return (
                      <td key={d.date} data-date={d.date} data-pair={pairNo}>
                        {lessons.map((l) => (
                          <div key={l.key} className={`entry ${l.status}`} data-testid={`lesson-${l.key}`}>
                            <strong>{l.subject}</strong>
                            {l.subgroup && <span className="small"> · {l.subgroup}</span>}
                            <div className="small">
                              {l.substituteId
                                ? `замена: ${l.teacher ?? ''} (вместо ${l.regularTeacher ?? ''})`
                                : l.teacher}
                            </div>
                            {l.room && <div className="small">ауд. {l.room}</div>}
                            {l.status === 'cancelled' && <div className="badge bad">отменено</div>}
                            {l.status === 'moved' && <div className="badge warn">перенесено на {l.movedToText}</div>}
                            <LessonChanges lesson={l} choices={choices} action={changeTimetableAction} />
                          </div>
                        ))}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
