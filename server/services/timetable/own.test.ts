import { and, eq, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groups, subgroups, teachingAssignments, terms } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { changeInput, makeChange } from './changes';
import { myWeek, timetableNotices } from './own';
import { publishTimetable } from './publish';
import { placeEntry, placeInput } from './template';

const demo = useDemoDatabase({ timetable: 'none' });
/** The tests' «now»: Saturday 05.12.2026 in Moscow; the timetable published takes effect from Monday 07.12. */
const SATURDAY = new Date('2026-12-05T09:00:00Z');

describe('one’s own published week and the notices of changes', () => {
  it('shows the teacher, the student (own subgroup only) and the parent (each child) their week, and the changes', async () => {
    const db = demo.database.db;
    const { methodist, teacher, student, parent } = demo.actors;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const [ис21] = await db.select().from(groups).where(eq(groups.name, 'ИС-21'));
    const journals = await db
      .select({
        id: teachingAssignments.id,
        subgroupId: teachingAssignments.subgroupId,
        teacherId: teachingAssignments.teacherUserId,
      })
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.groupId, ис21!.id),
          eq(teachingAssignments.termId, term!.id),
          isNotNull(teachingAssignments.teacherUserId),
        ),
      );
    const own = journals.find((j) => j.teacherId === teacher.userId && j.subgroupId === null)!;
    const halves = await db
      .select()
      .from(subgroups)
      .where(and(eq(subgroups.groupId, ис21!.id), eq(subgroups.termId, term!.id)));
    const studentHalf = halves.find((h) => h.name === '2 подгруппа')!; // the demo student is in it
    const otherHalf = halves.find((h) => h.id !== studentHalf.id)!;
    const halfJournal = (subgroupId: number) => journals.find((j) => j.subgroupId === subgroupId)!;
    const place = (assignmentId: number, weekday: number, pairNo: number) =>
      placeEntry(db, methodist, placeInput.parse({ assignmentId, weekday, pairNo, roomId: null }));
    const mon = await place(own.id, 1, 3);
    await place(halfJournal(studentHalf.id).id, 2, 1);
    const otherHalfEntry = await place(halfJournal(otherHalf.id).id, 2, 2);

    // Before publishing nobody sees anything.
    expect((await myWeek(db, teacher, { date: '2026-12-07' })).days.flatMap((d) => d.lessons)).toEqual([]);
    await publishTimetable(db, methodist, { effectiveFrom: '2026-12-07' }, SATURDAY);

    const teacherWeek = await myWeek(db, teacher, { date: '2026-12-09' });
    expect(teacherWeek.title).toBe('Мои занятия');
    expect(teacherWeek.monday).toBe('2026-12-07');
    const monday = teacherWeek.days[0]!.lessons;
    expect(monday.map((l) => [l.pairNo, l.with, l.startsAt])).toEqual([[3, 'ИС-21', '12:20']]);

    const studentWeek = await myWeek(db, student, { date: '2026-12-07' });
    expect(studentWeek.title).toMatch(/^Павлов .+, ИС-21$/);
    const studentLessons = studentWeek.days.flatMap((d) => d.lessons.map((l) => `${d.date} ${l.pairNo}`));
    expect(studentLessons).toEqual(['2026-12-07 3', '2026-12-08 1']);
    expect(
      studentWeek.days.flatMap((d) => d.lessons).some((l) => l.key.startsWith(`e${otherHalfEntry.entryId}@`)),
    ).toBe(false);

    // A parent of two switches between them; another student is refused.
    const parentWeek = await myWeek(db, parent, { date: '2026-12-07' });
    expect(parentWeek.students).toHaveLength(2);
    const sibling = parentWeek.students.find((s) => s.id !== parentWeek.studentId)!;
    expect((await myWeek(db, parent, { date: '2026-12-07', studentId: sibling.id })).title).toMatch(/, ПНК-11$/);
    await expect(myWeek(db, parent, { date: '2026-12-07', studentId: 1 })).rejects.toMatchObject({ status: 403 });

    // A cancelled lesson: once published, the teacher, the student and the parent read it at home and in the week.
    await makeChange(
      db,
      methodist,
      changeInput.parse({
        kind: 'cancel',
        targetKey: `e${mon.entryId}@2026-12-14`,
        reason: 'Курсы повышения квалификации',
      }),
    );
    const now = new Date('2026-12-01T09:00:00Z');
    expect(await timetableNotices(db, student, now)).toHaveLength(1); // the week's placements only, so far
    await publishTimetable(db, methodist, { effectiveFrom: '2026-12-07' }, SATURDAY);
    for (const actor of [teacher, student, parent]) {
      const notices = await timetableNotices(db, actor, now);
      const on14 = notices.find((n) => n.heading === 'Изменения в расписании на 14.12')!;
      expect(on14.lines).toEqual([
        expect.stringMatching(/^ИС-21, .+ — занятие отменено \(Курсы повышения квалификации\)$/),
      ]);
    }
    const cancelled = (await myWeek(db, student, { date: '2026-12-14' })).days[0]!.lessons[0]!;
    expect(cancelled).toMatchObject({ status: 'cancelled', note: 'отменено: Курсы повышения квалификации' });
    // Someone else's teacher sees no notice of it.
    const stranger = journals.find((j) => j.teacherId !== teacher.userId)!.teacherId!;
    const { loadActor } = await import('../../policy/actor');
    const other = (await loadActor(db, stranger))!;
    expect((await timetableNotices(db, other, now)).find((n) => n.heading.endsWith('14.12'))).toBeUndefined();
  });
});
