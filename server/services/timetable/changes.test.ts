import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client';
import { changeLog, groups, teachingAssignments, terms } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { changeInput, groupDates, makeChange } from './changes';
import { collegeWeek } from './dates';
import { publishTimetable, timetablePending } from './publish';
import { placeEntry, placeInput } from './template';

const demo = useDemoDatabase({ timetable: 'none' });
/** The tests' «now»: Saturday 05.12.2026 in Moscow; the timetable published takes effect from Monday 07.12. */
const SATURDAY = new Date('2026-12-05T09:00:00Z');

async function setUp(db: Db) {
  const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
  const [group] = await db.select().from(groups).where(eq(groups.name, 'ИС-31'));
  const list = await db
    .select({ id: teachingAssignments.id, teacherId: teachingAssignments.teacherUserId })
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
  return {
    term: term!,
    group: group!,
    journal: list[0]!,
    other: list.find((j) => j.teacherId !== list[0]!.teacherId)!,
  };
}

const change = (over: Record<string, unknown>) => changeInput.parse({ reason: 'Болезнь преподавателя', ...over });

describe('dated changes and publishing', () => {
  it('publishes the week, then cancels, reverts, moves, substitutes and adds lessons on dates', async () => {
    const db = demo.database.db;
    const methodist = demo.actors.methodist;
    const { term, group, journal, other } = await setUp(db);
    const placed = await placeEntry(
      db,
      methodist,
      placeInput.parse({ assignmentId: journal.id, weekday: 1, pairNo: 1, roomId: null }),
    );
    const otherPlaced = await placeEntry(
      db,
      methodist,
      placeInput.parse({ assignmentId: other.id, weekday: 3, pairNo: 3, roomId: null }),
    );
    expect((await timetablePending(db, methodist)).map((l) => l.text)).toEqual([
      expect.stringMatching(/^ИС-31, .+: пн, 1-я пара — в расписании$/),
      expect.stringMatching(/^ИС-31, .+: ср, 3-я пара — в расписании$/),
    ]);
    // Nothing is visible to the college before publishing.
    const before = await collegeWeek(db, [{ ...term, yearStart: '2026-09-01' }], '2026-12-07', 'published');
    expect(before.lessons.filter((l) => l.groupId === group.id)).toEqual([]);
    const published = await publishTimetable(db, methodist, { effectiveFrom: '2026-12-07' }, SATURDAY);
    expect(published.lines).toHaveLength(2);
    await expect(publishTimetable(db, methodist, { effectiveFrom: '2026-12-07' }, SATURDAY)).rejects.toMatchObject({
      status: 409,
    });

    const key = `e${placed.entryId}@2026-12-07`;
    let week = await groupDates(db, methodist, { groupId: group.id, date: '2026-12-09' });
    expect(week.monday).toBe('2026-12-07');
    expect(week.lessons.map((l) => [l.key, l.status])).toEqual([
      [key, 'planned'],
      [`e${otherPlaced.entryId}@2026-12-09`, 'planned'],
    ]);

    // Substitutes for the lesson: not its own teacher (busy then); those who teach ИС-31 first, with why.
    const proposed = week.substitutes[key]!;
    expect(proposed.some((t) => t.id === journal.teacherId)).toBe(false);
    expect(proposed[0]!.label).toMatch(/^.+ — ведёт в группе, (ведёт этот предмет, )?замен в этом месяце: 0$/);
    expect(proposed.at(-1)!.label).not.toContain('ведёт в группе');

    expect(await makeChange(db, methodist, change({ kind: 'cancel', targetKey: key }))).toMatch(
      /^Отменено: ИС-31, .+, 07\.12\.2026, 1-я пара$/,
    );
    week = await groupDates(db, methodist, { groupId: group.id, date: '2026-12-07' });
    const cancelled = week.lessons.find((l) => l.key === key)!;
    expect(cancelled.status).toBe('cancelled');
    await expect(makeChange(db, methodist, change({ kind: 'cancel', targetKey: key }))).rejects.toMatchObject({
      status: 409,
    });
    await makeChange(db, methodist, change({ kind: 'revert', changeId: cancelled.changes[0]!.id, reason: 'Ошибка' }));
    week = await groupDates(db, methodist, { groupId: group.id, date: '2026-12-07' });
    expect(week.lessons.find((l) => l.key === key)!.status).toBe('planned');

    // A move onto the pair the group already has is refused, naming the group; to a free pair it goes.
    await expect(
      makeChange(db, methodist, change({ kind: 'move', targetKey: key, toDate: '2026-12-09', toPairNo: 3 })),
    ).rejects.toMatchObject({ status: 409, message: expect.stringContaining('Группа ИС-31 занята') });
    expect(
      await makeChange(db, methodist, change({ kind: 'move', targetKey: key, toDate: '2026-12-10', toPairNo: 2 })),
    ).toMatch(/^Перенесено: ИС-31, .+ → 10\.12\.2026, 2-я пара$/);

    // A substitute busy then is refused; a free one teaches the moved lesson.
    week = await groupDates(db, methodist, { groupId: group.id, date: '2026-12-07' });
    const moved = week.lessons.find((l) => l.date === '2026-12-10')!;
    expect(moved.key).toMatch(/^c\d+$/);
    const busyTeacher = other.teacherId!;
    // A teacher who has ИС-21 on that Thursday's second pair cannot substitute then: refused, naming the group.
    const [ис21] = await db.select().from(groups).where(eq(groups.name, 'ИС-21'));
    const [elsewhere] = await db
      .select({ id: teachingAssignments.id, teacherId: teachingAssignments.teacherUserId })
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.groupId, ис21!.id),
          eq(teachingAssignments.termId, term.id),
          isNull(teachingAssignments.subgroupId),
          isNotNull(teachingAssignments.teacherUserId),
          ne(teachingAssignments.teacherUserId, journal.teacherId!),
        ),
      )
      .limit(1);
    await placeEntry(
      db,
      methodist,
      placeInput.parse({ assignmentId: elsewhere!.id, weekday: 4, pairNo: 2, roomId: null }),
    );
    await expect(
      makeChange(
        db,
        methodist,
        change({ kind: 'substitute', targetKey: moved.key, substituteId: elsewhere!.teacherId }),
      ),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/^Нельзя: Преподаватель .+ занят: ИС-21, /),
    });
    await expect(
      makeChange(
        db,
        methodist,
        change({
          kind: 'substitute',
          targetKey: `e${otherPlaced.entryId}@2026-12-09`,
          substituteId: journal.teacherId,
        }),
      ),
    ).resolves.toMatch(/^Замена: /);
    const free = (
      await db
        .select({ id: teachingAssignments.teacherUserId })
        .from(teachingAssignments)
        .where(
          and(
            ne(teachingAssignments.teacherUserId, busyTeacher),
            ne(teachingAssignments.teacherUserId, journal.teacherId!),
            ne(teachingAssignments.teacherUserId, elsewhere!.teacherId!),
          ),
        )
        .limit(1)
    )[0]!.id!;
    expect(
      await makeChange(db, methodist, change({ kind: 'substitute', targetKey: moved.key, substituteId: free })),
    ).toMatch(/ведёт /);
    week = await groupDates(db, methodist, { groupId: group.id, date: '2026-12-07' });
    const substituted = week.lessons.find((l) => l.key === moved.key)!;
    expect(substituted.teacherId).toBe(free);
    expect(substituted.regularTeacherId).toBe(journal.teacherId);

    // An extra lesson on a holiday is refused with the day named; on a working day it is added.
    await expect(
      makeChange(db, methodist, change({ kind: 'extra', assignmentId: journal.id, toDate: '2026-11-04', toPairNo: 2 })),
    ).rejects.toMatchObject({ status: 400, message: 'Дата: 04.11.2026 — праздничный день, занятий нет' });
    expect(
      await makeChange(
        db,
        methodist,
        change({ kind: 'extra', assignmentId: journal.id, toDate: '2026-12-12', toPairNo: 1 }),
      ),
    ).toMatch(/^Добавлено занятие: /);

    // Drafts until published: the college sees the week as published, then the changes.
    let seen = (
      await collegeWeek(db, [{ ...term, yearStart: '2026-09-01' }], '2026-12-07', 'published')
    ).lessons.filter((l) => l.groupId === group.id);
    expect(seen.map((l) => l.status)).toEqual(['planned', 'planned']);
    const lines = (await publishTimetable(db, methodist, { effectiveFrom: '2026-12-07' }, SATURDAY)).lines.map(
      (l) => l.text,
    );
    expect(lines.some((t) => /занятие отменено \(Болезнь преподавателя\)$/.test(t))).toBe(true);
    expect(lines.some((t) => /отменено изменение «отмена» \(Ошибка\)$/.test(t))).toBe(true);
    expect(lines.some((t) => / — перенесено на 10\.12\.2026, 2-я пара/.test(t))).toBe(true);
    seen = (await collegeWeek(db, [{ ...term, yearStart: '2026-09-01' }], '2026-12-07', 'published')).lessons.filter(
      (l) => l.groupId === group.id,
    );
    expect(seen.map((l) => [l.date, l.status])).toEqual([
      ['2026-12-07', 'moved'],
      ['2026-12-09', 'planned'],
      ['2026-12-10', 'planned'],
      ['2026-12-12', 'planned'],
    ]);
    expect(await db.$count(changeLog, eq(changeLog.entity, 'timetable_change'))).toBe(6);
  });

  it('refuses a reason too short and a date outside the term, naming the field', async () => {
    const db = demo.database.db;
    const { journal } = await setUp(db);
    expect(
      changeInput.safeParse({ kind: 'cancel', targetKey: 'e1@2026-12-07', reason: '' }).error?.issues[0]?.message,
    ).toBe('Причина: напишите, почему меняется расписание');
    await expect(
      makeChange(
        db,
        demo.actors.methodist,
        change({ kind: 'extra', assignmentId: journal.id, toDate: '2027-02-01', toPairNo: 1 }),
      ),
    ).rejects.toMatchObject({ status: 400, message: 'Дата: 01.02.2027 вне семестра (01.09.2026–28.12.2026)' });
    await expect(
      makeChange(
        db,
        demo.actors.teacher,
        change({ kind: 'extra', assignmentId: journal.id, toDate: '2026-12-12', toPairNo: 1 }),
      ),
    ).rejects.toMatchObject({ status: 403 });
  });
});
