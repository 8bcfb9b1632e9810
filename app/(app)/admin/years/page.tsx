import Link from 'next/link';
import { YearsAdmin } from '@/components/admin/years-admin';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { serverCaller } from '@/server/trpc/caller';

export default async function YearsPage() {
  const actor = await requireActor();
  if (!can(actor, 'year.manage')) return <div className="error">Недостаточно прав для управления учебным годом.</div>;
  const years = await (await serverCaller()).years.list();
  return (
    <>
      <h1>Учебные годы и семестры</h1>
      <p className="muted">
        Закрытый семестр ведётся только для чтения; исправления в нём — по разрешению, которое заведующий отделением или
        администратор выдаёт преподавателю на странице журнала. Закрытый год — архив.
      </p>
      {can(actor, 'retention.manage') && (
        <p>
          <Link href="/admin/retention">Архив и сроки хранения →</Link>
        </p>
      )}
      {can(actor, 'contingent.manage') && years.length > 1 && (
        <p>
          <Link href="/admin/transfer">Перевод на следующий курс →</Link>
        </p>
      )}
      <YearsAdmin years={years} />
    </>
  );
}
