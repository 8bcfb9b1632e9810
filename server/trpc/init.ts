import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Db } from '../../db/client';
import type { Actor } from '../policy/actor';
import { refusal } from '../policy/guard';
import { nulRefusal, Refusal } from '../policy/refusal';
import type { Permission } from '../policy/permissions';
import { MESSAGES } from '../policy/messages';
import type { ReadRouter, Reads } from '../read-routing';
import { transformer } from './transformer';

z.config(z.locales.ru());

export interface Context {
  /** The primary database (every write, and reads that must not lag). */
  db: Db;
  /** Null when nobody is signed in, or the user is deactivated or the session revoked. */
  actor: Actor | null;
  /**
   * Set by the HTTP route and the server caller (not by tests calling procedures directly): where a procedure declared
   * `reads: 'replica'` reads, and the WAL position this request's writes reached, for the user's cookie.
   */
  routing?: RequestRouting;
}

/** A request's part in read routing (server/read-routing.ts). */
export interface RequestRouting {
  router: ReadRouter;
  /** The user's last write (WAL_COOKIE), as the request brought it. */
  walToken: string | null;
  /** After a successful mutation: the WAL position it reached, for the response's cookie. */
  wrote: string | null;
}

export interface Meta {
  permission: Permission;
  reads: Reads;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer,
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      return {
        ...shape,
        message: zodError ? describeZodError(zodError) : shape.message,
        data: {
          ...shape.data,
          fieldErrors: zodError
            ? zodError.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
            : undefined,
          // The browser's outbox keeps a batch refused for this reason and asks to sign in again (components/trpc-client.ts).
          needsSignIn: error.cause instanceof Refusal ? error.cause.needsSignIn : error.code === 'UNAUTHORIZED',
        },
      };
    },
  });

/**
 * The Russian message of a refused input: each issue's own message, which names its field («Номер приказа:
 * заполните»); the input's path (`orderNo`) stands before it only when the message does not name the field itself.
 */
export function describeZodError(error: ZodError): string {
  // zod's own Russian messages («Неверный ввод: …», «Слишком большое значение: …») name no field.
  const namesField = (message: string) =>
    /^[А-ЯЁ][^:]{0,80}: /.test(message) && !/^(Неверн|Нераспознан|Слишком)/.test(message);
  return error.issues
    .map((i) => (i.path.length && !namesField(i.message) ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * The only way to build a procedure: `procedure.requires('journal.read')`. It refuses anonymous callers (401) and
 * actors without the permission (403); the handler then narrows data by the actor's scope. A query that tolerates a
 * little lag declares `{ reads: 'replica' }` and gets the replica's database as `ctx.db` when the request's routing
 * allows it (server/read-routing.ts); a mutation always gets the primary and records the WAL position it reached.
 */
export const procedure = {
  requires(permission: Permission, options: { reads?: Reads } = {}) {
    const reads = options.reads ?? 'primary';
    return t.procedure.meta({ permission, reads }).use(async ({ ctx, next, getRawInput, type }) => {
      const refused = refusal(ctx.actor, permission);
      if (refused) throw asTRPCError(refused);
      if (!ctx.actor) throw asTRPCError(new Refusal(401, MESSAGES.unauthenticated));
      const nul = nulRefusal(await getRawInput());
      if (nul) throw asTRPCError(nul);
      const routing = ctx.routing;
      const db = routing && type === 'query' ? await routing.router.dbFor(reads, routing.walToken) : ctx.db;
      // `primary` for the rare lag-tolerant read that also writes a little (monitoring closes remarks that stopped firing).
      const result = await next({ ctx: { db, primary: ctx.db, actor: ctx.actor } });
      if (routing && type === 'mutation' && result.ok) routing.wrote = await routing.router.positionAfterWrite();
      // The one place a refusal thrown below (service, router) becomes tRPC's error with its code.
      if (!result.ok && result.error.cause instanceof Refusal) throw asTRPCError(result.error.cause);
      return result;
    });
  },
};

function asTRPCError(refused: Refusal): TRPCError {
  return new TRPCError({ code: refused.code, message: refused.message, cause: refused });
}

/** Thrown when the record exists outside the actor's scope, or does not exist: the caller cannot tell which. */
export { outOfScope } from '../policy/refusal';
