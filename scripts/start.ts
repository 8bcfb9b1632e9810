/**
 * `npm start`: the college's server on this PC — a production build (built on the first start and again whenever the
 * sources are newer than it), listening on every address of the machine, IPv6 and IPv4, so that the college's other
 * PCs open it by this PC's LAN address. The embedded database and the demo college come with it as with `npm run dev`.
 *
 * Why production and not `next dev`: the dev server blocks its scripts for every origin but `localhost`, so a page
 * opened at 127.0.0.1 or from another PC never hydrates and its forms cannot work (ARCHITECTURE.md «Next.js dev
 * server»); it also compiles each page on first visit. A production server has neither problem.
 *
 * Without NEXTAUTH_SECRET a random one is made once and kept in `.data/nextauth-secret` (sessions survive restarts).
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { lanUrls, listenHost, urlHost } from '../server/network';
import { buildIsStale } from './build-freshness';

const root = path.resolve(import.meta.dirname, '..');
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
const port = env.PORT ?? '3000';
// Every address of the machine, IPv6 and IPv4 (`::`, dual-stack), unless HOST names one (server/network.ts).
const host = await listenHost(env.HOST);

if (!env.NEXTAUTH_SECRET) {
  const file = path.resolve(env.DATA_DIR ?? path.join(root, '.data'), 'nextauth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
    console.log(`[start] Создан секрет сеансов: ${file}`);
  }
  env.NEXTAUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}

const next = path.join(root, 'node_modules', '.bin', 'next');
if (buildIsStale(root)) {
  console.log('[start] Сборка приложения (первый запуск или изменились исходники, 2–4 минуты)…');
  const built = spawnSync(next, ['build'], { cwd: root, env, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('[start] Сборка не удалась — см. сообщения выше.');
    process.exit(built.status ?? 1);
  }
}

const lan = lanUrls(host, port);
console.log(
  host === '::' || host === '0.0.0.0'
    ? `[start] Журнал: http://localhost:${port} на этом компьютере${lan.length ? `; с других компьютеров колледжа — ${lan.join(' или ')}` : ''}`
    : `[start] Журнал: http://${urlHost(host)}:${port} (HOST=${host})`,
);
// Idle keep-alive connections stay open 65 s (Node's default is 5 s): a client that reuses one just as the server
// drops it gets ECONNRESET (seen in CI on an API request after a few seconds' pause); behind a proxy the same rule holds.
const child = spawn(next, ['start', '-H', host, '-p', port, '--keepAliveTimeout', '65000'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
