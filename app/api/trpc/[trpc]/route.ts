import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/routers';
import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/server/db';

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () => ({ db: await getDb(), actor: await currentActor() }),
  });
}

export { handler as GET, handler as POST };
