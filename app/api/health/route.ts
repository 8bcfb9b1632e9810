import { checkHealth, type HealthReport } from '@/server/health';
import { getDatabase } from '@/server/db';

export const dynamic = 'force-dynamic';

/** The instance's health for monitoring (server/health.ts): 200 when it can serve, 503 with what fails. */
export async function GET() {
  let report: HealthReport;
  try {
    report = await checkHealth(await getDatabase());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report = {
      ok: false,
      database: { ok: false, ms: null, error: message },
      migrations: { ok: false, applied: null, expected: 0 },
      queue: { ok: false, running: false, maintainedSecondsAgo: null },
    };
  }
  return Response.json(report, { status: report.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
