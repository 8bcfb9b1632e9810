import { and, between, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groupMemberships, journalCells, lessons, teachingAssignments } from '../../db/schema';
import { useDemoDatabase } from '../../test/demo-database';
import { curatorWeekInput, loadCuratorWeek, renderCuratorWeekPdf, renderCuratorWeekXlsx } from './curator-week';

const demo = useDemoDatabase();

describe('the curator’s week on the demo college', () => {
  it('lays out the group’s students × subjects for the week with every mark of the period, and the risks', async () => {
    const db = demo.database.db;
    const { curator } = demo.actors;
    const groupId = curator.grants.find((g) => g.role === 'curator')!.groupId!;
    const week = await loadCuratorWeek(db, curator, curatorWeekInput.parse({ groupId, date: '2026-11-25' }));
    expect([week.from, week.to]).toEqual(['2026-11-23', '2026-11-29']);
    const members = await db
      .selectDistinct({ id: groupMemberships.studentId })
      .from(groupMemberships)
      .where(eq(groupMemberships.groupId, groupId));
    expect(week.rows.length).toBeLessThanOrEqual(members.length);
    expect(week.rows.length).toBeGreaterThan(10);

    // By hand: every non-empty cell of the group's lessons in the week is in the table.
    const journals = (await db.select().from(teachingAssignments).where(eq(teachingAssignments.groupId, groupId))).map(
      (j) => j.id,
    );
    const cells = await db
      .select({ studentId: journalCells.studentId, grade1: journalCells.grade1, attendance: journalCells.attendance })
      .from(journalCells)
      .innerJoin(
        lessons,
        and(eq(lessons.institutionId, journalCells.institutionId), eq(lessons.id, journalCells.lessonId)),
      )
      .where(and(inArray(lessons.teachingAssignmentId, journals), between(lessons.date, week.from, week.to)));
    const marked = cells.filter((c) => c.grade1 !== null || c.attendance !== null);
    const inTable = week.rows.reduce((n, r) => n + Object.values(r.cells).reduce((m, c) => m + c.marks.length, 0), 0);
    expect(inTable).toBe(marked.length);
    expect(week.atRisk.every((r) => r.risks.length > 0)).toBe(true);

    const month = await loadCuratorWeek(
      db,
      curator,
      curatorWeekInput.parse({ groupId, date: '2026-11-25', period: 'month' }),
    );
    expect([month.from, month.to]).toEqual(['2026-11-01', '2026-11-30']);
    expect((await renderCuratorWeekPdf(week)).subarray(0, 4).toString()).toBe('%PDF');
    expect((await renderCuratorWeekXlsx(month)).length).toBeGreaterThan(1000);
  });

  it('refuses a group that is not the curator’s', async () => {
    const db = demo.database.db;
    const { curator } = demo.actors;
    const own = curator.grants.find((g) => g.role === 'curator')!.groupId!;
    await expect(loadCuratorWeek(db, curator, curatorWeekInput.parse({ groupId: own + 1 }))).rejects.toMatchObject({
      status: 403,
    });
  });
});
