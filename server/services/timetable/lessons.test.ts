import { and, asc, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, editBatches, groups, journalCells, lessons, teachingAssignments, terms } from '../../../db/schema';
import { addDays } from '../../../domain/dates';
import { useDemoDatabase } from '../../../test/demo-database';
import { loadActor } from '../../policy/actor';
import { createLesson, createLessonInput, updateLesson, updateLessonInput } from '../journal/lessons';
import { loadJournalPage } from '../journal/page';
import { saveJournalEdits } from '../journal/save';
import { setGroupPeriod } from './availability';
import { changeInput, makeChange } from './changes';
import { generateTermLessons } from './lessons';
import { publishTimetable } from './publish';
import { placeEntry, placeInput } from './template';

const demo = useDemoDatabase({ timetable: 'none' });

/** Wednesdays of the first term of the demo college: 02.09 … 23.12. */
const wednesdays = (from: string, to: string) => {
  const list: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 7)) list.push(d);
  return list;
};

describe('lessons of the journals from the published timetable', () => {
  it('fills a journal from the timetable, keeps what has marks, follows changes, and regenerates idempotently', async () => {
    const db = demo.database.db;
    const { methodist, teacher } = demo.actors;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const [group] = await db.select().from(groups).where(eq(groups.name, 'ИС-31'));
    const journals = await db
      .select({ id: teachingAssignments.id, teacherId: teachingAssignments.teacherUserId })
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
    const lessonsOf = () =>
      db
        .select()
        .from(lessons)
        .where(eq(lessons.teachingAssignmentId, journal.id))
        .orderBy(asc(lessons.date), asc(lessons.pairNo));
    const cellCount = async () =>
      (
        await db
          .select({ n: count() })
          .from(journalCells)
          .innerJoin(lessons, eq(lessons.id, journalCells.lessonId))
          .where(eq(lessons.teachingAssignmentId, journal.id))
      )[0]!.n;
    const before = await lessonsOf();
    const cellsBefore = await cellCount();
    const handOnWednesdayPair1 = before.filter((l) => new Date(l.date).getUTCDay() === 3 && l.pairNo === 1);

    // Wednesdays, 1st pair; the group's practice 14–19.12; 04.11 is a public holiday.
    await setGroupPeriod(db, methodist, {
      groupId: group!.id,
      fromDate: '2026-12-14',
      toDate: '2026-12-19',
      kind: 'practice',
    });
    await placeEntry(
      db,
      methodist,
      placeInput.parse({ assignmentId: journal.id, weekday: 3, pairNo: 1, roomId: null }),
    );
    const published = await publishTimetable(db, methodist, { effectiveFrom: '2026-09-01', fillPast: true });
    const expected = wednesdays('2026-09-02', '2026-12-23').filter((d) => d !== '2026-11-04' && d !== '2026-12-16');
    expect(expected).toHaveLength(15);

    let after = await lessonsOf();
    const planned = after.filter((l) => l.timetableKey !== null);
    expect(planned.map((l) => [l.date, l.pairNo])).toEqual(expected.map((d) => [d, 1]));
    expect(published.lessons).toMatchObject({
      journals: 1,
      created: 15 - handOnWednesdayPair1.length,
      updated: handOnWednesdayPair1.length,
      removed: 0,
      unmatched: [],
    });
    // Lessons added by hand on those Wednesdays were taken, with their marks; the others stay «вне расписания».
    for (const hand of handOnWednesdayPair1)
      expect(planned.find((l) => l.id === hand.id)?.timetableKey).toMatch(/^e\d+@/);
    expect(after).toHaveLength(before.length + 15 - handOnWednesdayPair1.length);
    expect(await cellCount()).toBe(cellsBefore);
    // Every lesson made is in the change log under a batch of the timetable.
    const logged = await db
      .select({ n: count() })
      .from(changeLog)
      .innerJoin(editBatches, eq(editBatches.id, changeLog.batchId))
      .where(and(eq(editBatches.source, 'timetable'), eq(editBatches.teachingAssignmentId, journal.id)));
    expect(logged[0]!.n).toBe(15);

    // The teacher writes a topic into 09.12; the methodist cancels 09.12 and 23.12, moves 02.12 and puts a substitute on 25.11.
    const key = (date: string) => planned.find((l) => l.date === date)!.timetableKey!;
    const dec9 = planned.find((l) => l.date === '2026-12-09')!;
    await updateLesson(
      db,
      teacher,
      updateLessonInput.parse({
        assignmentId: journal.id,
        lessonId: dec9.id,
        date: dec9.date,
        pairNo: 1,
        kind: 'lecture',
        topic: 'Повторение',
      }),
    );
    const change = (c: Record<string, unknown>) =>
      makeChange(db, methodist, changeInput.parse({ reason: 'Болезнь преподавателя', ...c }));
    await change({ kind: 'cancel', targetKey: key('2026-12-09') });
    await change({ kind: 'cancel', targetKey: key('2026-12-23') });
    await change({ kind: 'move', targetKey: key('2026-12-02'), toDate: '2026-12-03', toPairNo: 4 });
    const substitute = (
      await db
        .select({ id: teachingAssignments.teacherUserId })
        .from(teachingAssignments)
        .where(and(eq(teachingAssignments.termId, term!.id), isNotNull(teachingAssignments.teacherUserId)))
    ).find((r) => r.id !== teacher.userId)!.id!;
    const moved25 = planned.find((l) => l.date === '2026-11-25')!;
    const subResult = await change({ kind: 'substitute', targetKey: key('2026-11-25'), substituteId: substitute });
    expect(subResult).toBeTruthy();
    const again = await publishTimetable(db, methodist, { effectiveFrom: '2026-09-01', fillPast: true });
    expect(again.lessons.removed).toBe(1);
    expect(again.lessons.unmatched.map((u) => u.text)).toEqual([
      expect.stringMatching(/: занятие 09\.12\.2026, 1-я пара — в расписании его больше нет, но в нём есть записи/),
    ]);

    after = await lessonsOf();
    expect(after.find((l) => l.date === '2026-12-23')).toBeUndefined();
    expect(after.find((l) => l.id === dec9.id)).toMatchObject({ topic: 'Повторение', timetableKey: null });
    const dec2 = planned.find((l) => l.date === '2026-12-02')!;
    expect(after.find((l) => l.id === dec2.id)).toMatchObject({ date: '2026-12-03', pairNo: 4 });
    expect(after.find((l) => l.id === moved25.id)?.taughtBy).toBe(substitute);

    // The substitute fills the lesson of 25.11 and only it; the journal's teacher reads it.
    const subActor = (await loadActor(db, substitute))!;
    const subPage = (await loadJournalPage(db, subActor, journal.id, '2026-12-01'))!;
    expect(subPage.access).toMatchObject({ canEdit: true, substitute: true });
    const student = subPage.students.find((s) => s.spans.some((span) => span.to === null))!;
    const edit = (lessonId: number, actor = subActor, page = subPage) =>
      saveJournalEdits(
        db,
        actor,
        {
          assignmentId: journal.id,
          source: 'typing',
          clientBatchId: `substitute-${lessonId}-${actor.userId}`,
          cells: [
            {
              lessonId,
              studentId: student.id,
              text: 'н',
              baseVersion: page.cells.find((c) => c.lessonId === lessonId && c.studentId === student.id)?.version ?? 0,
            },
          ],
          attestation: [],
        },
        '2026-12-01',
      );
    expect(await edit(moved25.id)).toMatchObject({ status: 'saved' });
    const other = subPage.lessons.find((l) => l.date < '2026-11-25' && l.taughtBy === null)!;
    expect(await edit(other.id)).toMatchObject({
      status: 'invalid',
      errors: [{ message: expect.stringContaining('ведёт преподаватель журнала') }],
    });
    const teacherPage = (await loadJournalPage(db, teacher, journal.id, '2026-12-01'))!;
    expect(teacherPage.lessons.find((l) => l.id === moved25.id)).toMatchObject({
      fromTimetable: true,
      taughtBy: substitute,
      taughtByName: expect.stringMatching(/^\S+ \S\. /),
    });
    expect(await edit(moved25.id, teacher, teacherPage)).toMatchObject({
      status: 'invalid',
      errors: [{ message: expect.stringContaining('провёл замещающий преподаватель') }],
    });
    await expect(
      createLesson(
        db,
        subActor,
        createLessonInput.parse({ assignmentId: journal.id, date: '2026-11-26', kind: 'lecture' }),
      ),
    ).rejects.toMatchObject({ status: 403 });
    // A lesson of the timetable keeps its date and pair in the journal: the timetable moves it.
    await expect(
      updateLesson(
        db,
        teacher,
        updateLessonInput.parse({
          assignmentId: journal.id,
          lessonId: dec2.id,
          date: '2026-12-04',
          pairNo: 4,
          kind: 'lecture',
        }),
      ),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('Дата и пара: занятие из расписания') });

    // Regenerating the whole term step by step: progress to the end; the journals already agree.
    let step = await generateTermLessons(db, methodist, { termId: term!.id, after: 0 }, 25);
    const steps = [step];
    while (step.next !== null) {
      step = await generateTermLessons(db, methodist, { termId: term!.id, after: step.next }, 25);
      steps.push(step);
    }
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.at(-1)!.done).toBe(steps[0]!.total);
    expect(steps.map((s) => s.done)).toEqual([...steps.map((s) => s.done)].sort((a, b) => a - b));
    expect(steps.reduce((n, s) => n + s.created + s.updated + s.removed, 0)).toBe(0);
    expect(await lessonsOf()).toEqual(after);
  });

  it('refuses a locked term and anyone but the methodist', async () => {
    const db = demo.database.db;
    const [archive] = await db.select().from(terms).where(eq(terms.startsOn, '2027-01-12'));
    await db.update(terms).set({ locked: true }).where(eq(terms.id, archive!.id));
    await expect(
      generateTermLessons(db, demo.actors.methodist, { termId: archive!.id, after: 0 }),
    ).rejects.toMatchObject({ status: 409, message: expect.stringContaining('закрыт') });
    await db.update(terms).set({ locked: false }).where(eq(terms.id, archive!.id));
    await expect(generateTermLessons(db, demo.actors.teacher, { termId: archive!.id, after: 0 })).rejects.toMatchObject(
      { status: 403 },
    );
  });
});
