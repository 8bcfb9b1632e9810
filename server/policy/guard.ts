import { can, type Actor } from './actor';
import { MESSAGES } from './messages';
import { Refusal } from './refusal';
import type { Permission } from './permissions';

/** A user with an issued one-time password may do nothing else until the password is changed. */
const ALLOWED_BEFORE_PASSWORD_CHANGE: readonly Permission[] = ['home.view', 'account.self'];

/**
 * The one check behind `procedure.requires(permission)`, server actions and report routes: null when allowed,
 * otherwise the refusal.
 */
export function refusal(actor: Actor | null, permission: Permission): Refusal | null {
  if (!actor) return new Refusal(401, MESSAGES.unauthenticated);
  if (!can(actor, permission)) return new Refusal(403, MESSAGES.forbidden);
  if (actor.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.includes(permission))
    return new Refusal(403, MESSAGES.mustChangePassword, { needsSignIn: true });
  return null;
}

/** For server actions and route handlers: the actor when allowed, else throws the refusal. */
export function authorize(actor: Actor | null, permission: Permission): Actor {
  const refused = refusal(actor, permission);
  if (refused) throw refused;
  return actor!;
}
