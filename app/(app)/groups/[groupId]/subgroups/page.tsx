import Link from 'next/link';
import { SubgroupSplitEditor } from '@/components/groups/subgroup-split';
import { requireActor } from '@/server/auth/current-actor';
import { RefusalNotice } from '@/components/refusal-notice';
import { parseId } from '@/domain/ids';
import { pageQuery } from '@/server/trpc/caller';

export default async function SubgroupsPage({
  params,
  searchParams,
}: {
  params: Promise<{ groupId: string }>;
  searchParams: Promise<{ term?: string }>;
}) {
  const groupId = parseId((await params).groupId);
  const termParam = (await searchParams).term;
  await requireActor();
  if (!groupId) return <RefusalNotice refusal="Неверный номер группы." />;
  const termId = termParam === undefined ? undefined : parseId(termParam);
  if (termId === null) return <RefusalNotice refusal="Неверный номер семестра." />;
  const result = await pageQuery((trpc) => trpc.subgroups.split({ groupId, termId }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к подгруппам этой группы." />;
  const split = result.data;
  return (
    <>
      <h1>
        Подгруппы группы {split.group.name}, {split.term.name}
      </h1>
      <p className="muted">
        Каждый студент группы в этом семестре — ровно в одной подгруппе. Журналы подгрупп показывают их состав; отметки
        студента, перенесённого в другую подгруппу, сохраняются в базе и в журнале изменений.{' '}
        <Link href={`/groups/${groupId}`}>← к группе</Link>
      </p>
      <nav className="toolbar" aria-label="Семестры">
        {split.terms.map((t) =>
          t.id === split.term.id ? (
            <strong key={t.id}>{t.name}</strong>
          ) : (
            <Link key={t.id} href={`/groups/${groupId}/subgroups?term=${t.id}`}>
              {t.name}
            </Link>
          ),
        )}
      </nav>
      <SubgroupSplitEditor key={split.term.id} split={split} />
    </>
  );
}
