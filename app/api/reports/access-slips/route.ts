import { eq } from 'drizzle-orm';
import { institutions } from '@/db/schema';
import { todayOf } from '@/server/policy/actor';
import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/server/db';
import { publicUrl } from '@/server/public-url';
import { authorize } from '@/server/policy/guard';
import { withRefusals } from '@/server/policy/refusal';
import { renderAccessSlips } from '@/server/reports/access-slips';
import { slipsFor, slipsInput } from '@/server/services/people/family-access';

/**
 * The printed slips (PDF) for logins just issued by the curator: the browser posts back the one-time passwords it was
 * shown, the server checks each against the account and prints names and logins from the database.
 */
export const POST = withRefusals(async (req: Request) => {
  const actor = authorize(await currentActor(), 'access.issue');
  const parsed = slipsInput.safeParse(await req.json().catch(() => null));
  if (!parsed.success)
    return Response.json({ error: parsed.error.issues[0]?.message ?? 'Неверный запрос' }, { status: 400 });
  const db = await getDb();
  const { institutionId, slips } = await slipsFor(db, actor, parsed.data, todayOf(actor));
  const [college] = await db
    .select({ name: institutions.shortName })
    .from(institutions)
    .where(eq(institutions.id, institutionId));
  const pdf = await renderAccessSlips({ college: college?.name ?? '', address: publicUrl(), slips });
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('Листки доступа.pdf')}`,
      'cache-control': 'no-store',
    },
  });
});
