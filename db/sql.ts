import { getTableName, sql, type Column, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';

/**
 * A column always qualified by its table: `"groups"."id"`. Drizzle leaves columns unqualified in a select from one
 * table, which silently rebinds them to the inner table inside a correlated subquery. Use `q()` for every column
 * written inside a hand-made subquery.
 */
export function q(column: Column): SQL {
  const name = column.keyAsName ? toSnakeCase(column.name) : column.name;
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(name)}`;
}
