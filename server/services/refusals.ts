/** The refusals services throw (server/policy/refusal.ts), and the administrator's own institution. */
import type { Actor } from '../policy/actor';
import type { Permission } from '../policy/permissions';
import { forbidden } from '../policy/refusal';
import { institutionsFor } from '../policy/scope';

export { badInput, conflict, forbidden, outOfScope } from '../policy/refusal';

/** The institution where the actor holds the permission (an administrator's own college); 403 when none. */
export function institutionOf(actor: Actor, permission: Permission): number {
  const [institutionId] = institutionsFor(actor, permission);
  if (institutionId === undefined) throw forbidden();
  return institutionId;
}
