import { currentActor } from '@/server/auth/current-actor';
import { authorize } from '@/server/policy/guard';
import { withRefusals } from '@/server/policy/refusal';
import { writeCurriculumWorkbook } from '@/server/services/curriculum/curriculum-xlsx';

/** The empty import template with its explanations sheet. */
export const GET = withRefusals(async () => {
  authorize(await currentActor(), 'curriculum.manage');
  const file = await writeCurriculumWorkbook('Шаблон учебного плана', []);
  return new Response(new Uint8Array(file), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('Шаблон учебного плана.xlsx')}`,
    },
  });
});
