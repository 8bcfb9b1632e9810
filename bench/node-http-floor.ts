/**
 * `nodeHttpFloorMs` (issue #28, item 2): what a signed-in call must cost without the framework. A bare `node:http`
 * server in a process of its own answers `GET /api/trpc/me.get` doing only what the app's `me.get` must do: read and
 * decode the same session cookie (next-auth's `getToken`, the same secret), load the actor with the same statement
 * (`loadActor`, the session checked live), check the permission, and answer the same JSON (superjson, as tRPC does).
 * The bench times it with the same kept-alive client as `httpFloorMs`; their ratio is `httpFloorRatio`.
 *
 * Run as a script (`tsx bench/node-http-floor.ts`) it is that server: DATABASE_URL, NEXTAUTH_SECRET and PORT from the
 * environment; it prints `ready` when it listens on 127.0.0.1 and stops when its parent's stdin closes.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { getToken } from 'next-auth/jwt';
import superjson from 'superjson';
import { openDatabase } from '../db/client';
import { can, loadActor } from '../server/policy/actor';
import { meOf } from '../server/services/me';

async function serve() {
  const secret = process.env.NEXTAUTH_SECRET!;
  const database = await openDatabase({ url: process.env.DATABASE_URL!, migrate: false, max: 10 });
  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const cookies = new Map<string, string>();
      for (const pair of (req.headers.cookie ?? '').split(/;\s*/)) {
        const eq = pair.indexOf('=');
        if (eq > 0) cookies.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
      }
      const token = await getToken({ req: { cookies, headers: req.headers } as never, secret, secureCookie: false });
      const actor = token?.uid && token.sid ? await loadActor(database.db, token.uid, token.sid) : null;
      if (!actor || !can(actor, 'home.view')) return answer(res, 401, { error: { json: { message: 'UNAUTHORIZED' } } });
      answer(res, 200, { result: { data: superjson.serialize(meOf(actor)) } });
    })().catch((error: unknown) => answer(res, 500, { error: { json: { message: String(error) } } }));
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
}

/** Starts the bare server on `port` against `databaseUrl`; resolves when it listens. */
export async function startNodeHttpFloor(databaseUrl: string, secret: string, port: number) {
  const child = spawn('npx', ['tsx', path.join(import.meta.dirname, 'node-http-floor.ts')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, PORT: String(port), FLOOR_SERVE: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`сервер node:http завершился (${code})`)));
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => child.stdin.end() };
}

if (process.env.FLOOR_SERVE === '1') await serve();
