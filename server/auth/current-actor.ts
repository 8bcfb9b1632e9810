import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { loadActor, type Actor } from '../policy/actor';
import { getDb } from '../db';
import { authOptions } from './options';

/**
 * The signed-in actor of this request, re-read from the database; null for anonymous, disabled or revoked users.
 * Read once per server render (React `cache`): the layout, the page and the server caller share it, and the next
 * request reads it afresh. Route handlers call it once each.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.userId) return null;
  return loadActor(await getDb(), session.userId, session.sessionEpoch);
});

/**
 * For pages: the actor, or a redirect to the login page. Layouts and pages render in parallel in the App Router, so
 * every page checks for itself rather than relying on its layout.
 */
export async function requireActor(options: { passwordPage?: boolean } = {}): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  if (actor.mustChangePassword && !options.passwordPage) redirect('/account/password');
  return actor;
}
