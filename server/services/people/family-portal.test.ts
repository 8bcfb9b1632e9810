import { ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { students } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { familyPortal } from './family-portal';

const demo = useDemoDatabase();

describe('the family portal', () => {
  it('shows the child’s subjects with grades, lessons, averages and the 5 grades; nothing of classmates', async () => {
    const db = demo.database.db;
    const { parent, student } = demo.actors;
    const child = parent.childStudentIds[0]!.studentId;
    const portal = await familyPortal(db, parent, { studentId: child });
    expect(portal.subjects.length).toBeGreaterThan(3);
    const graded = portal.subjects.find((s) => s.grades.length > 0)!;
    const lessonGrades = graded.lessons.flatMap((l) => l.grades);
    expect(lessonGrades.sort()).toEqual([...graded.grades].sort());
    expect(graded.gradesToGo).toBe(Math.max(0, 5 - graded.gradeCount));
    expect(graded.lessons.every((l) => l.date <= portal.today)).toBe(true);
    expect(graded.lessons.some((l) => l.topic)).toBe(true);
    // The student reads the same of himself.
    const own = await familyPortal(db, student, { studentId: child });
    expect(own.subjects.map((s) => s.grades)).toEqual(portal.subjects.map((s) => s.grades));
    // No other student's name anywhere in it.
    const text = JSON.stringify(portal);
    expect(text).toContain(portal.student);
    const others = await db.select().from(students).where(ne(students.id, child));
    for (const o of others) expect(text).not.toContain(`${o.lastName} ${o.firstName}`);
  });

  it('refuses somebody else’s child', async () => {
    const db = demo.database.db;
    const { parent } = demo.actors;
    await expect(familyPortal(db, parent, { studentId: 1 })).rejects.toMatchObject({ status: 403 });
  });
});
