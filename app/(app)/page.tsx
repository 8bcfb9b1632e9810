import Link from 'next/link';
import { AssignmentsSection } from '@/components/home/assignments-section';
import { RemarksSection } from '@/components/home/remarks-section';
import { NoticeList } from '@/components/control/notice-list';
import { markNoticeReadAction, markRemarkFixedAction } from './control/actions';
import { FamilySection } from '@/components/home/family-section';
import { RosterTable } from '@/components/home/roster-table';
import { StructureSection } from '@/components/home/structure-section';
import { fullName } from '@/domain/names';
import { can, rolesOf } from '@/server/policy/actor';
import { requireActor } from '@/server/auth/current-actor';
import { serverCaller } from '@/server/trpc/caller';
import { countOf, NOUNS } from '@/domain/plural';

/** One home page; each role the user holds adds the part of the college that role sees. */
export default async function HomePage() {
  const actor = await requireActor();
  const trpc = await serverCaller();
  const roles = rolesOf(actor);
  const sections: React.ReactNode[] = [];

  if (can(actor, 'institutions.manage')) {
    const list = await trpc.institutions.list();
    sections.push(
      <section className="panel" key="region">
        <h2>Колледжи региона: {list.length}</h2>
        <p>
          <a href="/region">Открыть список и создать колледж</a> ·{' '}
          <Link href="/region/indicators">Показатели колледжей</Link>
        </p>
      </section>,
    );
  } else if (can(actor, 'region.indicators'))
    sections.push(
      <section className="panel" key="region">
        <h2>Колледжи</h2>
        <p>
          <Link href="/region/indicators">Показатели колледжей</Link>: успеваемость, качество, СОУ, ведение журналов,
          вычитка часов.
        </p>
      </section>,
    );
  if (can(actor, 'timetable.own')) {
    const notices = await trpc.timetable.notices();
    sections.push(
      <section className="panel" key="timetable" aria-labelledby="timetable-notices">
        <h2 id="timetable-notices">Расписание</h2>
        {notices.map((n) => (
          <div key={n.heading} className="notice">
            <strong>{n.heading}:</strong>
            <ul>
              {n.lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </div>
        ))}
        <p>
          <Link href="/timetable/my">Расписание на неделю</Link>
        </p>
      </section>,
    );
  }
  if (can(actor, 'notices.read')) {
    // Unread posts that ask for «Прочитано» first, then the newest; the whole board is one click away.
    const board = await trpc.control.notices();
    const shown = [...board]
      .sort((a, b) => Number(b.needsRead && !b.readAt) - Number(a.needsRead && !a.readAt))
      .slice(0, 3);
    if (shown.length > 0)
      sections.push(
        <section className="panel" key="notices" aria-labelledby="notices">
          <h2 id="notices">Доска информации</h2>
          <NoticeList notices={shown} timeZone={actor.timeZone} readAction={markNoticeReadAction} />
          {board.length > shown.length && (
            <p>
              <Link href="/notices">Все объявления ({board.length})</Link>
            </p>
          )}
        </section>,
      );
  }
  if (can(actor, 'control.ownRemarks')) {
    const remarks = await trpc.control.myRemarks({ state: 'open' });
    if (remarks.length > 0)
      sections.push(
        <RemarksSection key="remarks" remarks={remarks} action={markRemarkFixedAction} timeZone={actor.timeZone} />,
      );
  }
  if (roles.includes('teacher')) {
    const mine = await trpc.journal.assignments({ mineOnly: true });
    sections.push(<AssignmentsSection key="teacher" title="Мои журналы" assignments={mine} showTeacher={false} />);
    if (mine.length > 0)
      sections.push(
        <p key="keeping" className="small">
          Лист контроля ведения журнала за семестр: <a href={`/api/reports/journal-keeping/${actor.userId}`}>PDF</a> ·{' '}
          <a href={`/api/reports/journal-keeping/${actor.userId}?format=xlsx`}>XLSX</a>
        </p>,
      );
  }
  if (roles.includes('curator')) {
    const groups = await trpc.people.groups();
    const curated = groups.filter((g) => actor.grants.some((gr) => gr.role === 'curator' && gr.groupId === g.id));
    for (const g of curated) {
      const roster = await trpc.people.groupStudents({ groupId: g.id });
      sections.push(
        <section className="panel" key={`curator-${g.id}`}>
          <h2>
            Моя группа {roster.group.name}{' '}
            <span className="muted small">
              ({roster.group.specialty}, {roster.group.course} курс)
            </span>
          </h2>
          <p className="muted">
            {countOf(roster.students.length, NOUNS.student)}
            {roster.termName ? ` · ${roster.termName}` : ''} ·{' '}
            <a href={`/api/reports/group-roster/${g.id}`}>Скачать список (CSV для Excel)</a> ·{' '}
            <a href={`/groups/${g.id}/week`}>Неделя группы</a> · <a href={`/groups/${g.id}/subgroups`}>Подгруппы</a> ·{' '}
            <a href={`/groups/${g.id}/access`}>Доступ студентов и родителей</a>
          </p>
          <RosterTable roster={roster} />
        </section>,
      );
    }
  }
  if (can(actor, 'structure.read')) {
    sections.push(
      <StructureSection
        key="structure"
        overview={await trpc.structure.overview()}
        linkGroups={can(actor, 'people.read')}
      />,
    );
  }
  if (roles.includes('student') || roles.includes('parent')) {
    const students = await trpc.family.students();
    const items = await Promise.all(
      students.map(async (student) => ({
        student,
        marks: await trpc.family.recentMarks({ studentId: student.id, limit: 15 }),
      })),
    );
    // A parent's children of 18 and older without their consent (152-ФЗ): only the name and why.
    const ended = await trpc.family.accessEnded();
    sections.push(
      <FamilySection
        key="family"
        items={items}
        own={roles.includes('student')}
        ended={ended}
        consentFor={can(actor, 'family.consent') ? actor.ownStudentIds.map((s) => s.studentId) : []}
      />,
    );
  }

  return (
    <>
      <h1>Здравствуйте, {fullName({ ...actor, lastName: '' }).trim() || actor.lastName}!</h1>
      {actor.position && <p className="muted">{actor.position}</p>}
      {sections.length > 0 ? sections : <p className="muted">Для вашей роли здесь пока нечего показать.</p>}
      {can(actor, 'audit.read') && (
        <p className="small">
          <Link href="/security/sign-ins">Журнал входов в систему</Link>
        </p>
      )}
    </>
  );
}
