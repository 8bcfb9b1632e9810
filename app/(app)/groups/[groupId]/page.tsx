import { EnrolForm } from '@/components/admin/enrol-form';
import { enrolAction } from './actions';
import { StudentImport } from '@/components/groups/student-import';
import { RosterTable } from '@/components/home/roster-table';
import { RefusalNotice } from '@/components/refusal-notice';
import { parseId } from '@/domain/ids';
import { pageQuery } from '@/server/trpc/caller';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { countOf, NOUNS } from '@/domain/plural';

export default async function GroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const groupId = parseId((await params).groupId);
  const actor = await requireActor();
  if (!groupId) return <RefusalNotice refusal="Неверный номер группы." />;
  const result = await pageQuery((trpc) => trpc.people.groupStudents({ groupId }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к этой группе." />;
  const roster = result.data;
  return (
    <>
      <h1>Группа {roster.group.name}</h1>
      <p className="muted">
        {roster.group.specialty}, {roster.group.course} курс · {countOf(roster.students.length, NOUNS.student)}
        {roster.termName ? ` · ${roster.termName}` : ''} ·{' '}
        <a href={`/api/reports/group-roster/${groupId}`}>Скачать список (CSV)</a>
        {can(actor, 'reports.group') && (
          <>
            {' '}
            · <a href={`/reports?groupId=${groupId}`}>Отчёты группы</a> ·{' '}
            <a href={`/groups/${groupId}/week`}>Неделя группы: оценки, пропуски, группа риска</a>
          </>
        )}
        {can(actor, 'subgroups.manage') && (
          <>
            {' '}
            · <a href={`/groups/${groupId}/subgroups`}>Подгруппы</a>
          </>
        )}
        {can(actor, 'access.issue') && (
          <>
            {' '}
            · <a href={`/groups/${groupId}/access`}>Доступ студентов и родителей</a>
          </>
        )}
      </p>
      <RosterTable roster={roster} />
      {can(actor, 'contingent.manage') && <EnrolForm groupId={roster.group.id} action={enrolAction} />}
      {can(actor, 'students.import') && <StudentImport groupId={roster.group.id} />}
    </>
  );
}
