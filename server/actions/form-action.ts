import 'server-only';
import { refresh } from 'next/cache';
import { cookies } from 'next/headers';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { currentActor } from '../auth/current-actor';
import { readRouter } from '../db';
import { WAL_COOKIE, WAL_COOKIE_MAX_AGE_SECONDS } from '../read-routing';
import type { Actor } from '../policy/actor';
import { refusal } from '../policy/guard';
import type { Permission } from '../policy/permissions';
import { nulRefusal, Refusal, type RefusalStatus } from '../policy/refusal';
import { describeZodError } from '../trpc/init';
import { formInput } from './form-input';

/** What a form's server action answers: what was done, in Russian, or the refusal (its message names the field). */
export type FormActionResult = { ok: true; message: string } | { ok: false; status: RefusalStatus; error: string };

export interface FormActionContext {
  db: Db;
  actor: Actor | null;
}

/** A server action built by `formAction`: called by React with the previous answer and the submitted form. */
export interface FormAction {
  (previous: FormActionResult | null, form: FormData): Promise<FormActionResult>;
  readonly permission: Permission;
  /** The same action with a given database and actor and an input object: what the tests and the role matrix call. */
  readonly perform: (context: FormActionContext, input: unknown) => Promise<FormActionResult>;
  /** The input of a submitted form (see `formInput`). */
  readonly inputOf: (form: FormData) => Record<string, unknown>;
  /** The schema of its input (the tests walk it with malformed values). */
  readonly schema: z.ZodObject;
}

/**
 * The only way to build a server action, as `procedure.requires` is for tRPC:
 * `formAction.requires('contingent.manage').input(enrolInput).handle(({ db, actor, input }) => … 'Зачислен(а)')`.
 * It refuses anonymous callers (401) and actors without the permission (403) through the one policy, parses the form
 * with the zod schema (400 naming the field), turns any `Refusal` thrown below into the answer, and on success
 * refreshes the page the form is on. Written for `useActionState`, so a form also works before its script has loaded.
 */
export const formAction = {
  requires(permission: Permission) {
    return {
      input<S extends z.ZodObject>(schema: S) {
        return {
          handle(handler: (context: { db: Db; actor: Actor; input: z.output<S> }) => Promise<string>): FormAction {
            const perform = async (context: FormActionContext, raw: unknown): Promise<FormActionResult> => {
              try {
                const refused = refusal(context.actor, permission);
                if (refused) throw refused;
                const nul = nulRefusal(raw);
                if (nul) throw nul;
                const parsed = schema.safeParse(raw);
                if (!parsed.success) throw new Refusal(400, describeZodError(parsed.error));
                const message = await handler({ db: context.db, actor: context.actor!, input: parsed.data });
                return { ok: true, message };
              } catch (error) {
                if (error instanceof Refusal) return { ok: false, status: error.status, error: error.message };
                throw error;
              }
            };
            const inputOf = (form: FormData) => formInput(schema, form);
            const action = async (_previous: FormActionResult | null, form: FormData) => {
              const router = await readRouter();
              const result = await perform({ db: router.primary, actor: await currentActor() }, inputOf(form));
              if (result.ok) {
                // Read-your-writes: the user's lag-tolerant reads wait for a replica that has this write.
                const wrote = await router.positionAfterWrite();
                if (wrote)
                  (await cookies()).set(WAL_COOKIE, wrote, {
                    path: '/',
                    maxAge: WAL_COOKIE_MAX_AGE_SECONDS,
                    httpOnly: true,
                    sameSite: 'lax',
                  });
                refresh();
              }
              return result;
            };
            return Object.assign(action, { permission, perform, inputOf, schema });
          },
        };
      },
    };
  },
};
