import Link from 'next/link';
import { RefusalNotice } from '@/components/refusal-notice';
import { GroupPicker } from '@/components/timetable/group-picker';
import { WeekGrid } from '@/components/timetable/week-grid';
import { parseId } from '@/domain/ids';
import { countOf, NOUNS } from '@/domain/plural';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';

/** The methodist's timetable of a group's week (issue #11, item 3; regulation §5.4). */
export default async function TimetablePage({
  searchParams,
}: {
  searchParams: Promise<{ term?: string; group?: string }>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'timetable.place'))
    return <RefusalNotice refusal="Недостаточно прав: расписание ставят методист и заведующий отделением." />;
  const params = await searchParams;
  const termId = params.term === undefined ? undefined : parseId(params.term);
  const groupId = params.group === undefined ? undefined : parseId(params.group);
  if (termId === null || groupId === null) return <RefusalNotice refusal="Неверный номер семестра или группы." />;
  const result = await pageQuery((trpc) => trpc.timetable.groupWeek({ termId, groupId }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к этой группе или семестру." />;
  const week = result.data;
  const collisions = await pageQuery((trpc) => trpc.timetable.collisions({ termId: week.term.id }));
  const found = collisions.ok ? collisions.data.collisions : [];
  return (
    <>
      <h1>Расписание{week.group ? `: ${week.group.name}` : ''}</h1>
      <nav className="toolbar" aria-label="Семестры">
        {week.terms.map((t) =>
          t.id === week.term.id ? (
            <strong key={t.id}>{t.name}</strong>
          ) : (
            <Link key={t.id} href={`/timetable?term=${t.id}`}>
              {t.name}
            </Link>
          ),
        )}
        <GroupPicker query={`term=${week.term.id}`} groups={week.groups} groupId={week.group?.id ?? null} />
        {week.group && <span className="muted">{countOf(week.group.students, NOUNS.student)}</span>}
        <Link href={`/timetable/week${week.group ? `?group=${week.group.id}` : ''}`}>
          На даты: изменения и публикация
        </Link>
        <Link href="/timetable/view?kind=teacher">По преподавателям, аудиториям, отделениям</Link>
      </nav>
      {found.length > 0 && (
        <section className="error" aria-labelledby="collisions-title">
          <h2 id="collisions-title" className="small">
            Конфликты в расписании: {found.length}
          </h2>
          <ul>
            {found.slice(0, 20).map((c) => (
              <li key={c.entryIds.join('-')}>
                {c.message}{' '}
                {week.groups
                  .filter((g) => c.groupIds.includes(g.id))
                  .map((g) => (
                    <Link key={g.id} href={`/timetable?term=${week.term.id}&group=${g.id}`}>
                      {g.name}{' '}
                    </Link>
                  ))}
              </li>
            ))}
          </ul>
        </section>
      )}
      <WeekGrid key={`${week.term.id}-${week.group?.id ?? ''}`} initial={week} />
    </>
  );
}
