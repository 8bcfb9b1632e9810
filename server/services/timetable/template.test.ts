import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client';
import {
  changeLog,
  rooms,
  teacherUnavailability,
  teachingAssignments,
  terms,
  timetableEntries,
} from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { cellOptions, moveEntry, moveInput, placeEntry, placeInput, removeEntry, slotOptionsInput } from './template';
import { groupWeek, termCollisionsOf } from './week';

const demo = useDemoDatabase({ timetable: 'none' });

interface Journal {
  id: number;
  groupId: number;
  subgroupId: number | null;
  teacherId: number | null;
}

async function autumn(db: Db) {
  const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
  return term!;
}

async function journals(db: Db): Promise<Journal[]> {
  const term = await autumn(db);
  return db
    .select({
      id: teachingAssignments.id,
      groupId: teachingAssignments.groupId,
      subgroupId: teachingAssignments.subgroupId,
      teacherId: teachingAssignments.teacherUserId,
    })
    .from(teachingAssignments)
    .where(and(eq(teachingAssignments.termId, term.id), isNotNull(teachingAssignments.teacherUserId)))
    .orderBy(teachingAssignments.id);
}

const place = (over: Record<string, unknown>) => placeInput.parse({ weekday: 1, pairNo: 1, ...over });

async function roomId(db: Db, number: string) {
  const [room] = await db.select({ id: rooms.id }).from(rooms).where(eq(rooms.number, number));
  return room!.id;
}

describe('the weekly template (the methodist)', () => {
  it('shows a group’s week: days with their bells, the journals with plan / scheduled / held hours', async () => {
    const db = demo.database.db;
    const term = await autumn(db);
    const week = await groupWeek(db, demo.actors.methodist, { termId: term.id });
    expect(week.groups.map((g) => g.name)).toEqual(['ИС-11', 'ИС-21', 'ИС-31', 'ПНК-11', 'ТО-21', 'ЭБ-21']);
    expect(week.group?.name).toBe('ИС-11');
    expect(week.days.map((d) => [d.name, d.pairs.length])).toEqual([
      ['Понедельник', 6],
      ['Вторник', 6],
      ['Среда', 6],
      ['Четверг', 6],
      ['Пятница', 6],
      ['Суббота', 4],
    ]);
    expect(week.entries).toEqual([]);
    expect(week.journals.length).toBeGreaterThan(5);
    for (const j of week.journals) expect(j.scheduledHours).toBe(0);
    expect(week.journals.some((j) => j.heldHours > 0)).toBe(true);
  });

  it('places a journal with a proposed room and counts its hours over the term (holidays skipped)', async () => {
    const db = demo.database.db;
    const [j] = (await journals(db)).filter((x) => x.subgroupId === null);
    const placed = await placeEntry(db, demo.actors.methodist, place({ assignmentId: j!.id, weekday: 1, pairNo: 1 }));
    expect(placed.room).toBeTruthy();
    const wednesday = await placeEntry(
      db,
      demo.actors.methodist,
      place({ assignmentId: j!.id, weekday: 3, pairNo: 1 }),
    );
    const numerator = await placeEntry(
      db,
      demo.actors.methodist,
      place({ assignmentId: j!.id, weekday: 1, pairNo: 2, parity: 'numerator' }),
    );
    const term = await autumn(db);
    const week = await groupWeek(db, demo.actors.methodist, { termId: term.id, groupId: j!.groupId });
    // 1.09–28.12.2026: 17 Mondays; 17 Wednesdays but 4 November; numerator Mondays from 14.09 every other week: 8.
    expect(week.journals.find((x) => x.assignmentId === j!.id)?.scheduledHours).toBe((17 + 16 + 8) * 2);
    expect(week.entries.filter((e) => e.assignmentId === j!.id).map((e) => [e.weekday, e.pairNo, e.parity])).toEqual([
      [1, 1, 'every'],
      [1, 2, 'numerator'],
      [3, 1, 'every'],
    ]);
    for (const entryId of [placed.entryId, wednesday.entryId, numerator.entryId])
      await removeEntry(db, demo.actors.methodist, { entryId });
  });

  it('refuses a teacher, a room and a group twice on one pair, naming whom it collides with', async () => {
    const db = demo.database.db;
    const methodist = demo.actors.methodist;
    const all = await journals(db);
    const byTeacher = new Map<number, Journal[]>();
    for (const j of all.filter((x) => x.subgroupId === null))
      byTeacher.set(j.teacherId!, [...(byTeacher.get(j.teacherId!) ?? []), j]);
    const [first, second] = [...byTeacher.values()]
      .find((list) => new Set(list.map((j) => j.groupId)).size > 1)!
      .filter((j, i, list) => list.findIndex((x) => x.groupId === j.groupId) === i);
    const room = await roomId(db, '103');
    const slot = { weekday: 2, pairNo: 3 };
    const held = await placeEntry(db, methodist, place({ assignmentId: first!.id, ...slot, roomId: room }));

    await expect(
      placeEntry(db, methodist, place({ assignmentId: second!.id, ...slot, roomId: null })),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(
        /^Нельзя поставить: Преподаватель [А-Яа-яё]+ [А-Я]\. [А-Я]\. занят: [А-ЯЁ]+-\d+, /,
      ),
    });
    const otherTeacher = all.find(
      (j) => j.subgroupId === null && j.groupId !== first!.groupId && j.teacherId !== first!.teacherId,
    )!;
    await expect(
      placeEntry(db, methodist, place({ assignmentId: otherTeacher.id, ...slot, roomId: room })),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/^Нельзя поставить: Аудитория 103 занята: [А-ЯЁ]+-\d+, /),
    });
    const sameGroup = all.find((j) => j.groupId === first!.groupId && j.teacherId !== first!.teacherId)!;
    await expect(
      placeEntry(db, methodist, place({ assignmentId: sameGroup.id, ...slot, roomId: null })),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/^Нельзя поставить: (Группа [А-ЯЁ]+-\d+ занята|Подгруппа)/),
    });
    // The grid shows the same reasons on that cell for the second journal, and a free cell as free.
    const cells = await cellOptions(db, methodist, slotOptionsInput.parse({ assignmentId: second!.id }));
    expect(cells.find((c) => c.weekday === 2 && c.pairNo === 3)?.conflicts[0]).toMatchObject({
      rule: 'teacher',
      hard: true,
    });
    expect(cells.filter((c) => c.weekday === 6)).toHaveLength(4);
    await removeEntry(db, methodist, { entryId: held.entryId });
  });

  it('lets disjoint subgroups share a pair, not a subgroup with its whole group; numerator beside denominator', async () => {
    const db = demo.database.db;
    const methodist = demo.actors.methodist;
    const all = await journals(db);
    const halves = all.filter((j) => j.subgroupId !== null);
    const groupId = halves.find((j) =>
      halves.some((k) => k.groupId === j.groupId && k.subgroupId !== j.subgroupId),
    )!.groupId;
    const [a, b] = halves.filter((j) => j.groupId === groupId);
    // The demo college's language halves share a teacher; give the second half its own, as a real split has.
    const substitute = all.find((j) => j.groupId !== groupId && j.teacherId !== a!.teacherId)!.teacherId;
    await db.update(teachingAssignments).set({ teacherUserId: substitute }).where(eq(teachingAssignments.id, b!.id));
    b!.teacherId = substitute;
    const whole = all.filter(
      (j) =>
        j.groupId === groupId && j.subgroupId === null && j.teacherId !== a!.teacherId && j.teacherId !== b!.teacherId,
    );
    const slot = { weekday: 4, pairNo: 2, roomId: null };
    const one = await placeEntry(db, methodist, place({ assignmentId: a!.id, ...slot }));
    const two = await placeEntry(db, methodist, place({ assignmentId: b!.id, ...slot }));
    await expect(placeEntry(db, methodist, place({ assignmentId: whole[0]!.id, ...slot }))).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('Подгруппа «'),
    });
    const slot2 = { weekday: 4, pairNo: 4, roomId: null };
    const num = await placeEntry(db, methodist, place({ assignmentId: whole[0]!.id, ...slot2, parity: 'numerator' }));
    const den = await placeEntry(db, methodist, place({ assignmentId: whole[1]!.id, ...slot2, parity: 'denominator' }));
    await expect(placeEntry(db, methodist, place({ assignmentId: whole[2]!.id, ...slot2 }))).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/занята: .* — числитель/),
    });
    for (const e of [one, two, num, den]) await removeEntry(db, methodist, { entryId: e.entryId });
  });

  it('asks a reason to go over a soft rule (a small room, the teacher away, a fifth pair) and keeps it', async () => {
    const db = demo.database.db;
    const methodist = demo.actors.methodist;
    const j = (await journals(db)).find((x) => x.subgroupId === null)!;
    const small = await db
      .insert(rooms)
      .values({ institutionId: 1, number: 'Т-1', seats: 5, kind: 'lecture' })
      .returning();
    await expect(
      placeEntry(db, methodist, place({ assignmentId: j.id, weekday: 5, pairNo: 1, roomId: small[0]!.id })),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/^Нужна причина, .*Аудитория Т-1 мала: 5 мест на \d+ студент/),
    });
    const over = await placeEntry(
      db,
      methodist,
      place({
        assignmentId: j.id,
        weekday: 5,
        pairNo: 1,
        roomId: small[0]!.id,
        overrideReason: 'Лекция в малом зале по заявке',
      }),
    );
    expect(over.overridden).toHaveLength(1);
    const [row] = await db.select().from(timetableEntries).where(eq(timetableEntries.id, over.entryId));
    expect(row!.overrideReason).toBe('Лекция в малом зале по заявке');

    await db.insert(teacherUnavailability).values({ institutionId: 1, userId: j.teacherId!, weekday: 5, pairNo: 2 });
    await expect(
      placeEntry(db, methodist, place({ assignmentId: j.id, weekday: 5, pairNo: 2, roomId: null })),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('недоступен: пт, 2-я пара'),
    });
    const placed = [over];
    for (const pairNo of [3, 4, 5])
      placed.push(await placeEntry(db, methodist, place({ assignmentId: j.id, weekday: 5, pairNo, roomId: null })));
    await expect(
      placeEntry(db, methodist, place({ assignmentId: j.id, weekday: 5, pairNo: 6, roomId: null })),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/будет 5 пар в пятницу — больше 4/),
    });
    for (const e of placed) await removeEntry(db, methodist, { entryId: e.entryId });
  });

  it('moves a placement (the old row kept as removed, both in the log) and refuses a move onto a busy pair', async () => {
    const db = demo.database.db;
    const methodist = demo.actors.methodist;
    const all = (await journals(db)).filter((x) => x.subgroupId === null);
    const [a, b] = all
      .filter((j) => j.groupId === all[0]!.groupId && j.teacherId !== all[0]!.teacherId)
      .concat(all[0]!);
    const logged = (await db.select().from(changeLog).where(eq(changeLog.entity, 'timetable_entry'))).length;
    const first = await placeEntry(db, methodist, place({ assignmentId: a!.id, weekday: 6, pairNo: 1, roomId: null }));
    const second = await placeEntry(db, methodist, place({ assignmentId: b!.id, weekday: 6, pairNo: 2, roomId: null }));
    const moved = await moveEntry(db, methodist, moveInput.parse({ entryId: first.entryId, weekday: 6, pairNo: 3 }));
    const [old] = await db.select().from(timetableEntries).where(eq(timetableEntries.id, first.entryId));
    expect(old!.removedAt).not.toBeNull();
    const [now] = await db.select().from(timetableEntries).where(eq(timetableEntries.id, moved.entryId));
    expect(now).toMatchObject({ weekday: 6, pairNo: 3, movedFromId: first.entryId, removedAt: null });
    await expect(
      moveEntry(db, methodist, moveInput.parse({ entryId: moved.entryId, weekday: 6, pairNo: 2 })),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('Группа'),
    });
    await expect(
      moveEntry(db, methodist, moveInput.parse({ entryId: first.entryId, weekday: 6, pairNo: 4 })),
    ).rejects.toMatchObject({
      status: 409,
      message: 'Это занятие уже перемещено или снято — расписание обновлено',
    });
    await removeEntry(db, methodist, { entryId: moved.entryId });
    await removeEntry(db, methodist, { entryId: second.entryId });
    await expect(removeEntry(db, methodist, { entryId: second.entryId })).rejects.toMatchObject({ status: 409 });
    expect((await db.select().from(changeLog).where(eq(changeLog.entity, 'timetable_entry'))).length).toBe(logged + 5);
    expect(
      await db.$count(timetableEntries, and(isNull(timetableEntries.removedAt), eq(timetableEntries.weekday, 6))),
    ).toBe(0);
  });

  it('of two placements of one teacher on one pair at once, exactly one lands', async () => {
    const db = demo.database.db;
    const methodist = demo.actors.methodist;
    const all = (await journals(db)).filter((x) => x.subgroupId === null);
    const teacher = all.find((j) => all.some((k) => k.teacherId === j.teacherId && k.groupId !== j.groupId))!;
    const other = all.find((k) => k.teacherId === teacher.teacherId && k.groupId !== teacher.groupId)!;
    const results = await Promise.allSettled(
      [teacher, other].map((j) =>
        placeEntry(db, methodist, place({ assignmentId: j.id, weekday: 2, pairNo: 5, roomId: null })),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const live = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(timetableEntries)
      .where(and(isNull(timetableEntries.removedAt), eq(timetableEntries.weekday, 2), eq(timetableEntries.pairNo, 5)));
    expect(live[0]!.n).toBe(1);
  });

  it('finds the collisions a change of the load makes under placed lessons, naming both sides', async () => {
    const db = demo.database.db;
    const methodist = demo.actors.methodist;
    const term = await autumn(db);
    const all = (await journals(db)).filter((x) => x.subgroupId === null);
    const first = all[0]!;
    const second = all.find((j) => j.groupId !== first.groupId && j.teacherId !== first.teacherId)!;
    const a = await placeEntry(db, methodist, place({ assignmentId: first.id, weekday: 3, pairNo: 6, roomId: null }));
    const b = await placeEntry(db, methodist, place({ assignmentId: second.id, weekday: 3, pairNo: 6, roomId: null }));
    expect((await termCollisionsOf(db, methodist, { termId: term.id })).collisions).toEqual([]);
    await db
      .update(teachingAssignments)
      .set({ teacherUserId: first.teacherId })
      .where(eq(teachingAssignments.id, second.id));
    const { collisions } = await termCollisionsOf(db, methodist, { termId: term.id });
    expect(collisions).toHaveLength(1);
    expect(collisions[0]).toMatchObject({ rule: 'teacher', entryIds: [a.entryId, b.entryId] });
    expect(collisions[0]!.message).toMatch(/^Преподаватель .+: [А-ЯЁ]+-\d+, .+ и [А-ЯЁ]+-\d+, .+ — ср, 6-я пара$/);
    await db
      .update(teachingAssignments)
      .set({ teacherUserId: second.teacherId })
      .where(eq(teachingAssignments.id, second.id));
    for (const e of [a, b]) await removeEntry(db, methodist, { entryId: e.entryId });
  });

  it('lets the head of department place only in the department’s groups', async () => {
    const db = demo.database.db;
    const head = demo.actors.head;
    const term = await autumn(db);
    const week = await groupWeek(db, head, { termId: term.id });
    expect(week.groups.map((g) => g.name)).toEqual(['ИС-11', 'ИС-21', 'ИС-31', 'ТО-21']);
    const outside = (await journals(db)).find((j) => !week.groups.some((g) => g.id === j.groupId))!;
    await expect(
      placeEntry(db, head, place({ assignmentId: outside.id, weekday: 6, pairNo: 4 })),
    ).rejects.toMatchObject({ status: 403 });
    await expect(groupWeek(db, head, { termId: term.id, groupId: outside.groupId })).rejects.toMatchObject({
      status: 403,
    });
    for (const actor of [demo.actors.teacher, demo.actors.admin, demo.actors.curator])
      await expect(groupWeek(db, actor, { termId: term.id })).rejects.toMatchObject({ status: expect.any(Number) });
  });

  it('refuses dates outside the term and a day or pair beyond the week, with the field named', async () => {
    const db = demo.database.db;
    const j = (await journals(db))[0]!;
    await expect(
      placeEntry(db, demo.actors.methodist, place({ assignmentId: j.id, validFrom: '2027-02-01' })),
    ).rejects.toMatchObject({ status: 400, message: 'С: дата вне семестра (01.09.2026–28.12.2026)' });
    expect(
      placeInput.safeParse({ assignmentId: j.id, weekday: 7, pairNo: 9 }).error?.issues.map((i) => i.message),
    ).toEqual(['День недели: от понедельника до субботы', 'Пара: от 1 до 8']);
  });
});
