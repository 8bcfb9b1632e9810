import { eq } from 'drizzle-orm';
import { institutions } from '@/db/schema';
import { parseId } from '@/domain/ids';
import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/server/db';
import { authorize } from '@/server/policy/guard';
import { badInput, withRefusals } from '@/server/policy/refusal';
import { renderKtpPdf, renderKtpTemplate } from '@/server/reports/ktp';
import { loadKtp } from '@/server/services/journal/ktp';

/**
 * A journal's КТП: `?format=pdf` (default) the printed plan, `?format=xlsx` the plan in the import template (an empty
 * template when there is no plan yet). Whoever reads the journal; 404 outside the scope.
 */
export const GET = withRefusals(async (req: Request, ctx: { params: Promise<{ assignmentId: string }> }) => {
  const actor = authorize(await currentActor(), 'journal.read');
  const id = parseId((await ctx.params).assignmentId);
  if (id === null) throw badInput('Журнал: неверный номер');
  const format = new URL(req.url).searchParams.get('format') ?? 'pdf';
  if (format !== 'pdf' && format !== 'xlsx') throw badInput('Формат: pdf или xlsx');
  const db = await getDb();
  const ktp = await loadKtp(db, actor, id);
  const a = ktp.assignment;
  const [college] = await db
    .select({ name: institutions.shortName })
    .from(institutions)
    .where(eq(institutions.id, a.institutionId));
  const file = format === 'pdf' ? await renderKtpPdf(ktp, college?.name ?? '') : await renderKtpTemplate(ktp.rows);
  const name = `КТП ${a.itemCode} ${a.groupName}.${format}`;
  return new Response(new Uint8Array(file), {
    headers: {
      'content-type':
        format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
    },
  });
});
