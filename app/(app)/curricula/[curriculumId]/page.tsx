import Link from 'next/link';
import { CurriculumEditor } from '@/components/curriculum/curriculum-editor';
import { requireActor } from '@/server/auth/current-actor';
import { RefusalNotice } from '@/components/refusal-notice';
import { parseId } from '@/domain/ids';
import { pageQuery } from '@/server/trpc/caller';

export default async function CurriculumPage({ params }: { params: Promise<{ curriculumId: string }> }) {
  const curriculumId = parseId((await params).curriculumId);
  await requireActor();
  if (!curriculumId) return <RefusalNotice refusal="Неверный номер учебного плана." />;
  const result = await pageQuery((trpc) => trpc.curriculum.get({ curriculumId }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к этому учебному плану." />;
  const plan = result.data;
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
}
