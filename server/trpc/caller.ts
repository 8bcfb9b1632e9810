import 'server-only';
import { redirect } from 'next/navigation';
import { appRouter } from '../routers';
import { createCallerFactory } from './init';
import { asPageRefusal, type PageRefusal } from './page-refusal';
import { cookies } from 'next/headers';
import { currentActor } from '../auth/current-actor';
import { readRouter } from '../db';
import { WAL_COOKIE } from '../read-routing';

const createCaller = createCallerFactory(appRouter);
type Caller = ReturnType<typeof createCaller>;

/** tRPC for server components: the same procedures, the same policy, the signed-in actor of this request. */
export async function serverCaller(): Promise<Caller> {
  const router = await readRouter();
  const walToken = (await cookies()).get(WAL_COOKIE)?.value ?? null;
  return createCaller({ db: router.primary, actor: await currentActor(), routing: { router, walToken, wrote: null } });
}

export type PageQuery<T> = { ok: true; data: T } | { ok: false; refusal: PageRefusal };

/**
 * The one place a page turns a refusal into something to render: runs `query` through the server caller; a refusal
 * (400/403/404/409) comes back as `{ ok: false, refusal }` for `<RefusalNotice>`, 401 sends to the login page, and
 * anything else is thrown to the error page.
 */
export async function pageQuery<T>(query: (trpc: Caller) => Promise<T>): Promise<PageQuery<T>> {
  try {
    return { ok: true, data: await query(await serverCaller()) };
  } catch (error) {
    const refusal = asPageRefusal(error);
    if (!refusal) throw error;
    if (refusal.status === 401) redirect('/login');
    return { ok: false, refusal };
  }
}
