import Link from 'next/link';
import { LoadAdmin } from '@/components/admin/load-admin';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { RefusalNotice } from '@/components/refusal-notice';
import { parseId } from '@/domain/ids';
import { pageQuery } from '@/server/trpc/caller';

export default async function LoadPage({ searchParams }: { searchParams: Promise<{ term?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, 'load.manage')) return <RefusalNotice refusal="Недостаточно прав для распределения нагрузки." />;
  const termParam = (await searchParams).term;
  const termId = termParam === undefined ? undefined : parseId(termParam);
  if (termId === null) return <RefusalNotice refusal="Неверный номер семестра." />;
  const result = await pageQuery((trpc) => trpc.load.term({ termId }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к этому семестру." />;
  const load = result.data;
  return (
    <>
      <h1>Нагрузка: {load.term.name}</h1>
      <p className="muted">
        Строки учебных планов групп на этот семестр. Журнал создаётся из плана; преподаватель назначается здесь и сразу
        видит журнал у себя. Все изменения записываются в журнал изменений.
      </p>
      <nav className="toolbar" aria-label="Семестры">
        {load.terms.map((t) =>
          t.id === load.term.id ? (
            <strong key={t.id}>{t.name}</strong>
          ) : (
            <Link key={t.id} href={`/load?term=${t.id}`}>
              {t.name}
            </Link>
          ),
        )}
      </nav>
      <LoadAdmin key={load.term.id} load={load} />
    </>
  );
}
