import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Db } from '../../db/client';
import type { Actor } from '../policy/actor';
import { refusal } from '../policy/guard';
import { nulRefusal, Refusal } from '../policy/refusal';
import type { Permission } from '../policy/permissions';
import { MESSAGES } from '../policy/messages';
import { transformer } from './transformer';

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
 * actors without the permission (403); the handler then narrows data by the actor's scope.
 */
export const procedure = {
  requires(permission: Permission) {
    return t.procedure.meta({ permission }).use(async ({ ctx, next, getRawInput }) => {
      const refused = refusal(ctx.actor, permission);
      if (refused) throw asTRPCError(refused);
      if (!ctx.actor) throw asTRPCError(new Refusal(401, MESSAGES.unauthenticated));
      const nul = nulRefusal(await getRawInput());
      if (nul) throw asTRPCError(nul);
      const result = await next({ ctx: { db: ctx.db, actor: ctx.actor } });
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
