import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { personalDataViews } from '../../db/schema';
import type { Role } from '../../domain/roles';
import { demoActors } from '../../test/actors';
import { openTestDatabase } from '../../test/database';
import type { Actor } from '../policy/actor';
import { cardViews, studentCard } from './student-card';

let database: Database;
let actors: Record<Role, Actor>;
beforeAll(async () => {
  database = await openTestDatabase();
  actors = await demoActors(database.db);
});
afterAll(async () => {
  await database?.close();
});

describe('student card', () => {
  it('shows staff the whole card and logs the view; the administrator reads the log', async () => {
    const childId = actors.parent.childStudentIds.find((c) => actors.student.ownStudentIds.some((s) => s.studentId === c.studentId))!.studentId;
    const card = await studentCard(database.db, actors.curator, childId, 'staff');
    expect(card?.details?.birthDate).toMatch(/^20\d\d-/);
    expect(card?.details?.guardians.some((g) => g.relation === 'мать')).toBe(true);
    expect(card?.history[0]).toMatchObject({ group: 'ИС-21', reason: 'Зачисление' });
    const views = await database.db.select().from(personalDataViews).where(eq(personalDataViews.studentId, childId));
    expect(views).toHaveLength(1);
    expect(views[0]!.viewerUserId).toBe(actors.curator.userId);
    const log = await cardViews(database.db, actors.admin, 10);
    expect(log[0]).toMatchObject({ login: 'kurator', student: card!.fullName });
    expect(await cardViews(database.db, actors.curator, 10)).toEqual([]);
  });

  it('shows the student and the parent the basics only, without logging', async () => {
    const childId = actors.student.ownStudentIds[0]!.studentId;
    const before = await database.db.select().from(personalDataViews);
    for (const role of ['student', 'parent'] as const) {
      const card = await studentCard(database.db, actors[role], childId, 'family');
      expect(card?.details).toBeNull();
      expect(card?.history.length).toBeGreaterThan(0);
    }
    expect(await database.db.select().from(personalDataViews)).toHaveLength(before.length);
  });

  it('refuses a curator the card of a student of another group', async () => {
    const sibling = actors.parent.childStudentIds.find((c) => !actors.student.ownStudentIds.some((s) => s.studentId === c.studentId))!.studentId;
    expect(await studentCard(database.db, actors.curator, sibling, 'staff')).toBeNull();
    expect(await studentCard(database.db, actors.student, sibling, 'family')).toBeNull();
  });
});
