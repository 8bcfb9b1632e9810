import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/server/db';
import { authorize } from '@/server/policy/guard';
import { outOfScope, withRefusals } from '@/server/policy/refusal';
import { groupRoster } from '@/server/queries/people';
import { rosterCsv } from '@/server/reports/roster-csv';
import { todayOf } from '@/server/policy/actor';

/** The group's student list as CSV for Excel (curator's "reports on request"): same policy and scope as the page. */
export const GET = withRefusals(async (_req: Request, { params }: { params: Promise<{ groupId: string }> }) => {
  const actor = authorize(await currentActor(), 'people.read');
  const groupId = Number((await params).groupId);
  if (!Number.isInteger(groupId) || groupId <= 0) {
    return Response.json({ error: 'groupId: ожидается положительное целое число' }, { status: 400 });
  }
  const today = todayOf(actor);
  const roster = await groupRoster(await getDb(), actor, groupId, today);
  if (!roster) throw outOfScope();
  return new Response(rosterCsv(roster, today), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`Список группы ${roster.group.name}.csv`)}`,
    },
  });
});
