/**
 * The actor of an API request read from the session cookie without `getServerSession` (issue #14, item 1): a fresh
 * token of a live session gives its user; a token of an ended session, of another user's session, without a session,
 * or of a disabled account gives nobody (the events that end sessions: sessions.test.ts).
 */
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { useDemoDatabase } from '../../test/demo-database';
import { requestActor } from './current-actor';
import { authSecret } from './options';
import { endSession, startSession } from './sessions';

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
    const sid = await startSession(demo.database.db, teacher, null);
    const actor = await requestActor(await requestWith({ uid: teacher.userId, sid }), demo.database.db);
    expect(actor?.userId).toBe(teacher.userId);
    expect(actor?.login).toBe(teacher.login);
    expect(actor?.sessionId).toBe(sid);
  });

  it('gives nobody for a revoked session or a disabled account', async () => {
    const db = demo.database.db;
    const { curator, teacher } = demo.actors;
    const sid = await startSession(db, curator, null);
    const teachers = await startSession(db, teacher, null);
    expect(await requestActor(await requestWith({ uid: curator.userId, sid }), db)).not.toBeNull();
    expect(await requestActor(await requestWith({ uid: curator.userId }), db)).toBeNull();
    expect(await requestActor(await requestWith({ uid: curator.userId, sid: teachers }), db)).toBeNull();
    await endSession(db, teachers, null);
    expect(await requestActor(await requestWith({ uid: teacher.userId, sid: teachers }), db)).toBeNull();
    await db.update(users).set({ isActive: false }).where(eq(users.id, curator.userId));
    expect(await requestActor(await requestWith({ uid: curator.userId, sid }), db)).toBeNull();
  });
});
