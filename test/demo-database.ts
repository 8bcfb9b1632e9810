import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../db/client';
import type { Role } from '../domain/roles';
import type { Actor } from '../server/policy/actor';
import { demoActors } from './actors';
import { openTestDatabase } from './database';

/** A test file's own copy of the demo college and its demo accounts' actors, opened before and closed after the file. */
export function useDemoDatabase(): { database: Database; actors: Record<Role, Actor> } {
  const context = {} as { database: Database; actors: Record<Role, Actor> };
  beforeAll(async () => {
    context.database = await openTestDatabase();
    context.actors = await demoActors(context.database.db);
  });
  afterAll(async () => {
    await context.database?.close();
  });
  return context;
}
