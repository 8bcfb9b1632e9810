import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import type { Db } from '../../db/client';
import type { Actor } from '../policy/actor';
import { PolicyError, refusal } from '../policy/guard';
import type { Permission } from '../policy/permissions';
import { MESSAGES } from '../policy/messages';

z.config(z.locales.ru());

export interface Context {
  db: Db;
  /** Null when nobody is signed in, or the user is deactivated or the session revoked. */
  actor: Actor | null;
}

export interface Meta {
  permission: Permission;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      return {
        ...shape,
        message: zodError ? describeZodError(zodError) : shape.message,
        data: {
          ...shape.data,
          fieldErrors: zodError ? zodError.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : undefined,
          // The browser's outbox keeps a batch refused for this reason and asks to sign in again (components/trpc-client.ts).
          needsSignIn: error.cause instanceof PolicyError ? error.cause.needsSignIn : error.code === 'UNAUTHORIZED',
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
  const namesField = (message: string) => /^[А-ЯЁ][^:]{0,80}: /.test(message) && !/^(Неверн|Нераспознан|Слишком)/.test(message);
  return error.issues.map((i) => (i.path.length && !namesField(i.message) ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * The only way to build a procedure: `procedure.requires('journal.read')`. It refuses anonymous callers (401) and
 * actors without the permission (403); the handler then narrows data by the actor's scope.
 */
export const procedure = {
  requires(permission: Permission) {
    return t.procedure.meta({ permission }).use(({ ctx, next }) => {
      const refused = refusal(ctx.actor, permission);
      if (refused) throw new TRPCError({ code: refused.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', message: refused.message, cause: refused });
      if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: MESSAGES.unauthenticated });
      return next({ ctx: { db: ctx.db, actor: ctx.actor } });
    });
  },
};

/** Thrown when the record exists outside the actor's scope, or does not exist: the caller cannot tell which. */
export function outOfScope(): TRPCError {
  return new TRPCError({ code: 'FORBIDDEN', message: MESSAGES.outOfScope });
}
