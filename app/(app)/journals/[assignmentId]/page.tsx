import { TRPCError } from '@trpc/server';
import { JournalView } from '@/components/journal/journal-view';
import { requireActor } from '@/server/auth/current-actor';
import { serverCaller } from '@/server/trpc/caller';

export default async function JournalPageRoute({ params }: { params: Promise<{ assignmentId: string }> }) {
  await requireActor();
  const assignmentId = Number((await params).assignmentId);
  if (!Number.isInteger(assignmentId) || assignmentId <= 0) return <div className="error">Неверный номер журнала.</div>;
  const trpc = await serverCaller();
  try {
    const page = await trpc.journal.page({ assignmentId });
    return <JournalView page={page} />;
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'FORBIDDEN') {
      return (
        <div className="error" role="alert">
          Нет доступа к этому журналу.
        </div>
      );
    }
    throw error;
  }
}
