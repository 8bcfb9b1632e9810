import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import { LoadAdmin } from '@/components/admin/load-admin';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { serverCaller } from '@/server/trpc/caller';

export default async function LoadPage({ searchParams }: { searchParams: Promise<{ term?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, 'load.manage')) return <div className="error">Недостаточно прав для распределения нагрузки.</div>;
  const termParam = (await searchParams).term;
  try {
    const load = await (await serverCaller()).load.term({ termId: termParam ? Number(termParam) : undefined });
    return (
      <>
        <h1>Нагрузка: {load.term.name}</h1>
        <p className="muted">
          Строки учебных планов групп на этот семестр. Журнал создаётся из плана; преподаватель назначается здесь и
          сразу видит журнал у себя. Все изменения записываются в журнал изменений.
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
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'BAD_REQUEST')) {
      return (
        <div className="error" role="alert">
          {error.code === 'FORBIDDEN' ? 'Нет доступа к этому семестру.' : error.message}
        </div>
      );
    }
    throw error;
  }
}
