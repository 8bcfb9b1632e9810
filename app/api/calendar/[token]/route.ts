import { readRouter } from '@/server/db';
import { Refusal, withRefusals } from '@/server/policy/refusal';
import { feedCalendar } from '@/server/services/timetable/feed';

/**
 * The iCalendar feed of a secret link (no session: a phone calendar fetches it). An unknown or revoked token answers
 * 404 without telling which — JSON to a calendar app, a page in Russian to a browser that opened the link.
 */
export const GET = withRefusals(async (_req: Request, { params }: { params: Promise<{ token: string }> }) => {
  const { token } = await params;
  // A phone's calendar polls this: it reads a replica (a link revoked a moment ago may answer once more).
  const db = await (await readRouter()).dbFor('replica', null);
  const body = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await feedCalendar(db, token) : null;
  if (body === null) throw new Refusal(404, 'Ссылка недействительна');
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="timetable.ics"',
      'cache-control': 'no-store',
    },
  });
});
