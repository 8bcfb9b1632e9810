import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { hasReplayed, parseLsn } from '../db/lsn';

/**
 * Where a read goes (issue #27, item 2). `primary`: the journal page, certified copies, everything inside a write.
 * `replica`: reads that tolerate a little lag — report routes and print jobs, monitoring, the family portal, the
 * calendar feed, the region's pages — declared on their procedure (`procedure.requires(…, { reads: 'replica' })`) or
 * report route (`reads: 'replica'`).
 */
export type Reads = 'primary' | 'replica';

/**
 * The cookie with the WAL position of the user's last write (`X/Y`). Read-your-writes across app instances: a replica
 * serves this user's `replica` reads only once it has replayed that position; until then they go to the primary.
 * drizzle's `withReplicas` routes by statement, not by user, so it cannot tell a user who has just saved.
 */
export const WAL_COOKIE = 'ezh-wal';

/** How long the WAL cookie lives: a replica lagging longer than this is a fault the monitoring shows, not a routing case. */
export const WAL_COOKIE_MAX_AGE_SECONDS = 60 * 60;

/** The `Set-Cookie` of the user's last write position (not secret: it only steers this user's reads). */
export function walCookieHeader(position: string): string {
  return `${WAL_COOKIE}=${position}; Path=/; Max-Age=${WAL_COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax`;
}

/** A replica that failed is not asked again for this long; its reads go to the primary meanwhile. */
const DOWN_MS = 5_000;

interface Replayed {
  /** The replica's replayed position; null when a primary answered (the read proxy fell back to it): nothing to wait for. */
  lsn: string | null;
}

/**
 * The one place that decides which database a read uses. One per process (`readRouter()` in server/db.ts): it keeps
 * only whether the replica is down — nothing another instance needs to share. With no replica configured every read
 * is the primary's, at no cost.
 */
export class ReadRouter {
  private pending: Promise<Replayed | null> | null = null;
  private downUntil = 0;
  private down = false;

  constructor(
    readonly primary: Db,
    readonly replica: Db | null,
    private readonly log: (line: string) => void = (line) => console.warn(line),
  ) {}

  /**
   * The database for a read: the primary for `primary`, without a replica, while the replica is down or has not yet
   * replayed `walToken` (the user's last write); else the replica. Never throws for the replica's sake: a replica that
   * does not answer is logged once and skipped for a few seconds.
   */
  async dbFor(reads: Reads, walToken: string | null): Promise<Db> {
    if (reads === 'primary' || !this.replica || Date.now() < this.downUntil) return this.primary;
    const wanted = parseLsn(walToken) === null ? null : walToken!;
    // Asked afresh for every read (concurrent ones share one question): the answer is also the replica's health check,
    // so a replica that has just died is not handed out.
    const state = await this.replay();
    if (!state) return this.primary;
    return !wanted || state.lsn === null || hasReplayed(state.lsn, wanted) ? this.replica : this.primary;
  }

  /** The WAL position a write just reached (`X/Y`) for the user's cookie; null without a replica. */
  async positionAfterWrite(): Promise<string | null> {
    if (!this.replica) return null;
    const [row] = await queryRows<{ lsn: string }>(this.primary, sql`select pg_current_wal_lsn()::text as lsn`);
    return row?.lsn ?? null;
  }

  private replay(): Promise<Replayed | null> {
    this.pending ??= this.ask().finally(() => (this.pending = null));
    return this.pending;
  }

  private async ask(): Promise<Replayed | null> {
    try {
      const [row] = await queryRows<{ lsn: string | null }>(
        this.replica!,
        sql`select pg_last_wal_replay_lsn()::text as lsn`,
      );
      if (this.down) this.log('[db] Реплика снова отвечает: чтение, терпящее отставание, снова с реплики');
      this.down = false;
      return { lsn: row?.lsn ?? null };
    } catch (error) {
      this.downUntil = Date.now() + DOWN_MS;
      if (!this.down) this.log(`[db] Реплика не отвечает (${rootMessage(error)}): всё чтение — с основного сервера`);
      this.down = true;
      return null;
    }
  }
}

/** The driver's own words under drizzle's «Failed query: …» wrapping (ECONNREFUSED, CONNECTION_CLOSED…). */
function rootMessage(error: unknown): string {
  let e = error;
  while (e instanceof Error && e.cause) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}
