import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/server/db';
import { authorize } from '@/server/policy/guard';
import { badInput, withRefusals } from '@/server/policy/refusal';
import { renderTimetableWeek } from '@/server/reports/timetable-week';
import { timetableView, viewInput } from '@/server/services/timetable/views';

/**
 * The printed week (PDF, A4 landscape) of a group, a teacher, a room, or all groups of a department:
 * `?kind=group|teacher|room|department&id=…&date=yyyy-mm-dd` — the same policy and scope as the screen.
 */
export const GET = withRefusals(async (req: Request) => {
  const actor = authorize(await currentActor(), 'timetable.place');
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = viewInput.safeParse({ ...query, id: query.id === undefined ? undefined : Number(query.id) });
  if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? 'Неверный запрос');
  const view = await timetableView(await getDb(), actor, parsed.data);
  const pdf = await renderTimetableWeek(view);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`Расписание ${view.title} ${view.monday}.pdf`)}`,
      'cache-control': 'no-store',
    },
  });
});
