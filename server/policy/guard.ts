import { can, type Actor } from './actor';
import { MESSAGES } from './messages';
import type { Permission } from './permissions';

/** A refusal of the policy outside tRPC (server actions, report routes), with the HTTP status it stands for. */
export class PolicyError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** The same check as `procedure.requires(permission)`, for server actions and route handlers. */
export function authorize(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new PolicyError(401, MESSAGES.unauthenticated);
  if (!can(actor, permission)) throw new PolicyError(403, MESSAGES.forbidden);
  return actor;
}

export function outOfScopeError(): PolicyError {
  return new PolicyError(403, MESSAGES.outOfScope);
}
