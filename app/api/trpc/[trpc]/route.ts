import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/routers';
import type { NextRequest } from 'next/server';
import { requestActor } from '@/server/auth/current-actor';
import { getDb } from '@/server/db';

function handler(req: NextRequest) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () => ({ db: await getDb(), actor: await requestActor(req) }),
  });
}

export { handler as GET, handler as POST };
