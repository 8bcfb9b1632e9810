import 'server-only';
import { appRouter } from '../routers';
import { createCallerFactory } from './init';
import { currentActor } from '../auth/current-actor';
import { getDb } from '../db';

const createCaller = createCallerFactory(appRouter);

/** tRPC for server components: the same procedures, the same policy, the signed-in actor of this request. */
export async function serverCaller() {
  return createCaller({ db: await getDb(), actor: await currentActor() });
}
