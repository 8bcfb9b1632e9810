import 'server-only';
import { getServerSession } from 'next-auth';
import { getToken, type JWT } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { cache } from 'react';
import { loadActor, type Actor } from '../policy/actor';
import type { Db } from '../../db/client';
import { getDb } from '../db';
import { authOptions, authSecret } from './options';

/** What `getToken` reads a session cookie from: a request, or the cookies and headers of a page or server action. */
type CookieSource = Parameters<typeof getToken>[0]['req'];

/** The session token of the cookie (the `__Secure-` one over HTTPS), decoded; null without a valid one. */
async function sessionToken(req: CookieSource): Promise<JWT | null> {
  const secret = authSecret();
  return (
    (await getToken({ req, secret, secureCookie: true })) ?? (await getToken({ req, secret, secureCookie: false }))
  );
}

/**
 * The actor a session token stands for, re-read from the database: null for a token without a user or a session
 * (`sid`, cookies issued before sessions were recorded), for an ended session and for a disabled account.
 */
export async function actorOfToken(db: Db, token: JWT | null): Promise<Actor | null> {
  if (!token?.uid || !token.sid) return null;
  return loadActor(db, token.uid, token.sid);
}

/**
 * The signed-in actor of a page or server action, re-read from the database; null for anonymous, disabled users and
 * ended sessions (server/auth/sessions.ts). Read once per server render (React `cache`): the layout, the page and the
 * server caller share it, and the next request reads it afresh.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const token = await sessionToken({ cookies: await cookies(), headers: await headers() } as unknown as CookieSource);
  return actorOfToken(await getDb(), token);
});

/** A session token older than this is renewed (its 12 hours start again) by the next API request. */
const RENEW_AFTER_SECONDS = 15 * 60;

/**
 * The actor of an API request (tRPC, report routes), read from the session cookie directly (≈0.2 ms; issue #14, item
 * 1). A token issued more than 15 minutes ago is also renewed through `getServerSession`, so that the session still
 * slides while a teacher only works in the grid. Null as for `currentActor`.
 */
export async function requestActor(req: NextRequest, db?: Db): Promise<Actor | null> {
  const token = await sessionToken(req);
  const issuedAt = typeof token?.iat === 'number' ? token.iat : 0;
  if (token?.uid && Date.now() / 1000 - issuedAt > RENEW_AFTER_SECONDS) await getServerSession(authOptions);
  return actorOfToken(db ?? (await getDb()), token);
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
