import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../db';
import { checkCredentials } from './sign-in';
import { endSession, sessionIsLive, startSession } from './sessions';
import { env } from '../env';

declare module 'next-auth' {
  interface Session {
    userId: number;
  }
  interface User {
    sessionId: string;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    /** The server's record of this session (`user_sessions.id`, server/auth/sessions.ts). */
    sid?: string;
  }
}

/** Thrown by the `jwt` callback for a cookie whose session has ended: next-auth then answers no session. */
class SessionEnded extends Error {}

/**
 * NEXTAUTH_SECRET is required in production (instrumentation.ts stops the start without it). In development a random
 * secret is kept in DATA_DIR so that sessions survive restarts.
 */
export function authSecret(): string {
  const config = env();
  if (config.NEXTAUTH_SECRET) return config.NEXTAUTH_SECRET;
  const file = path.resolve(config.DATA_DIR, 'dev-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const secret = crypto.randomBytes(32).toString('base64url');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

/**
 * The headers of the auth request being handled (app/api/auth/[...nextauth]/route.ts runs the handler inside it):
 * next-auth 4 hands its events no request, and the sign-in log wants the address of a sign-out too.
 */
export const authRequestHeaders = new AsyncLocalStorage<Record<string, string>>();

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.['x-forwarded-for'];
  if (typeof forwarded === 'string' && forwarded) return forwarded.split(',')[0]!.trim();
  const real = headers?.['x-real-ip'];
  return typeof real === 'string' ? real : null;
}

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  get secret() {
    return authSecret();
  },
  providers: [
    CredentialsProvider({
      name: 'Логин и пароль',
      credentials: { login: { label: 'Логин', type: 'text' }, password: { label: 'Пароль', type: 'password' } },
      async authorize(credentials, req) {
        const result = await checkCredentials(
          await getDb(),
          String(credentials?.login ?? ''),
          String(credentials?.password ?? ''),
          clientIp(req?.headers),
        );
        if (!result.ok) {
          // next-auth passes the message to the client as `error`; the login page turns it into Russian.
          if (result.reason === 'locked') throw new Error('locked');
          return null;
        }
        const sessionId = await startSession(await getDb(), result, clientIp(req?.headers));
        return { id: String(result.userId), name: result.displayName, sessionId };
      },
    }),
  ],
  callbacks: {
    // Called at sign-in (with `user`) and whenever next-auth reads the cookie itself (`/api/auth/session`, the
    // renewal in requestActor): a cookie of an ended session gets no session and is cleared.
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sid = user.sessionId;
      } else if (!token.uid || !token.sid || !(await sessionIsLive(await getDb(), token.sid, token.uid))) {
        throw new SessionEnded();
      }
      return token;
    },
    session({ session, token }) {
      session.userId = token.uid ?? 0;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sid) await endSession(await getDb(), token.sid, clientIp(authRequestHeaders.getStore()));
    },
  },
  logger: {
    error(code, metadata) {
      // An ended session is an answer, not an error of the server.
      const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
      if (error instanceof SessionEnded) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
};
