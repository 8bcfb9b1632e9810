import { and, eq, inArray, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groups, journalCells, lessons, teachingAssignments, terms } from '../../../db/schema';
import { todayOf } from '../../policy/actor';
import { useDemoDatabase } from '../../../test/demo-database';
import { hoursDelivered, hoursInput } from './hours';
import { publishTimetable } from './publish';
import { placeEntry, placeInput } from './template';

const demo = useDemoDatabase({ timetable: 'none' });

describe('hours delivered on the demo college', () => {
  it('matches the figures computed by hand from the journals, and moves with what teachers fill', async () => {
    const db = demo.database.db;
    const { methodist, teacher } = demo.actors;
    const today = todayOf(methodist);
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const journals = await db.select().from(teachingAssignments).where(eq(teachingAssignments.termId, term!.id));
    const ids = journals.map((j) => j.id);
    const allLessons = await db.select().from(lessons).where(inArray(lessons.teachingAssignmentId, ids));
    const marked = new Set(
      (await db.select().from(journalCells))
        .filter((c) => c.attendance !== null || c.grade1 !== null || c.grade2 !== null)
        .map((c) => c.lessonId),
    );
    // By hand: a lesson is held when its date has come and something is written in it.
    const heldOf = (list: typeof allLessons) =>
      list
        .filter((l) => l.date <= today && (l.topic !== null || l.homework !== null || marked.has(l.id)))
        .reduce((n, l) => n + l.hours, 0);
    const report = await hoursDelivered(db, methodist, hoursInput.parse({ termId: term!.id }));
    const total = report.rows.at(-1)!;
    expect(total.label).toBe('Итого');
    expect(total.planned).toBe(journals.reduce((n, j) => n + j.plannedHours, 0));
    expect(total.delivered).toBe(heldOf(allLessons));
    expect(total.delivered).toBeGreaterThan(0);
    const own = journals.filter((j) => j.teacherUserId === teacher.userId);
    const mine = report.rows.find((r) => r.key === `t${teacher.userId}`)!;
    expect(mine.planned).toBe(own.reduce((n, j) => n + j.plannedHours, 0));
    expect(mine.delivered).toBe(heldOf(allLessons.filter((l) => own.some((j) => j.id === l.teachingAssignmentId))));

    // The teacher sees only their row; a period in the term narrows the figures.
    const teacherView = await hoursDelivered(db, teacher, hoursInput.parse({ termId: term!.id }));
    expect(teacherView.rows.map((r) => r.key)).toEqual([`t${teacher.userId}`, 'total']);
    expect(teacherView.rows[0]).toMatchObject({ planned: mine.planned, delivered: mine.delivered });
    const october = await hoursDelivered(
      db,
      methodist,
      hoursInput.parse({ termId: term!.id, from: '2026-10-01', to: '2026-10-31' }),
    );
    expect(october.rows.at(-1)!.delivered).toBe(
      heldOf(allLessons.filter((l) => l.date >= '2026-10-01' && l.date <= '2026-10-31')),
    );

    // A lesson of the teacher's journal taught by a substitute counts for the substitute.
    const journal = own[0]!;
    const [lesson] = allLessons
      .filter((l) => l.teachingAssignmentId === journal.id && l.date <= today && l.topic !== null)
      .sort((a, b) => b.date.localeCompare(a.date));
    const substitute = journals.find((j) => j.teacherUserId !== null && j.teacherUserId !== teacher.userId)!;
    await db.update(lessons).set({ taughtBy: substitute.teacherUserId }).where(eq(lessons.id, lesson!.id));
    const after = await hoursDelivered(db, methodist, hoursInput.parse({ termId: term!.id }));
    const mineAfter = after.rows.find((r) => r.key === `t${teacher.userId}`)!;
    const theirs = after.rows.find((r) => r.key === `t${substitute.teacherUserId}`)!;
    const theirsBefore = report.rows.find((r) => r.key === `t${substitute.teacherUserId}`)!;
    expect(mineAfter.delivered).toBe(mine.delivered - lesson!.hours);
    expect(theirs.delivered).toBe(theirsBefore.delivered + lesson!.hours);
    expect(theirs.asSubstitute).toBe(lesson!.hours);
    expect(after.rows.at(-1)!.delivered).toBe(total.delivered);
    await db.update(lessons).set({ taughtBy: null }).where(eq(lessons.id, lesson!.id));
  });

  it('takes what is due from the published timetable, by group', async () => {
    const db = demo.database.db;
    const { methodist } = demo.actors;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const [group] = await db.select().from(groups).where(eq(groups.name, 'ИС-21'));
    const [journal] = await db
      .select()
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.termId, term!.id),
          eq(teachingAssignments.groupId, group!.id),
          isNull(teachingAssignments.subgroupId),
        ),
      )
      .orderBy(teachingAssignments.id)
      .limit(1);
    const period = { termId: term!.id, by: 'item', from: '2026-11-02', to: '2026-11-28' };
    const before = await hoursDelivered(db, methodist, hoursInput.parse(period));
    await placeEntry(
      db,
      methodist,
      placeInput.parse({ assignmentId: journal!.id, weekday: 5, pairNo: 6, roomId: null }),
    );
    await publishTimetable(db, methodist, { effectiveFrom: '2026-09-01', fillPast: true });
    const after = await hoursDelivered(db, methodist, hoursInput.parse(period));
    // Fridays 06.11, 13.11, 20.11, 27.11: four pairs, 8 hours; the journal's due is now the timetable's.
    const total = (r: typeof after) => r.rows.at(-1)!;
    expect(total(after).scheduled - total(before).scheduled).toBe(8);
    const byGroup = await hoursDelivered(db, methodist, hoursInput.parse({ ...period, by: 'group' }));
    expect(byGroup.rows.map((r) => r.label)).toContain('ИС-21');

    // The head of department: their department's groups only.
    const head = demo.actors.head;
    const departmentId = head.grants.find((g) => g.role === 'head')!.departmentId!;
    const own = (await db.select().from(groups).where(eq(groups.departmentId, departmentId))).map((g) => g.name);
    const headView = await hoursDelivered(db, head, hoursInput.parse({ ...period, by: 'group' }));
    const labels = headView.rows.slice(0, -1).map((r) => r.label);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((l) => own.includes(l))).toBe(true);
    expect(byGroup.rows.length - 1).toBeGreaterThan(labels.length);
  });

  it('refuses a bad period with the field and the reason, and a role without the report', async () => {
    const db = demo.database.db;
    const { methodist, student, curator } = demo.actors;
    await expect(
      hoursDelivered(db, methodist, hoursInput.parse({ from: '2026-12-10', to: '2026-12-01' })),
    ).rejects.toMatchObject({ status: 400, message: 'Период: дата «с» (10.12.2026) позже даты «по» (01.12.2026)' });
    await expect(hoursDelivered(db, methodist, hoursInput.parse({ from: '2026-08-01' }))).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/^С: 01\.08\.2026 вне семестра/),
    });
    expect(() => hoursInput.parse({ by: 'room' })).toThrow('Разрез: по преподавателям, группам или дисциплинам');
    await expect(hoursDelivered(db, student, hoursInput.parse({}))).rejects.toMatchObject({ status: 403 });
    await expect(hoursDelivered(db, curator, hoursInput.parse({}))).rejects.toMatchObject({ status: 403 });
  });
});
