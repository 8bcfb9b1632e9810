'use client';

import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@/server/routers';
import type { FailureKind } from './journal/save-queue';

/** tRPC from the browser: the same procedures and policy as the server components use. */
export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/api/trpc', transformer: superjson })],
});

/** A request without an answer by then is treated as lost (and the journal's outbox sends it again). */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * What a failed call means for an edit waiting in the outbox: `retry` — no answer (offline, timeout, a proxy's HTML
 * page), 408, 429 or 5xx (the server or its database restarting); `signedOut` — 401, or a refusal that a new sign-in
 * lifts (the session ended, the password was reset); `refused` — any other answer of the server (invalid input, no
 * right to this journal), which resending cannot change.
 */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof TRPCClientError) {
    const data = error.data as { httpStatus?: number; needsSignIn?: boolean } | undefined;
    const status = data?.httpStatus;
    if (status === undefined) return error.shape ? 'refused' : 'retry';
    if (status === 401 || data?.needsSignIn) return 'signedOut';
    if (status >= 500 || status === 408 || status === 429) return 'retry';
    return 'refused';
  }
  return error instanceof TypeError ||
    (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    ? 'retry'
    : 'refused';
}
