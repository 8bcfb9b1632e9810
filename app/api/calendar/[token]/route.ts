import { getDb } from '@/server/db';
import { feedCalendar } from '@/server/services/timetable/feed';

/**
 * The iCalendar feed of a secret link (no session: a phone calendar fetches it). An unknown or revoked token answers
 * 404 without telling which.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const body = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await feedCalendar(await getDb(), token) : null;
  if (body === null) return Response.json({ error: 'Ссылка недействительна' }, { status: 404 });
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="timetable.ics"',
      'cache-control': 'no-store',
    },
  });
}
