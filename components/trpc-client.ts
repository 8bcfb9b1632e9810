'use client';

import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@/server/routers';

/** tRPC from the browser: the same procedures and policy as the server components use. */
export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/api/trpc', transformer: superjson })],
});

/** True when the request never got an answer (offline, server down), as opposed to a refusal by the server. */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (status !== undefined) return status >= 502 && status <= 504;
    return !error.shape; // no tRPC error shape: the fetch itself failed or the answer was not tRPC's
  }
  return error instanceof TypeError;
}
