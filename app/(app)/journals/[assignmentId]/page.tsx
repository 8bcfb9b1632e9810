import { JournalView } from '@/components/journal/journal-view';
import { requireActor } from '@/server/auth/current-actor';
import { RefusalNotice } from '@/components/refusal-notice';
import { parseId } from '@/domain/ids';
import { pageQuery } from '@/server/trpc/caller';

/** A journal page; `?lesson=…&student=…` opens it at that cell (links from the pre-flight of a printed copy). */
export default async function JournalPageRoute({
  params,
  searchParams,
}: {
  params: Promise<{ assignmentId: string }>;
  searchParams: Promise<{ lesson?: string; student?: string }>;
}) {
  await requireActor();
  const assignmentId = parseId((await params).assignmentId);
  if (!assignmentId) return <RefusalNotice refusal="Неверный номер журнала." />;
  const result = await pageQuery((trpc) => trpc.journal.page({ assignmentId }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к этому журналу." />;
  const { lesson, student } = await searchParams;
  const focus =
    lesson || student ? { lessonId: parseId(lesson ?? null), studentId: parseId(student ?? null) } : undefined;
  return <JournalView page={result.data} focus={focus} />;
}
