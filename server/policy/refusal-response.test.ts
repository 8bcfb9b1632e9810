/**
 * Issue #26, item 9: a parent who edits a report card's address in the browser got raw JSON
 * `{"error":"Нет доступа к этим данным"}`. Every route handler answers a refusal through `withRefusals`: a browser's
 * navigation gets a page in Russian with a way back, under a policy that lets nothing but its style in; an API client
 * still gets JSON. A walk checks that every route handler under app/api refuses that way.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { students } from '../../db/schema';
import { useDemoDatabase } from '../../test/demo-database';
import { produceReport } from '../reports/routes';
import { Refusal, withRefusals } from './refusal';

const demo = useDemoDatabase();

const NAVIGATION = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-dest': 'document',
};
const FETCH = { accept: '*/*', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' };

/** The refusal a parent gets for a student who is not their child, as the report route makes it. */
async function parentEditsTheUrl(): Promise<Refusal> {
  const { parent } = demo.actors;
  const own = new Set(parent.childStudentIds.map((c) => c.studentId));
  const other = (await demo.database.db.select({ id: students.id }).from(students)).find((s) => !own.has(s.id))!;
  const refusal = await produceReport(demo.database.db, parent, 'report-card/[studentId]', {
    query: new URLSearchParams(),
    params: { studentId: String(other.id) },
    body: null,
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(refusal).toBeInstanceOf(Refusal);
  return refusal as Refusal;
}

const route = (refusal: Refusal) =>
  withRefusals(async (_req: NextRequest) => {
    throw refusal;
  });

describe('a refused route', () => {
  it('shows the parent who edited a report card’s address a page in Russian with a way home', async () => {
    const refusal = await parentEditsTheUrl();
    const url = 'http://127.0.0.1:3000/api/reports/report-card/999999';
    const res = await route(refusal)(new NextRequest(url, { headers: NAVIGATION }));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<h1>Нет доступа</h1>');
    expect(html).toContain('Нет доступа к этим данным.');
    expect(html).toContain('href="/">На главную</a>');
    // Within the policy: nothing may run or load, the one inline style is allowed by its hash.
    const policy = res.headers.get('content-security-policy')!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    const style = /<style>([^<]*)<\/style>/.exec(html)![1]!;
    expect(policy).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    // The same policy in the page itself (the production server's /api header replaces the route's), minus framing.
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(`${meta}; frame-ancestors 'none'`).toBe(policy);
    expect(html).not.toMatch(/<script|style="/);
  });

  it('a browser with no Fetch Metadata (plain HTTP by a LAN address) is known by its Accept', async () => {
    const res = await route(await parentEditsTheUrl())(
      new NextRequest('http://192.168.1.10:3000/api/reports/report-card/5', {
        headers: { accept: NAVIGATION.accept },
      }),
    );
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('a signed-out browser is led to the sign-in and back to the same address', async () => {
    const res = await route(new Refusal(401, 'Требуется вход в систему'))(
      new NextRequest('http://127.0.0.1:3000/api/reports/consolidated?groupId=1&termId=1', { headers: NAVIGATION }),
    );
    expect(res.status).toBe(401);
    expect(await res.text()).toContain(
      'href="/login?callbackUrl=%2Fapi%2Freports%2Fconsolidated%3FgroupId%3D1%26termId%3D1">Войти</a>',
    );
  });

  it('API clients keep the JSON answer', async () => {
    const refusal = await parentEditsTheUrl();
    const clients: Record<string, string>[] = [FETCH, { accept: '*/*' }, { accept: 'application/json' }, {}];
    for (const headers of clients) {
      const res = await route(refusal)(new NextRequest('http://127.0.0.1:3000/api/reports/report-card/5', { headers }));
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await res.json()).toEqual({ error: 'Нет доступа к этим данным' });
    }
  });

  it('every route handler under app/api answers its refusals through withRefusals', () => {
    const root = path.resolve(import.meta.dirname, '../../app/api');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('route.ts'));
    // next-auth's own handler and tRPC's (an API: its client reads tRPC's JSON errors) answer for themselves; the health
    // check refuses nobody (anonymous by design: 200 or 503, no personal data — server/health.ts).
    const own = ['auth/[...nextauth]/route.ts', 'trpc/[trpc]/route.ts', 'health/route.ts'];
    const unguarded = files
      .filter((f) => !own.includes(f))
      .filter((f) => !/serveReport\(|withRefusals\(/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(unguarded).toEqual([]);
    expect(files.length).toBeGreaterThan(own.length + 10);
  });
});
