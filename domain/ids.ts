import { z } from 'zod';
import { isIsoDate } from './dates';

/** The largest PostgreSQL `integer`: an id above it would fail in the database (22003) instead of being refused. */
export const MAX_ID = 2_147_483_647;

/** A record's id as procedures and forms receive it: a positive integer (PostgreSQL `integer` identity). */
export const idSchema = z.number().int().positive().max(MAX_ID);

/** A record's id from a URL segment or a query parameter (`'12'` → 12); null when it is not a positive integer. */
export function parseId(raw: string | undefined | null): number | null {
  if (raw == null || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return idSchema.safeParse(id).success ? id : null;
}

/**
 * A date field of a form or a procedure: `yyyy-mm-dd` of a real calendar day. `field` names it in the Russian message
 * («Дата: такой даты нет в календаре — 2026-02-30»).
 */
export function isoDateSchema(field: string) {
  return z
    .string({ error: `${field}: ожидается дата в формате гггг-мм-дд` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${field}: ожидается дата в формате гггг-мм-дд`, abort: true })
    .refine(isIsoDate, { error: (issue) => `${field}: такой даты нет в календаре — ${String(issue.input)}` });
}
