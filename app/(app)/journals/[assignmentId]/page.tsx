import { JournalView } from '@/components/journal/journal-view';
import { requireActor } from '@/server/auth/current-actor';
import { RefusalNotice } from '@/components/refusal-notice';
import { parseId } from '@/domain/ids';
import { pageQuery } from '@/server/trpc/caller';

export default async function JournalPageRoute({ params }: { params: Promise<{ assignmentId: string }> }) {
  await requireActor();
  const assignmentId = parseId((await params).assignmentId);
  if (!assignmentId) return <RefusalNotice refusal="Неверный номер журнала." />;
  const result = await pageQuery((trpc) => trpc.journal.page({ assignmentId }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к этому журналу." />;
  return <JournalView page={result.data} />;
}
