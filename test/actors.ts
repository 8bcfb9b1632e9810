import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { DEMO_LOGINS } from '../db/seed';
import { loadActor, type Actor } from '../server/policy/actor';
import type { Role } from '../domain/roles';

export async function actorByLogin(db: Db, login: string): Promise<Actor> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.login, login)).limit(1);
  if (!user) throw new Error(`no user ${login}`);
  const actor = await loadActor(db, user.id);
  if (!actor) throw new Error(`user ${login} is inactive`);
  return actor;
}

export async function demoActors(db: Db): Promise<Record<Role, Actor>> {
  const entries = await Promise.all(
    Object.entries(DEMO_LOGINS).map(async ([role, login]) => [role, await actorByLogin(db, login)] as const),
  );
  return Object.fromEntries(entries) as Record<Role, Actor>;
}
