import 'server-only';
import type { NextRequest } from 'next/server';
import { requestActor } from '../auth/current-actor';
import { getDb } from '../db';
import { withRefusals } from '../policy/refusal';
import { fileResponse, produceReport, REPORT_ROUTES, type ReportRouteName } from './routes';

/**
 * The route handler of a report (server/reports/routes.ts): the signed-in actor must hold the route's permission, the
 * report's own loader checks the scope; refusals answer `{ error }` with their status.
 */
export function serveReport(name: ReportRouteName) {
  const method = REPORT_ROUTES[name].method;
  return withRefusals(async (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => {
    const actor = await requestActor(req);
    const body: unknown = method === 'POST' ? await req.json().catch(() => null) : null;
    const params = (await ctx?.params) ?? {};
    const file = await produceReport(await getDb(), actor, name, {
      query: new URL(req.url).searchParams,
      params,
      body,
    });
    return fileResponse(file);
  });
}
