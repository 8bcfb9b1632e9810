/**
 * Queries compiled once. Drizzle turns a query into SQL text on every call; for the journal's assignment query (a dozen
 * joins and the scope) that took 1.3 ms against 0.4 ms to run it. A query whose SQL depends only on a `shape` string
 * is compiled once per database and shape, its values bound to named placeholders; each call builds it again (cheap)
 * only to collect the values.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';

/** How a query builder embeds a value: a parameter by default, or a named placeholder of a prepared query. */
export type Bind = (value: unknown) => SQL;

export const inline: Bind = (value) => sql`${value}`;

interface Preparable<T> {
  prepare(name: string): { execute(values: Record<string, unknown>): Promise<T> };
}

interface PreparedQuery {
  execute(values: Record<string, unknown>): Promise<unknown>;
}
const cache = new WeakMap<Db, Map<string, PreparedQuery>>();
let names = 0;

/**
 * Runs the query `build` makes, compiled once for `shape`. `shape` must name everything the SQL's text depends on —
 * every branch `build` takes — while every value goes through `bind`.
 */
export async function runPrepared<T>(db: Db, shape: string, build: (bind: Bind) => Preparable<T>): Promise<T> {
  const values: Record<string, unknown> = {};
  let n = 0;
  const query = build((value) => {
    const name = `p${n++}`;
    values[name] = value;
    return sql`${sql.placeholder(name)}`;
  });
  let byShape = cache.get(db);
  if (!byShape) cache.set(db, (byShape = new Map<string, PreparedQuery>()));
  let prepared = byShape.get(shape);
  if (!prepared) byShape.set(shape, (prepared = query.prepare(`q${names++}`)));
  return (await prepared.execute(values)) as T;
}
