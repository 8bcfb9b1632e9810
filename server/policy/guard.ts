import { can, type Actor } from './actor';
import { MESSAGES } from './messages';
import type { Permission } from './permissions';

/** A refusal of the policy outside tRPC (server actions, report routes), with the HTTP status it stands for. */
export class PolicyError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
    /** Set when signing in again (or changing the issued password) would lift the refusal. */
    readonly needsSignIn = status === 401,
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** A user with an issued one-time password may do nothing else until the password is changed. */
const ALLOWED_BEFORE_PASSWORD_CHANGE: readonly Permission[] = ['home.view', 'account.self'];

/**
 * The one check behind `procedure.requires(permission)`, server actions and report routes: null when allowed,
 * otherwise the refusal.
 */
export function refusal(actor: Actor | null, permission: Permission): PolicyError | null {
  if (!actor) return new PolicyError(401, MESSAGES.unauthenticated);
  if (!can(actor, permission)) return new PolicyError(403, MESSAGES.forbidden);
  if (actor.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.includes(permission)) return new PolicyError(403, MESSAGES.mustChangePassword, true);
  return null;
}

/** For server actions and route handlers: the actor when allowed, else throws the refusal. */
export function authorize(actor: Actor | null, permission: Permission): Actor {
  const refused = refusal(actor, permission);
  if (refused) throw refused;
  return actor!;
}

export function outOfScopeError(): PolicyError {
  return new PolicyError(403, MESSAGES.outOfScope);
}
