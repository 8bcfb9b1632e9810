import 'server-only';
import type { NextRequest } from 'next/server';
import { requestActor } from '../auth/current-actor';
import { readRouter } from '../db';
import { WAL_COOKIE } from '../read-routing';
import { withRefusals } from '../policy/refusal';
import { fileResponse, produceReport, REPORT_ROUTES, type ReportRoute, type ReportRouteName } from './routes';

/**
 * The route handler of a report (server/reports/routes.ts): the signed-in actor must hold the route's permission, the
 * report's own loader checks the scope; refusals answer `{ error }` with their status. A route declared
 * `reads: 'replica'` reads from the replica when read routing allows it.
 */
export function serveReport(name: ReportRouteName) {
  const method = REPORT_ROUTES[name].method;
  return withRefusals(async (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => {
    const router = await readRouter();
    const actor = await requestActor(req, router.primary);
    const body: unknown = method === 'POST' ? await req.json().catch(() => null) : null;
    const params = (await ctx?.params) ?? {};
    // A lag-tolerant report reads a replica that has the user's last write (server/read-routing.ts).
    const reads = (REPORT_ROUTES[name] as ReportRoute).reads ?? 'primary';
    const db = await router.dbFor(reads, req.cookies.get(WAL_COOKIE)?.value ?? null);
    const file = await produceReport(db, actor, name, {
      query: new URL(req.url).searchParams,
      params,
      body,
    });
    return fileResponse(file);
  });
}
