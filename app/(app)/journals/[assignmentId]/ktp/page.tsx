import { KtpEditor } from '@/components/journal/ktp-editor';
import { RefusalNotice } from '@/components/refusal-notice';
import { parseId } from '@/domain/ids';
import { requireActor } from '@/server/auth/current-actor';
import { pageQuery } from '@/server/trpc/caller';

/** The journal's КТП: edited by its teacher, read by whoever reads the journal (issue #11, item 7). */
export default async function KtpPage({ params }: { params: Promise<{ assignmentId: string }> }) {
  await requireActor();
  const assignmentId = parseId((await params).assignmentId);
  if (!assignmentId) return <RefusalNotice refusal="Неверный номер журнала." />;
  const result = await pageQuery((trpc) => trpc.journal.ktp({ assignmentId }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к этому журналу." />;
  return <KtpEditor ktp={result.data} />;
}
