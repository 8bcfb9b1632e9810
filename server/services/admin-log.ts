import type { Db } from '../../db/client';
import { changeLog, editBatches } from '../../db/schema';
import type { Actor } from '../policy/actor';

/**
 * One administrative change in the append-only log: a batch (who, when, why) and its row (what: before → after).
 * Call it inside the transaction of the change, so that the change and its record land together or not at all.
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
  const [batch] = await db
    .insert(editBatches)
    .values({ institutionId, userId: actor.userId, source: 'admin', reason })
    .returning({ id: editBatches.id });
  await db.insert(changeLog).values({ institutionId, batchId: batch!.id, entity, before, after, userId: actor.userId });
  return batch!.id;
}
