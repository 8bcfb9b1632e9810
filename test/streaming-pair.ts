/**
 * A primary and a streaming standby on loopback for the read-routing tests (issue #27, item 2; the CI smoke of the
 * region): PostgreSQL 15 from Debian (`/usr/lib/postgresql/15/bin`), a fresh `initdb`, `pg_basebackup -R` for the
 * standby. Run as the `postgres` user when the tests run as root (PostgreSQL refuses root). Everything lives in a temp
 * directory and stops with `stop()` — or with the process, as the servers are started with `-c` options only.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { systemUser } from '../scripts/region/processes';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface StreamingPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops the standby at once (`-m immediate`: as a machine that died). */
  stopReplica(): void;
  startReplica(): void;
  stop(): void;
}

/** True when this machine has the PostgreSQL 15 server binaries the pair needs. */
export function canStartPair(): boolean {
  return ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].every((b) => fs.existsSync(path.join(BIN, b)));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startStreamingPair(): Promise<StreamingPair> {
  const user = process.getuid?.() === 0 ? systemUser('postgres') : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-pair-'));
  fs.chmodSync(dir, 0o700);
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  const options: SpawnSyncOptions = { encoding: 'utf8', uid: user?.uid, gid: user?.gid, cwd: dir };
  const run = (bin: string, args: string[]) => {
    const result = spawnSync(path.join(BIN, bin), args, options);
    if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')}: ${String(result.stderr || result.stdout)}`);
  };
  const serverOptions = (port: number) =>
    `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=40`;
  const start = (data: string, port: number) =>
    run('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', `${data}.log`, '-o', serverOptions(port)]);

  run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  fs.appendFileSync(path.join(primaryDir, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\n');
  start(primaryDir, primaryPort);
  run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R']);
  start(replicaDir, replicaPort);

  const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
  let replicaUp = true;
  return {
    primaryUrl: url(primaryPort),
    replicaUrl: url(replicaPort),
    stopReplica() {
      if (replicaUp) run('pg_ctl', ['stop', '-m', 'immediate', '-D', replicaDir]);
      replicaUp = false;
    },
    startReplica() {
      if (!replicaUp) start(replicaDir, replicaPort);
      replicaUp = true;
    },
    stop() {
      for (const data of [replicaDir, primaryDir])
        spawnSync(path.join(BIN, 'pg_ctl'), ['stop', '-m', 'immediate', '-D', data], options);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
