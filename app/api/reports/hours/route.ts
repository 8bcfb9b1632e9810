import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/server/db';
import { authorize } from '@/server/policy/guard';
import { badInput, withRefusals } from '@/server/policy/refusal';
import { hoursTitle, renderHoursPdf, renderHoursXlsx } from '@/server/reports/hours';
import { hoursDelivered, hoursInput } from '@/server/services/timetable/hours';

/**
 * Hours delivered as a file: `?format=xlsx|pdf&by=teacher|group|item&termId=…&from=yyyy-mm-dd&to=yyyy-mm-dd` — the
 * same policy, scope and figures as the screen (/hours).
 */
export const GET = withRefusals(async (req: Request) => {
  const actor = authorize(await currentActor(), 'hours.read');
  const { format, termId, ...query } = Object.fromEntries(new URL(req.url).searchParams);
  if (format !== 'xlsx' && format !== 'pdf') throw badInput('Формат: xlsx или pdf');
  const parsed = hoursInput.safeParse({ ...query, termId: termId === undefined ? undefined : Number(termId) });
  if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? 'Неверный запрос');
  const report = await hoursDelivered(await getDb(), actor, parsed.data);
  const file = format === 'pdf' ? await renderHoursPdf(report) : await renderHoursXlsx(report);
  return new Response(new Uint8Array(file), {
    headers: {
      'content-type':
        format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${hoursTitle(report)}.${format}`)}`,
      'cache-control': 'no-store',
    },
  });
});
