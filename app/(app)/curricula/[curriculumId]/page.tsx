import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import { CurriculumEditor } from '@/components/curriculum/curriculum-editor';
import { requireActor } from '@/server/auth/current-actor';
import { serverCaller } from '@/server/trpc/caller';

export default async function CurriculumPage({ params }: { params: Promise<{ curriculumId: string }> }) {
  const curriculumId = Number((await params).curriculumId);
  await requireActor();
  try {
    const plan = await (await serverCaller()).curriculum.get({ curriculumId });
    return (
      <>
        <h1>{plan.name}</h1>
        <p className="muted">
          {plan.specialty}, набор {plan.admissionYear} г. · строк плана: {plan.items.length} ·{' '}
          <a href={`/api/reports/curriculum/${plan.id}`}>Выгрузить в Excel</a> ·{' '}
          <Link href="/curricula">← все планы</Link>
        </p>
        <CurriculumEditor plan={plan} />
      </>
    );
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'BAD_REQUEST')) {
      return (
        <div className="error" role="alert">
          Нет доступа к этому учебному плану.
        </div>
      );
    }
    throw error;
  }
}
