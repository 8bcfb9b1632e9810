import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { teachingAssignments, terms } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { placeEntry, placeInput } from '../timetable/template';
import { deleteAssignment, splitAssignmentBySubgroups } from './teaching-load';

const demo = useDemoDatabase();

describe('a journal held by the timetable', () => {
  it('is neither deleted nor split: a clear refusal instead of a failed foreign key', async () => {
    const db = demo.database.db;
    const [spring] = await db.select().from(terms).where(eq(terms.startsOn, '2027-01-12'));
    const [journal] = await db
      .select()
      .from(teachingAssignments)
      .where(and(eq(teachingAssignments.termId, spring!.id), isNull(teachingAssignments.subgroupId)))
      .orderBy(teachingAssignments.id)
      .limit(1);
    await placeEntry(
      db,
      demo.actors.methodist,
      placeInput.parse({ assignmentId: journal!.id, weekday: 2, pairNo: 3, roomId: null }),
    );
    const refusal = 'журнал есть в расписании (в том числе снятые занятия — это история расписания)';
    await expect(deleteAssignment(db, demo.actors.admin, { assignmentId: journal!.id })).rejects.toMatchObject({
      status: 400,
      message: `Удалить журнал нельзя: ${refusal}`,
    });
    await expect(
      splitAssignmentBySubgroups(db, demo.actors.admin, { assignmentId: journal!.id }),
    ).rejects.toMatchObject({ status: 400, message: `Делить журнал на подгруппы нельзя: ${refusal}` });
  });
});
