/**
 * The region on this machine's loopback (`npm run region:up`, docs/region.md): every port and path in one place, each
 * overridable by an environment variable. Everything listens on 127.0.0.1 only.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The variables, their defaults and what each is (docs/region.md lists the same). */
export const REGION_ENV = {
  REGION_DIR: ['.data/region', 'data directory: nodes, etcd, configs, logs, pid files'],
  REGION_PG_PORTS: ['54321,54322,54323', 'PostgreSQL of node1..node3 (Patroni starts them)'],
  REGION_PATRONI_PORTS: ['8009,8010,8011', "Patroni's REST API of node1..node3 (HAProxy's health checks)"],
  REGION_ETCD_PORTS: ['23791,23792,23793', "etcd's client ports of etcd1..etcd3 (Patroni's DCS)"],
  REGION_ETCD_PEER_PORTS: ['23801,23802,23803', "etcd's peer ports (the members' Raft)"],
  REGION_WRITE_PORT: ['54330', 'HAProxy: PostgreSQL of the current primary (writes)'],
  REGION_READ_PORT: ['54331', 'HAProxy: PostgreSQL of the replicas, the primary when none is up (reads)'],
  REGION_APP_PORT: ['3310', 'HAProxy: the app, balanced over its instances'],
  REGION_APP_PORTS: ['3311,3312', 'the app instances (empty: none)'],
  REGION_PG_BIN: ['/usr/lib/postgresql/15/bin', "PostgreSQL 15's programs"],
  REGION_TTL: ['4h', 'the watchdog stops everything this long after the last region:up (s, m, h)'],
} as const satisfies Record<string, readonly [string, string]>;

export type RegionVar = keyof typeof REGION_ENV;

export interface RegionConfig {
  /** Absolute path of the data directory. */
  dir: string;
  pgPorts: number[];
  patroniPorts: number[];
  etcdPorts: number[];
  etcdPeerPorts: number[];
  writePort: number;
  readPort: number;
  appPort: number;
  appPorts: number[];
  pgBin: string;
  /** Milliseconds. */
  ttlMs: number;
}

/** The database the app uses on the cluster. */
export const REGION_DATABASE = 'ezh';
/** Patroni's cluster name (its keys in etcd live under /ezh-region/<scope>/). */
export const REGION_SCOPE = 'ezh';
/** A file that marks a directory as a region's, so that `--purge` never removes anything else. */
export const REGION_MARK = '.ezh-region';

/** `90m`, `2h`, `3600s`, or a bare number of hours → milliseconds; throws in Russian on anything else. */
export function parseTtl(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new Error(`REGION_TTL/--ttl «${text}»: нужно время вида 90m, 4h или 3600s`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 'h') as 's' | 'm' | 'h'];
}

function ports(env: Record<string, string | undefined>, name: RegionVar, count?: number): number[] {
  const text = env[name] ?? REGION_ENV[name][0];
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (list.some((p) => !Number.isInteger(p) || p < 1024 || p > 65535))
    throw new Error(`${name}=${text}: нужны номера портов от 1024 до 65535 через запятую`);
  if (count !== undefined && list.length !== count)
    throw new Error(`${name}=${text}: нужно ${count} порта через запятую`);
  return list;
}

/** The configuration from the environment (defaults above); throws naming a bad variable or a port used twice. */
export function regionConfig(env: Record<string, string | undefined> = process.env): RegionConfig {
  const one = (name: RegionVar) => ports(env, name, 1)[0]!;
  const config: RegionConfig = {
    dir: path.resolve(env.REGION_DIR || REGION_ENV.REGION_DIR[0]),
    pgPorts: ports(env, 'REGION_PG_PORTS', 3),
    patroniPorts: ports(env, 'REGION_PATRONI_PORTS', 3),
    etcdPorts: ports(env, 'REGION_ETCD_PORTS', 3),
    etcdPeerPorts: ports(env, 'REGION_ETCD_PEER_PORTS', 3),
    writePort: one('REGION_WRITE_PORT'),
    readPort: one('REGION_READ_PORT'),
    appPort: one('REGION_APP_PORT'),
    appPorts: env.REGION_APP_PORTS === '' ? [] : ports(env, 'REGION_APP_PORTS'),
    pgBin: env.REGION_PG_BIN || REGION_ENV.REGION_PG_BIN[0],
    ttlMs: parseTtl(env.REGION_TTL || REGION_ENV.REGION_TTL[0]),
  };
  const all = allPorts(config);
  const twice = all.find((p, i) => all.indexOf(p) !== i);
  if (twice !== undefined) throw new Error(`Порт ${twice} назначен дважды (переменные REGION_*_PORT[S])`);
  return config;
}

/** Every port the region listens on. */
export function allPorts(c: RegionConfig): number[] {
  return [
    ...c.pgPorts,
    ...c.patroniPorts,
    ...c.etcdPorts,
    ...c.etcdPeerPorts,
    c.writePort,
    c.readPort,
    ...(c.appPorts.length > 0 ? [c.appPort, ...c.appPorts] : []),
  ];
}

/** What `region:up` leaves in `<dir>/region.json` for the tools that use the region (tests, bench). */
export interface RegionState {
  /** PostgreSQL through HAProxy to the primary, as the app's DATABASE_URL. */
  writeUrl: string;
  /** PostgreSQL through HAProxy to a replica (the primary when none is up), the app's DATABASE_READ_URL. */
  readUrl: string;
  /** The app through HAProxy, or null when no instance runs. */
  appUrl: string | null;
  /** Each node's own address (the failover tests kill them): name → PostgreSQL URL and Patroni's REST base. */
  nodes: { name: string; url: string; rest: string }[];
  etcd: string[];
  startedAt: string;
  /** When the watchdog stops everything. */
  expiresAt: string;
}

export const stateFile = (dir: string) => path.join(dir, 'region.json');

/** The running region's addresses, or null when `region:up` has not written them in `dir`. */
export function readRegionState(dir: string): RegionState | null {
  try {
    return JSON.parse(fs.readFileSync(stateFile(dir), 'utf8')) as RegionState;
  } catch {
    return null;
  }
}
