import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import { SubgroupSplitEditor } from '@/components/groups/subgroup-split';
import { requireActor } from '@/server/auth/current-actor';
import { serverCaller } from '@/server/trpc/caller';

export default async function SubgroupsPage({
  params,
  searchParams,
}: {
  params: Promise<{ groupId: string }>;
  searchParams: Promise<{ term?: string }>;
}) {
  const groupId = Number((await params).groupId);
  const termParam = (await searchParams).term;
  await requireActor();
  try {
    const split = await (
      await serverCaller()
    ).subgroups.split({ groupId, termId: termParam ? Number(termParam) : undefined });
    return (
      <>
        <h1>
          Подгруппы группы {split.group.name}, {split.term.name}
        </h1>
        <p className="muted">
          Каждый студент группы в этом семестре — ровно в одной подгруппе. Журналы подгрупп показывают их состав;
          отметки студента, перенесённого в другую подгруппу, сохраняются в базе и в журнале изменений.{' '}
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
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'BAD_REQUEST')) {
      return (
        <div className="error" role="alert">
          {error.code === 'FORBIDDEN' ? 'Нет доступа к подгруппам этой группы.' : error.message}
        </div>
      );
    }
    throw error;
  }
}
