import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/routers';
import type { NextRequest } from 'next/server';
import { requestActor } from '@/server/auth/current-actor';
import { readRouter } from '@/server/db';
import { WAL_COOKIE, walCookieHeader } from '@/server/read-routing';
import type { RequestRouting } from '@/server/trpc/init';

function handler(req: NextRequest) {
  let routing: RequestRouting | undefined;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () => {
      const router = await readRouter();
      routing = { router, walToken: req.cookies.get(WAL_COOKIE)?.value ?? null, wrote: null };
      return { db: router.primary, actor: await requestActor(req, router.primary), routing };
    },
    // A saved write: the user's later lag-tolerant reads wait for a replica that has replayed it (read-your-writes).
    responseMeta: () => (routing?.wrote ? { headers: { 'set-cookie': walCookieHeader(routing.wrote) } } : {}),
  });
}

export { handler as GET, handler as POST };
