/** The refusals services throw, in one place: out of scope (403), bad input (400, the message names the field). */
import { TRPCError } from '@trpc/server';
import type { Actor } from '../policy/actor';
import { MESSAGES } from '../policy/messages';
import type { Permission } from '../policy/permissions';
import { institutionsFor } from '../policy/scope';

export { outOfScope } from '../trpc/init';

export function badInput(message: string): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message });
}

/** The institution where the actor holds the permission (an administrator's own college); 403 when none. */
export function institutionOf(actor: Actor, permission: Permission): number {
  const [institutionId] = institutionsFor(actor, permission);
  if (institutionId === undefined) throw new TRPCError({ code: 'FORBIDDEN', message: MESSAGES.forbidden });
  return institutionId;
}
