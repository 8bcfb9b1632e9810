/**
 * What one call changed, and what it left in the log (issue #14, item 6: the audit is complete). A probe taken before
 * the call remembers a transaction id and each table's row count; after it, a table changed when its count moved or a
 * row carries a newer `xmin` (inserted or updated since). The log is every edit batch numbered after the probe, with its
 * `change_log` and `cell_changes` rows.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';

/** The log itself and the records of access (sign-ins, sessions, views of personal data): not changes of data. */
const LOG_TABLES = new Set([
  'edit_batches',
  'change_log',
  'cell_changes',
  'sign_in_events',
  'user_sessions',
  'personal_data_views',
]);

export interface Probe {
  xid: number;
  lastBatchId: number;
  counts: Map<string, number>;
}

export interface LoggedBatch {
  id: number;
  userId: number;
  source: string;
  createdAt: Date;
  /** `change_log` rows: entity with before and after. */
  rows: { entity: string; before: unknown; after: unknown; userId: number }[];
  /** `cell_changes` rows: one per lesson of a batch of journal cells. */
  cellRows: number;
}

async function dataTables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  return rows.map((r) => r.name).filter((name) => !LOG_TABLES.has(name));
}

async function tableState(db: Db, sinceXid: number): Promise<{ name: string; n: number; fresh: number }[]> {
  const tables = await dataTables(db);
  const union = tables
    .map(
      (t) =>
        `select '${t}' as name, count(*)::int as n, count(*) filter (where xmin::text::bigint > ${sinceXid})::int as fresh from public.${t}`,
    )
    .join(' union all ');
  return queryRows(db, sql.raw(union));
}

export async function probe(db: Db): Promise<Probe> {
  const [tx] = await queryRows<{ xid: number; batch: number }>(
    db,
    sql`select (txid_current() % 4294967296)::bigint::int as xid,
               coalesce((select max(id) from edit_batches), 0)::int as batch`,
  );
  const state = await tableState(db, Number.MAX_SAFE_INTEGER);
  return { xid: tx!.xid, lastBatchId: tx!.batch, counts: new Map(state.map((s) => [s.name, s.n])) };
}

/** The tables the call changed (names), and the batches it logged. */
export async function changesSince(db: Db, p: Probe): Promise<{ changed: string[]; batches: LoggedBatch[] }> {
  const state = await tableState(db, p.xid);
  const changed = state.filter((s) => s.fresh > 0 || s.n !== p.counts.get(s.name)).map((s) => s.name);
  const batchRows = await queryRows<{ id: number; user_id: number; source: string; created_at: Date }>(
    db,
    sql`select id, user_id, source, created_at from edit_batches where id > ${p.lastBatchId} order by id`,
  );
  const logRows = await queryRows<{
    batch_id: number;
    entity: string;
    before: unknown;
    after: unknown;
    user_id: number;
  }>(db, sql`select batch_id, entity, before, after, user_id from change_log where batch_id > ${p.lastBatchId}`);
  const cellRows = await queryRows<{ batch_id: number; n: number }>(
    db,
    sql`select batch_id, count(*)::int as n from cell_changes where batch_id > ${p.lastBatchId} group by batch_id`,
  );
  const batches = batchRows.map((b) => ({
    id: b.id,
    userId: b.user_id,
    source: b.source,
    createdAt: new Date(b.created_at),
    rows: logRows
      .filter((r) => r.batch_id === b.id)
      .map((r) => ({ entity: r.entity, before: r.before, after: r.after, userId: r.user_id })),
    cellRows: cellRows.find((c) => c.batch_id === b.id)?.n ?? 0,
  }));
  return { changed, batches };
}

/**
 * What is wrong with the log of a call made by `userId` that changed data: nothing logged, a batch of someone else, a
 * batch with no row saying what changed, rows with neither a before nor an after, or none where the two differ.
 */
export function auditProblems(changed: string[], batches: LoggedBatch[], userId: number): string[] {
  if (changed.length === 0) return ['the call changed no data: the case does not exercise a change'];
  if (batches.length === 0) return [`changed ${changed.join(', ')} and logged nothing`];
  const problems: string[] = [];
  for (const b of batches) {
    if (b.userId !== userId) problems.push(`batch ${b.id} (${b.source}) names user ${b.userId}, not ${userId}`);
    if (!(b.createdAt instanceof Date) || Number.isNaN(b.createdAt.getTime())) problems.push(`batch ${b.id}: no time`);
    if (b.rows.length === 0 && b.cellRows === 0) problems.push(`batch ${b.id} (${b.source}) has no row saying what`);
    for (const r of b.rows) {
      if (r.before === null && r.after === null) problems.push(`batch ${b.id}: a ${r.entity} row with no before/after`);
      if (r.userId !== b.userId) problems.push(`batch ${b.id}: a ${r.entity} row of another user`);
    }
  }
  const differs = batches.some(
    (b) => b.cellRows > 0 || b.rows.some((r) => JSON.stringify(r.before) !== JSON.stringify(r.after)),
  );
  if (!differs) problems.push('no logged row differs between before and after');
  return problems;
}
