import 'server-only';
import { getServerSession } from 'next-auth';
import { getToken } from 'next-auth/jwt';
import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { cache } from 'react';
import { loadActor, type Actor } from '../policy/actor';
import type { Db } from '../../db/client';
import { getDb } from '../db';
import { authOptions, authSecret } from './options';

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

/** A session token older than this is renewed (its 12 hours start again) by the next API request. */
const RENEW_AFTER_SECONDS = 15 * 60;

/**
 * The actor of an API request (tRPC, report routes). The session cookie is decoded directly (≈0.2 ms) instead of
 * through `getServerSession`, which also re-issues the token on every call (≈2.6 ms of every request over HTTP —
 * issue #14, item 1); a token issued more than 15 minutes ago goes through `currentActor`, so that the session still
 * slides while a teacher only works in the grid. Null as for `currentActor`.
 */
export async function requestActor(req: NextRequest, db?: Db): Promise<Actor | null> {
  const secret = authSecret();
  const token =
    (await getToken({ req, secret, secureCookie: true })) ?? (await getToken({ req, secret, secureCookie: false }));
  const issuedAt = typeof token?.iat === 'number' ? token.iat : 0;
  if (!token?.uid || Date.now() / 1000 - issuedAt > RENEW_AFTER_SECONDS) return currentActor();
  return loadActor(db ?? (await getDb()), token.uid, token.epoch ?? 0);
}

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
