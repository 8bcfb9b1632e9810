import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { Database, Db } from '../db/client';
import type { Role } from '../domain/roles';
import type { Actor } from '../server/policy/actor';
import { demoActors } from './actors';
import { openTestDatabase } from './database';

/**
 * A test file's own copy of the demo college and its demo accounts' actors, opened before and closed after the file.
 * `timetable: 'none'` takes the demo's published week away first (`withoutTimetable`), for the tests that build one.
 */
export function useDemoDatabase(options: { timetable?: 'seeded' | 'none' } = {}): {
  database: Database;
  actors: Record<Role, Actor>;
} {
  const context = {} as { database: Database; actors: Record<Role, Actor> };
  beforeAll(async () => {
    context.database = await openTestDatabase();
    if (options.timetable === 'none') await withoutTimetable(context.database.db);
    context.actors = await demoActors(context.database.db);
  });
  afterAll(async () => {
    await context.database?.close();
  });
  return context;
}

/**
 * The demo college as one that has not built its week yet: no placements, dated changes or publications, and the
 * journals' lessons as if entered by hand (no timetable key, no substitute) — where the methodist's tests start.
 */
export async function withoutTimetable(db: Db): Promise<void> {
  // The lessons publishing made ahead of the demo's date (no cells yet) go; those held stay as if entered by hand.
  await db.execute(sql`delete from lessons l where l.timetable_key is not null and not exists
    (select 1 from journal_cells c where c.institution_id = l.institution_id and c.lesson_id = l.id)`);
  await db.execute(sql`update lessons set timetable_key = null, taught_by = null where timetable_key is not null`);
  await db.execute(sql`delete from timetable_changes`);
  await db.execute(sql`delete from timetable_entries`);
  await db.execute(sql`delete from timetable_publications`);
}
