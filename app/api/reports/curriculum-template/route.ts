import { currentActor } from '@/server/auth/current-actor';
import { authorize, PolicyError } from '@/server/policy/guard';
import { writeCurriculumWorkbook } from '@/server/services/curriculum-xlsx';

/** The empty import template with its explanations sheet. */
export async function GET() {
  try {
    authorize(await currentActor(), 'curriculum.manage');
    const file = await writeCurriculumWorkbook('Шаблон учебного плана', []);
    return new Response(new Uint8Array(file), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('Шаблон учебного плана.xlsx')}`,
      },
    });
  } catch (error) {
    if (error instanceof PolicyError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
