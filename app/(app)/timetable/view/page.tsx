import Link from 'next/link';
import { RefusalNotice } from '@/components/refusal-notice';
import { GroupPicker } from '@/components/timetable/group-picker';
import { addDays, formatDate, formatDayMonth, isIsoDate } from '@/domain/dates';
import { parseId } from '@/domain/ids';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';
import { VIEW_KINDS, type ViewKind } from '@/server/services/timetable/views';

const KIND_LABELS: Record<ViewKind, string> = {
  group: 'Группа',
  teacher: 'Преподаватель',
  room: 'Аудитория',
  department: 'Отделение',
};

/** The week of a group, a teacher, a room or a department, to read and to print (issue #11, item 3). */
export default async function TimetableViewPage({
  searchParams,
}: {
  searchParams: Promise<{ kind?: string; id?: string; date?: string }>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'timetable.place'))
    return <RefusalNotice refusal="Недостаточно прав: расписание ставят методист и заведующий отделением." />;
  const params = await searchParams;
  const kind = (VIEW_KINDS as readonly string[]).includes(params.kind ?? 'group') ? (params.kind ?? 'group') : null;
  const id = params.id === undefined ? undefined : parseId(params.id);
  if (kind === null || id === null || (params.date !== undefined && !isIsoDate(params.date)))
    return <RefusalNotice refusal="Неверный вид, номер или дата." />;
  const result = await pageQuery((trpc) => trpc.timetable.view({ kind: kind as ViewKind, id, date: params.date }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к этому расписанию." />;
  const view = result.data;
  const pairs = Math.max(0, ...view.days.map((d) => d.pairs.length));
  const here = (date: string, k: string = view.kind, i: number | null = view.id) =>
    `/timetable/view?kind=${k}&date=${date}${i === null || k !== view.kind ? '' : `&id=${i}`}`;
  const pdf = `/api/reports/timetable?kind=${view.kind}&date=${view.monday}${view.id === null ? '' : `&id=${view.id}`}`;
  const cellLessons = (date: string, match: (l: (typeof view.lessons)[number]) => boolean) =>
    view.lessons
      .filter((l) => l.date === date && match(l))
      .map((l) => (
        <div key={l.key} className={`entry ${l.status}`}>
          <strong>{l.subject}</strong>
          <div className="small">
            {view.kind === 'teacher' || view.kind === 'room'
              ? `${l.group}${l.subgroup ? ` (${l.subgroup})` : ''}`
              : `${view.kind === 'department' ? `${l.pairNo} пара · ` : ''}${l.teacher ?? ''}`}
            {view.kind !== 'room' && l.room ? ` · ${l.room}` : ''}
          </div>
          {l.status === 'cancelled' && <span className="badge bad">отменено</span>}
          {l.status === 'moved' && <span className="badge warn">перенесено на {l.movedToText}</span>}
          {l.substituteId !== null && <span className="badge warn">замена</span>}
        </div>
      ));
  return (
    <>
      <h1>Расписание: {view.title}</h1>
      <nav className="toolbar" aria-label="Вид">
        {VIEW_KINDS.map((k) =>
          k === view.kind ? (
            <strong key={k}>{KIND_LABELS[k]}</strong>
          ) : (
            <Link key={k} href={here(view.monday, k, null)}>
              {KIND_LABELS[k]}
            </Link>
          ),
        )}
        <GroupPicker
          path="/timetable/view"
          query={`kind=${view.kind}&date=${view.monday}`}
          groups={view.choices[view.kind]}
          groupId={view.id}
          label={KIND_LABELS[view.kind]}
          param="id"
        />
      </nav>
      <nav className="toolbar" aria-label="Недели">
        <Link href={here(addDays(view.monday, -7))}>← предыдущая неделя</Link>
        <strong>
          {formatDate(view.monday)}–{formatDate(addDays(view.monday, 5))}
        </strong>
        <Link href={here(addDays(view.monday, 7))}>следующая неделя →</Link>
        <a href={pdf}>Печать (PDF)</a>
      </nav>
      <table className="week-grid dated" aria-label={`Расписание: ${view.title}`}>
        <thead>
          <tr>
            <th scope="col">{view.kind === 'department' ? 'Группа' : 'Пара'}</th>
            {view.days.map((d) => (
              <th scope="col" key={d.date}>
                {d.name} {formatDayMonth(d.date)}
                {d.off && <div className="badge warn">{d.off}</div>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.kind === 'department'
            ? view.rows.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.name}</th>
                  {view.days.map((d) => (
                    <td key={d.date}>{cellLessons(d.date, (l) => l.groupId === g.id)}</td>
                  ))}
                </tr>
              ))
            : Array.from({ length: pairs }, (_, i) => i + 1).map((pairNo) => (
                <tr key={pairNo}>
                  <th scope="row">{pairNo}</th>
                  {view.days.map((d) => (
                    <td key={d.date}>{cellLessons(d.date, (l) => l.pairNo === pairNo)}</td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
    </>
  );
}
