/**
 * The actor of an API request read from the session cookie without `getServerSession` (issue #14, item 1): a fresh
 * token gives its user, a token of a revoked session (sign-out everywhere raises the epoch) or of a disabled account
 * gives nobody.
 */
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { useDemoDatabase } from '../../test/demo-database';
import { requestActor } from './current-actor';
import { authSecret } from './options';

const demo = useDemoDatabase();

async function requestWith(claims: Record<string, unknown>) {
  const token = await encode({ token: claims, secret: authSecret() });
  return new NextRequest('http://127.0.0.1/api/trpc/me.get', {
    headers: { cookie: `next-auth.session-token=${token}` },
  });
}

describe('requestActor', () => {
  it('reads a fresh session token straight from the cookie', async () => {
    const { teacher } = demo.actors;
    const actor = await requestActor(await requestWith({ uid: teacher.userId, epoch: 0 }), demo.database.db);
    expect(actor?.userId).toBe(teacher.userId);
    expect(actor?.login).toBe(teacher.login);
  });

  it('gives nobody for a revoked session or a disabled account', async () => {
    const db = demo.database.db;
    const { curator } = demo.actors;
    expect(await requestActor(await requestWith({ uid: curator.userId, epoch: -1 }), db)).toBeNull();
    await db.update(users).set({ isActive: false }).where(eq(users.id, curator.userId));
    expect(await requestActor(await requestWith({ uid: curator.userId, epoch: 0 }), db)).toBeNull();
  });
});
