import { JournalsTable } from '@/components/journal/journals-table';
import { requireActor } from '@/server/auth/current-actor';
import { rolesOf } from '@/server/policy/actor';
import { serverCaller } from '@/server/trpc/caller';

/** «Мои журналы» for a teacher; the journals in scope for everybody else who reads them. */
export default async function JournalsPage() {
  const actor = await requireActor();
  const trpc = await serverCaller();
  const mine = rolesOf(actor).includes('teacher');
  const list = await trpc.journal.assignments(mine ? { mineOnly: true } : undefined);
  return (
    <>
      <h1>{mine ? 'Мои журналы' : 'Журналы'}</h1>
      {list[0] ? (
        <p className="muted">{list[0].termName}</p>
      ) : (
        <p className="muted">В текущем семестре журналов нет.</p>
      )}
      <JournalsTable assignments={list} showTeacher={!mine} testId="journals" />
    </>
  );
}
