import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError } from 'zod';
import { Refusal, type RefusalStatus } from '../policy/refusal';
import { describeZodError } from './init';

/** A refusal as a page shows it (components/refusal-notice.tsx): its status and Russian message. */
export interface PageRefusal {
  status: RefusalStatus;
  message: string;
}

/**
 * A refusal thrown through the server caller (a `Refusal`, or tRPC's error around one or around zod's) as a page shows
 * it; null for anything else — a fault, which goes to the error page.
 */
export function asPageRefusal(error: unknown): PageRefusal | null {
  if (error instanceof Refusal) return { status: error.status, message: error.message };
  if (!(error instanceof TRPCError)) return null;
  if (error.cause instanceof Refusal) return { status: error.cause.status, message: error.cause.message };
  const status = getHTTPStatusCodeFromError(error);
  if (status !== 400 && status !== 401 && status !== 403 && status !== 404 && status !== 409) return null;
  return { status, message: error.cause instanceof ZodError ? describeZodError(error.cause) : error.message };
}
