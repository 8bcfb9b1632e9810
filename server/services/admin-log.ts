import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { Actor } from '../policy/actor';

/** A row image for the log's jsonb columns: SQL NULL for none (as drizzle writes it), else its JSON. */
const image = (row: unknown) => (row === null || row === undefined ? sql`null` : sql`${JSON.stringify(row)}::jsonb`);

/**
 * One administrative change in the append-only log: a batch (who, when, why) and its row (what: before → after).
 * Call it inside the transaction of the change, so that the change and its record land together or not at all.
 * Both rows go in one statement (a data-modifying CTE): one round trip inside the caller's transaction. Returns the
 * batch's id.
 */
export async function logAdminChange(
  db: Db,
  actor: Pick<Actor, 'userId'>,
  institutionId: number,
  entity: string,
  before: unknown,
  after: unknown,
  reason: string | null,
) {
  const [row] = await queryRows<{ batch_id: number }>(
    db,
    sql`with batch as (
        insert into edit_batches (institution_id, user_id, source, reason)
        values (${institutionId}, ${actor.userId}, 'admin', ${reason}) returning id)
      insert into change_log (institution_id, batch_id, entity, before, after, user_id)
      select ${institutionId}, batch.id, ${entity}, ${image(before)}, ${image(after)}, ${actor.userId} from batch
      returning batch_id`,
  );
  return row!.batch_id;
}
