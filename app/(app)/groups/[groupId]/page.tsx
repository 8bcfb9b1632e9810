import { TRPCError } from '@trpc/server';
import { EnrolForm } from '@/components/admin/enrol-form';
import { StudentImport } from '@/components/groups/student-import';
import { RosterTable } from '@/components/home/roster-table';
import { serverCaller } from '@/server/trpc/caller';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { countOf, NOUNS } from '@/domain/plural';

export default async function GroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const groupId = Number((await params).groupId);
  const actor = await requireActor();
  const trpc = await serverCaller();
  try {
    const roster = await trpc.people.groupStudents({ groupId });
    return (
      <>
        <h1>Группа {roster.group.name}</h1>
        <p className="muted">
          {roster.group.specialty}, {roster.group.course} курс · {countOf(roster.students.length, NOUNS.student)}
          {roster.termName ? ` · ${roster.termName}` : ''} ·{' '}
          <a href={`/api/reports/group-roster/${groupId}`}>Скачать список (CSV)</a>
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
        {can(actor, 'contingent.manage') && <EnrolForm groupId={roster.group.id} groupName={roster.group.name} />}
        {can(actor, 'students.import') && <StudentImport groupId={roster.group.id} />}
      </>
    );
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'BAD_REQUEST')) {
      return (
        <div className="error" role="alert">
          {error.code === 'FORBIDDEN' ? 'Нет доступа к этой группе.' : 'Неверный номер группы.'}
        </div>
      );
    }
    throw error;
  }
}
