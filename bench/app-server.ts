/**
 * The production build against the bench database, on a loopback port, for the figures a user gets over HTTP and in
 * the browser; and a signed-in HTTP session (next-auth's credentials flow, cookies kept by hand).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../db/seed/plan';
import { ensureDebianPackages } from '../scripts/debian';
import { appBalancerSections, HAPROXY } from '../scripts/haproxy';

const PORT = 3200;
/** The sessions' secret of the bench's app instances (unless told another). */
export const BENCH_SECRET = 'bench-secret-0123456789abcdef';

/** Waits until `url` answers with a status under 500; throws after `ms`. */
export async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`сервер не ответил: ${url}`);
}

export interface AppServer {
  base: string;
  /** The process group's leader (`npx next start`): SIGTERM/SIGKILL to `-pid` stops the whole server. */
  pid: number;
  stop(): void;
  /** SIGKILL to the server's whole process group: a crash, no shutdown hooks. */
  kill(): void;
}

export interface AppServerOptions {
  port?: number;
  dataDir?: string;
  /** `if-missing` (the bench's default): runs `next build` when there is no build; `never`: throws instead. */
  build?: 'if-missing' | 'never';
  /** The sessions' secret, the same for every instance that serves one user (default: the bench's fixed one). */
  secret?: string;
  /** NEXTAUTH_URL: the address users open (a balancer in front), default the instance's own. */
  publicUrl?: string;
  /** More of the instance's environment (e.g. DATABASE_READ_URL). */
  env?: Record<string, string>;
  /** The server's output goes to this file (appended); default nowhere. */
  logFile?: string;
}

/** True when `.next` holds a production build (`npm run build`). */
export const hasBuild = (root = '.') => fs.existsSync(`${root}/.next/BUILD_ID`);

/**
 * Starts the production build on 127.0.0.1:`port` and waits for its sign-in page: on the PostgreSQL database at
 * `databaseUrl`, or with null on the embedded database of `dataDir`. Builds the app first when there is no build,
 * unless `build: 'never'`. The server runs in its own process group and outlives the caller unless stopped.
 */
export async function startAppServer(
  databaseUrl: string | null,
  log: (s: string) => void,
  options: AppServerOptions = {},
): Promise<AppServer> {
  if (!hasBuild()) {
    if (options.build === 'never') throw new Error('Нет сборки приложения (.next/BUILD_ID): сначала npm run build');
    log('Сборка приложения (next build)…');
    const build = spawnSync('npx', ['next', 'build'], {
      stdio: 'ignore',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) throw new Error('next build не удался');
  }
  const port = options.port ?? PORT;
  const base = `http://localhost:${port}`;
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const output = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore';
  const server = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    env: {
      ...inherited,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: options.dataDir, SEED_DEMO: 'false' }),
      NEXTAUTH_SECRET: options.secret ?? BENCH_SECRET,
      NEXTAUTH_URL: options.publicUrl ?? base,
      NEXT_TELEMETRY_DISABLED: '1',
      ...options.env,
    },
    stdio: ['ignore', output, output],
    detached: true,
  });
  if (typeof output === 'number') fs.closeSync(output);
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  try {
    await waitFor(`${base}/login`, 60_000);
  } catch (error) {
    stop();
    throw error;
  }
  const kill = () => {
    try {
      process.kill(-server.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  return { base, pid: server.pid!, stop, kill };
}

/**
 * Proves that a session signed in on the instance at `first` is good on the one at `second` (one NEXTAUTH_SECRET,
 * nothing of a session kept in a process): throws when the second refuses it. Needs the demo's `metodist`.
 */
export async function checkSharedSession(first: string, second: string, password: string): Promise<void> {
  const session = await signInHttp(first, 'metodist', password);
  const other = await fetch(`${second}/api/trpc/me.get?input=${encodeURIComponent('{}')}`, {
    headers: { cookie: session.cookies() },
  });
  if (other.status !== 200) throw new Error(`сеанс первого экземпляра не принят вторым: ${other.status}`);
}

export type BalancedApp = AppServer & { instances: AppServer[] };

/**
 * Instances of the app on one PostgreSQL behind HAProxy (Debian's package; installed with apt-get when missing and run
 * as root) on 127.0.0.1:`port`: round robin, a health check of /login every second, a request that fails on a dead
 * instance (connection refused) sent to another (scripts/templates/haproxy-app.cfg.tmpl, as `npm run region:up` has
 * it). One session secret, checked to be shared. `stop` stops HAProxy and every instance; `kill` kills the first.
 */
export async function startBalancedApp(
  url: string,
  log: (s: string) => void,
  options: { port: number; instancePorts: number[]; env?: Record<string, string> },
): Promise<BalancedApp> {
  ensureDebianPackages([HAPROXY], log);
  const base = `http://localhost:${options.port}`;
  const instances: AppServer[] = [];
  for (const port of options.instancePorts)
    instances.push(await startAppServer(url, log, { port, publicUrl: base, env: options.env }));
  const config = path.join(os.tmpdir(), `ezh-haproxy-${process.pid}-${options.port}.cfg`);
  fs.writeFileSync(config, `global\n  maxconn 4096\n\n${appBalancerSections(options.port, options.instancePorts)}`);
  if (instances.length > 1) {
    await checkSharedSession(instances[0]!.base, instances[1]!.base, DEMO_PASSWORD);
    log('Сеанс, открытый на первом экземпляре, принят вторым.');
  }
  const proxy = spawn('haproxy', ['-f', config], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 50; i++) {
    if ((await fetch(`${base}/login`).catch(() => null))?.status === 200) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const stopProxy = () => {
    try {
      process.kill(-proxy.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
    fs.rmSync(config, { force: true });
  };
  return {
    base,
    pid: instances[0]!.pid,
    instances,
    stop: () => {
      stopProxy();
      for (const i of instances) i.stop();
    },
    kill: () => instances[0]!.kill(),
  };
}

/** A signed-in session over plain HTTP: tRPC calls as the browser makes them (superjson), with its cookies. */
export interface HttpSession {
  /** A tRPC call with its HTTP status and answer, whatever they are (a refused or failed call does not throw). */
  call<T>(
    kind: 'query' | 'mutation',
    path: string,
    input: unknown,
  ): Promise<{ status: number; data?: T; error?: string }>;
  query<T>(path: string, input: unknown): Promise<T>;
  /** The session's cookies, as a `Cookie` header (to use the session against another instance). */
  cookies(): string;
  mutate<T>(path: string, input: unknown): Promise<T>;
  /** A GET of a file (a report route), its bytes; throws on a status other than 200. */
  download(path: string): Promise<Uint8Array>;
}

/** A response as the session reads it: status, the Set-Cookie lines, the body's bytes. */
interface Reply {
  status: number;
  setCookies: string[];
  body: Buffer;
}

/**
 * One request over a kept-alive connection (`node:http`), as a browser keeps its connection to the app. The figures
 * measure the app, not the client: undici's `fetch` adds ≈2–4 ms to every request on this machine (docs/figures.md).
 */
function request(
  agent: http.Agent,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          setCookies: res.headers['set-cookie'] ?? [],
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** GETs over one kept-alive connection, as the sessions send theirs (to time another server with the same client). */
export function keptAliveGet() {
  const agent = new http.Agent({ keepAlive: true });
  return (url: string, headers: Record<string, string> = {}) => request(agent, url, { headers });
}

export async function signInHttp(base: string, login: string, password: string): Promise<HttpSession> {
  const agent = new http.Agent({ keepAlive: true });
  const jar = new Map<string, string>();
  const keep = (res: Reply) => {
    for (const cookie of res.setCookies) {
      const pair = cookie.split(';')[0]!;
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await request(agent, `${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = JSON.parse(csrf.body.toString()) as { csrfToken: string };
  const signIn = await request(agent, `${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, login, password, json: 'true' }).toString(),
  });
  keep(signIn);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`вход ${login} не удался`);
  const send = (kind: 'query' | 'mutation', path: string, input: unknown) =>
    kind === 'query'
      ? request(agent, `${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
          headers: { cookie: cookie() },
        })
      : request(agent, `${base}/api/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: cookie() },
          body: JSON.stringify({ json: input }),
        });
  const call = async <T>(kind: 'query' | 'mutation', path: string, input: unknown) => {
    const res = await send(kind, path, input);
    const text = res.body.toString();
    try {
      const body = JSON.parse(text) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
      return { status: res.status, data: body.result?.data.json, error: body.error?.json.message };
    } catch {
      return { status: res.status, error: text.slice(0, 200) };
    }
  };
  const answer = async <T>(kind: 'query' | 'mutation', path: string, input: unknown): Promise<T> => {
    const res = await call<T>(kind, path, input);
    if (res.status !== 200 || res.error !== undefined) throw new Error(`${res.status}: ${res.error ?? 'ошибка'}`);
    return res.data as T;
  };
  return {
    call,
    cookies: cookie,
    query: (path, input) => answer('query', path, input),
    mutate: (path, input) => answer('mutation', path, input),
    download: async (path) => {
      const res = await request(agent, `${base}${path}`, { headers: { cookie: cookie() } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.body.toString()}`);
      return new Uint8Array(res.body);
    },
  };
}
