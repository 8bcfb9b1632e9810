import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/server/db';
import { authorize } from '@/server/policy/guard';
import { withRefusals } from '@/server/policy/refusal';
import { getCurriculum } from '@/server/services/curriculum/curriculum';
import { writeCurriculumWorkbook } from '@/server/services/curriculum/curriculum-xlsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The plan as XLSX in the import template: export, edit in Excel, import back. */
export const GET = withRefusals(async (_req: Request, { params }: { params: Promise<{ curriculumId: string }> }) => {
  const actor = authorize(await currentActor(), 'curriculum.read');
  const curriculumId = Number((await params).curriculumId);
  if (!Number.isInteger(curriculumId) || curriculumId <= 0)
    return Response.json({ error: 'curriculumId: ожидается положительное целое число' }, { status: 400 });
  const plan = await getCurriculum(await getDb(), actor, { curriculumId });
  const file = await writeCurriculumWorkbook(plan.name, plan.items);
  return new Response(new Uint8Array(file), {
    headers: {
      'content-type': XLSX,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${plan.name}.xlsx`)}`,
    },
  });
});
