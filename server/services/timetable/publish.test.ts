import { and, asc, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, groups, lessons, teachingAssignments, terms } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { changeInput, makeChange } from './changes';
import { generateTermLessons } from './lessons';
import { publishPreview, publishTimetable } from './publish';
import { moveEntry, placeEntry, placeInput } from './template';

const demo = useDemoDatabase({ timetable: 'none' });
/** Saturday 05.12.2026, noon in Moscow: the coming Monday is 07.12. */
const NOW = new Date('2026-12-05T09:00:00Z');

/**
 * Issue #26, item 5(a): a template placed mid-term and published filled every past week back to the term's start with
 * empty lessons (10 empty ⚠ lessons in one journal; «Занятие не заполнено» 0 → 77). A timetable takes effect from a
 * date (default: the coming Monday); the past is never filled unless asked; the publish step says what it will make.
 */
describe('a timetable published from a date', () => {
  it('makes no lessons before its date, says what it will make first, and keeps the past on later publications', async () => {
    const db = demo.database.db;
    const { methodist, teacher } = demo.actors;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const [group] = await db.select().from(groups).where(eq(groups.name, 'ИС-31'));
    const journals = await db
      .select({ id: teachingAssignments.id })
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.groupId, group!.id),
          eq(teachingAssignments.termId, term!.id),
          eq(teachingAssignments.teacherUserId, teacher.userId),
          isNull(teachingAssignments.subgroupId),
        ),
      )
      .orderBy(teachingAssignments.id);
    const journal = journals[0]!;
    const lessonsOf = (id: number) =>
      db.select().from(lessons).where(eq(lessons.teachingAssignmentId, id)).orderBy(asc(lessons.date));
    const before = await lessonsOf(journal.id);
    const pastBefore = before.filter((l) => l.date < '2026-12-07');

    // Wednesdays, 1st pair, placed on Saturday 05.12.
    const placed = await placeEntry(
      db,
      methodist,
      placeInput.parse({ assignmentId: journal.id, weekday: 3, pairNo: 1, roomId: null }),
    );

    // The publish step says what it will make before it does: from the coming Monday, nothing in the weeks past.
    const preview = await publishPreview(db, methodist, {}, NOW);
    expect(preview).toMatchObject({ effectiveFrom: '2026-12-07', defaultFrom: '2026-12-07', today: '2026-12-05' });
    expect(preview.journals).toEqual([
      expect.objectContaining({ assignmentId: journal.id, create: 3, from: '2026-12-09', to: '2026-12-23', past: 0 }),
    ]);
    expect(preview.journals[0]!.text).toMatch(/^ИС-31, .+: будет создано 3 занятия с 09\.12\.2026 по 23\.12\.2026$/);
    expect(await lessonsOf(journal.id)).toEqual(before); // the preview writes nothing

    // A past date only when asked; a date outside the terms never — each refusal names the field and why.
    await expect(publishTimetable(db, methodist, { effectiveFrom: '2026-11-02' }, NOW)).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/^Действует с: 02\.11\.2026 — дата прошла; .+«также заполнить прошедшие недели»$/),
    });
    await expect(publishPreview(db, methodist, { effectiveFrom: '2027-01-05' }, NOW)).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/^Действует с: 05\.01\.2027 не входит ни в один семестр открытого учебного года/),
    });

    const published = await publishTimetable(db, methodist, {}, NOW);
    expect(published.effectiveFrom).toBe('2026-12-07');
    expect(published.lessons).toMatchObject({ journals: 1, created: 3, removed: 0 });
    let after = await lessonsOf(journal.id);
    expect(after.filter((l) => l.date < '2026-12-07')).toEqual(pastBefore);
    expect(after.filter((l) => l.timetableKey !== null).map((l) => l.date)).toEqual([
      '2026-12-09',
      '2026-12-16',
      '2026-12-23',
    ]);
    // The publication is in the change log with its date.
    const [logged] = await db
      .select({ after: changeLog.after })
      .from(changeLog)
      .where(eq(changeLog.entity, 'timetable_publication'))
      .orderBy(changeLog.id)
      .limit(1);
    expect(logged!.after).toMatchObject({ id: published.publicationId, effectiveFrom: '2026-12-07', fillPast: false });

    // A later publication touching the journal (a cancellation) and regenerating the term keep the past weeks empty.
    await makeChange(
      db,
      methodist,
      changeInput.parse({ kind: 'cancel', targetKey: `e${placed.entryId}@2026-12-16`, reason: 'Болезнь' }),
    );
    await publishTimetable(db, methodist, {}, NOW);
    for (let after = 0, step = 0; step < 20; step++) {
      const done = await generateTermLessons(db, methodist, { termId: term!.id, after });
      if (done.next === null) break;
      after = done.next;
    }
    after = await lessonsOf(journal.id);
    expect(after.filter((l) => l.date < '2026-12-07')).toEqual(pastBefore);
    expect(after.filter((l) => l.timetableKey !== null).map((l) => l.date)).toEqual(['2026-12-09', '2026-12-23']);

    // Moved to Thursdays from 14.12: the lesson of 09.12 stays where it was held; from 14.12 on, Thursdays.
    await moveEntry(db, methodist, { entryId: placed.entryId, weekday: 4, pairNo: 1, roomId: null });
    const moving = await publishPreview(db, methodist, { effectiveFrom: '2026-12-14' }, NOW);
    expect(moving.journals).toEqual([
      expect.objectContaining({ create: 2, from: '2026-12-17', to: '2026-12-24', remove: 1 }),
    ]);
    expect(moving.journals[0]!.text).toMatch(
      /: будет создано 2 занятия с 17\.12\.2026 по 24\.12\.2026; будет удалено пустых занятий: 1$/,
    );
    await publishTimetable(db, methodist, { effectiveFrom: '2026-12-14' }, NOW);
    after = await lessonsOf(journal.id);
    expect(after.filter((l) => l.timetableKey !== null).map((l) => l.date)).toEqual([
      '2026-12-09',
      '2026-12-17',
      '2026-12-24',
    ]);

    // Asked for, the past weeks are filled from the date chosen — and the preview says how many are past.
    const second = await db
      .select({ id: teachingAssignments.id })
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.groupId, group!.id),
          eq(teachingAssignments.termId, term!.id),
          isNotNull(teachingAssignments.teacherUserId),
          isNull(teachingAssignments.subgroupId),
        ),
      )
      .orderBy(teachingAssignments.id);
    const filled = second.find((j) => j.id !== journal.id)!;
    await placeEntry(db, methodist, placeInput.parse({ assignmentId: filled.id, weekday: 5, pairNo: 6 }));
    const past = await publishPreview(db, methodist, { effectiveFrom: '2026-11-16', fillPast: true }, NOW);
    expect(past.journals).toEqual([
      expect.objectContaining({ create: 6, from: '2026-11-20', to: '2026-12-25', past: 3 }),
    ]);
    expect(past.journals[0]!.text).toMatch(/\(из них в прошедших неделях — 3\)$/);
    await publishTimetable(db, methodist, { effectiveFrom: '2026-11-16', fillPast: true }, NOW);
    const made = await db
      .select({ date: lessons.date })
      .from(lessons)
      .where(
        and(
          eq(lessons.teachingAssignmentId, filled.id),
          isNotNull(lessons.timetableKey),
          lt(lessons.date, '2026-11-16'),
        ),
      );
    expect(made).toEqual([]);
  });
});
