import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../db';
import { checkCredentials } from './sign-in';
import { env } from '../env';

declare module 'next-auth' {
  interface Session {
    userId: number;
    sessionEpoch: number;
  }
  interface User {
    sessionEpoch: number;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    epoch?: number;
  }
}

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
        return { id: String(result.userId), name: result.displayName, sessionEpoch: result.sessionEpoch };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.epoch = user.sessionEpoch;
      }
      return token;
    },
    session({ session, token }) {
      session.userId = token.uid ?? 0;
      session.sessionEpoch = token.epoch ?? 0;
      return session;
    },
  },
};
