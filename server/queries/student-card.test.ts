import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useDemoDatabase } from '../../test/demo-database';
import { personalDataViews } from '../../db/schema';
import { cardViews, studentCard } from './student-card';

const demo = useDemoDatabase();

describe('student card', () => {
  it('shows staff the whole card and logs the view; the administrator reads the log', async () => {
    const childId = demo.actors.parent.childStudentIds.find((c) =>
      demo.actors.student.ownStudentIds.some((s) => s.studentId === c.studentId),
    )!.studentId;
    const card = await studentCard(demo.database.db, demo.actors.curator, childId, 'staff');
    expect(card?.details?.birthDate).toMatch(/^20\d\d-/);
    expect(card?.details?.guardians.some((g) => g.relation === 'мать')).toBe(true);
    expect(card?.history[0]).toMatchObject({ group: 'ИС-21', reason: 'Зачисление' });
    const views = await demo.database.db
      .select()
      .from(personalDataViews)
      .where(eq(personalDataViews.studentId, childId));
    expect(views).toHaveLength(1);
    expect(views[0]!.viewerUserId).toBe(demo.actors.curator.userId);
    const log = await cardViews(demo.database.db, demo.actors.admin, 10);
    expect(log[0]).toMatchObject({ login: 'kurator', student: card!.fullName });
    expect(await cardViews(demo.database.db, demo.actors.curator, 10)).toEqual([]);
  });

  it('shows the student and the parent the basics only, without logging', async () => {
    const childId = demo.actors.student.ownStudentIds[0]!.studentId;
    const before = await demo.database.db.select().from(personalDataViews);
    for (const role of ['student', 'parent'] as const) {
      const card = await studentCard(demo.database.db, demo.actors[role], childId, 'family');
      expect(card?.details).toBeNull();
      expect(card?.history.length).toBeGreaterThan(0);
    }
    expect(await demo.database.db.select().from(personalDataViews)).toHaveLength(before.length);
  });

  it('refuses a curator the card of a student of another group', async () => {
    const sibling = demo.actors.parent.childStudentIds.find(
      (c) => !demo.actors.student.ownStudentIds.some((s) => s.studentId === c.studentId),
    )!.studentId;
    expect(await studentCard(demo.database.db, demo.actors.curator, sibling, 'staff')).toBeNull();
    expect(await studentCard(demo.database.db, demo.actors.student, sibling, 'family')).toBeNull();
  });
});
