/**
 * The production build against the bench database, on a loopback port, for the figures a user gets over HTTP and in
 * the browser; and a signed-in HTTP session (next-auth's credentials flow, cookies kept by hand).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const PORT = 3200;

async function waitFor(url: string, ms: number) {
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
  stop(): void;
  /** SIGKILL to the server's whole process group: a crash, no shutdown hooks. */
  kill(): void;
}

/**
 * Builds the app when there is no build yet, starts it on 127.0.0.1:`port` and waits for its sign-in page: on the
 * PostgreSQL database at `databaseUrl`, or with null on the embedded database of `dataDir`.
 */
export async function startAppServer(
  databaseUrl: string | null,
  log: (s: string) => void,
  options: { port?: number; dataDir?: string } = {},
): Promise<AppServer> {
  if (!fs.existsSync('.next/BUILD_ID')) {
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
  const server = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    env: {
      ...inherited,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: options.dataDir, SEED_DEMO: 'false' }),
      NEXTAUTH_SECRET: 'bench-secret-0123456789abcdef',
      NEXTAUTH_URL: base,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: 'ignore',
    detached: true,
  });
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
  return { base, stop, kill };
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

export async function signInHttp(base: string, login: string, password: string): Promise<HttpSession> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const cookie of res.headers.getSetCookie()) {
      const pair = cookie.split(';')[0]!;
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, login, password, json: 'true' }),
    redirect: 'manual',
  });
  keep(signIn);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`вход ${login} не удался`);
  const answer = async <T>(res: Response): Promise<T> => {
    const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
    if (!res.ok || !body.result) throw new Error(`${res.status}: ${body.error?.json.message ?? 'ошибка'}`);
    return body.result.data.json;
  };
  const call = async <T>(kind: 'query' | 'mutation', path: string, input: unknown) => {
    const res =
      kind === 'query'
        ? await fetch(`${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
            headers: { cookie: cookie() },
          })
        : await fetch(`${base}/api/trpc/${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: cookie() },
            body: JSON.stringify({ json: input }),
          });
    const text = await res.text();
    try {
      const body = JSON.parse(text) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
      return { status: res.status, data: body.result?.data.json, error: body.error?.json.message };
    } catch {
      return { status: res.status, error: text.slice(0, 200) };
    }
  };
  return {
    call,
    cookies: cookie,
    query: async (path, input) =>
      answer(
        await fetch(`${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
          headers: { cookie: cookie() },
        }),
      ),
    download: async (path) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie: cookie() } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    mutate: async (path, input) =>
      answer(
        await fetch(`${base}/api/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: cookie() },
          body: JSON.stringify({ json: input }),
        }),
      ),
  };
}
