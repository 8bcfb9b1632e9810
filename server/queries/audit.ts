import { desc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { signInEvents } from '../../db/schema';
import type { Actor } from '../policy/actor';
import { institutionsFor } from '../policy/scope';

/** Sign-in attempts, sign-outs and ended sessions of the accounts of the institutions the actor administers, newest first. */
export async function signInLog(db: Db, actor: Actor, limit: number) {
  const institutionIds = institutionsFor(actor, 'audit.read');
  if (institutionIds.length === 0) return [];
  return db
    .select({
      at: signInEvents.at,
      login: signInEvents.login,
      event: signInEvents.event,
      success: signInEvents.success,
      reason: signInEvents.reason,
      ip: signInEvents.ip,
    })
    .from(signInEvents)
    .where(inArray(signInEvents.institutionId, institutionIds))
    .orderBy(desc(signInEvents.at))
    .limit(limit);
}
