import { and, eq, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, groups, teachingAssignments, terms } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { groupPeriodInput, saveUnavailability, setGroupPeriod, unavailabilityInput } from './availability';
import { timetableSetup } from './setup';
import { placeEntry, placeInput, removeEntry } from './template';
import { groupWeek } from './week';

const demo = useDemoDatabase({ timetable: 'none' });

describe('practice and session weeks, teachers’ unavailable pairs', () => {
  it('marks a group’s practice weeks: its scheduled hours skip them, another group’s do not', async () => {
    const db = demo.database.db;
    const methodist = demo.actors.methodist;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const [group] = await db.select().from(groups).where(eq(groups.name, 'ИС-21'));
    const [journal] = await db
      .select({ id: teachingAssignments.id })
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.groupId, group!.id),
          eq(teachingAssignments.termId, term!.id),
          isNotNull(teachingAssignments.teacherUserId),
        ),
      )
      .limit(1);
    const placed = await placeEntry(
      db,
      methodist,
      placeInput.parse({ assignmentId: journal!.id, weekday: 1, pairNo: 1, roomId: null }),
    );
    const hours = async () =>
      (await groupWeek(db, methodist, { termId: term!.id, groupId: group!.id })).journals.find(
        (j) => j.assignmentId === journal!.id,
      )!.scheduledHours;
    expect(await hours()).toBe(17 * 2);

    // Two weeks of practice (Mondays 7 and 14 December) and the session to the term's end (Mondays 21 and 28).
    const result = await setGroupPeriod(
      db,
      methodist,
      groupPeriodInput.parse({
        groupId: group!.id,
        fromDate: '2026-12-07',
        toDate: '2026-12-19',
        kind: 'practice',
        note: 'УП.01',
      }),
    );
    expect(result).toEqual({ group: 'ИС-21', days: 13 });
    await setGroupPeriod(
      db,
      methodist,
      groupPeriodInput.parse({ groupId: group!.id, fromDate: '2026-12-21', toDate: '2026-12-28', kind: 'session' }),
    );
    expect(await hours()).toBe(13 * 2);
    const setup = await timetableSetup(db, methodist);
    expect(setup.periods.find((p) => p.group === 'ИС-21')!.ranges.map((r) => [r.from, r.to, r.kind, r.note])).toEqual([
      ['2026-12-07', '2026-12-19', 'practice', 'УП.01'],
      ['2026-12-21', '2026-12-28', 'session', null],
    ]);
    expect(setup.periods.find((p) => p.group === 'ИС-11')!.ranges).toEqual([]);

    await setGroupPeriod(
      db,
      methodist,
      groupPeriodInput.parse({ groupId: group!.id, fromDate: '2026-12-14', toDate: '2026-12-28', kind: 'working' }),
    );
    expect(await hours()).toBe(16 * 2);
    expect(await db.$count(changeLog, eq(changeLog.entity, 'group_calendar'))).toBe(3);
    await removeEntry(db, methodist, { entryId: placed.entryId });
  });

  it('saves a teacher’s unavailable pairs from the ticked boxes, replacing the old ones', async () => {
    const db = demo.database.db;
    const methodist = demo.actors.methodist;
    const teacherId = demo.actors.teacher.userId;
    const saved = await saveUnavailability(
      db,
      methodist,
      unavailabilityInput.parse({ userId: teacherId, p1_1: true, p1_2: true, p3_5: true }),
    );
    expect(saved).toEqual({ teacher: 'Петрова А. Н.', pairs: 3 });
    let teacher = (await timetableSetup(db, methodist)).teachers.find((t) => t.userId === teacherId)!;
    expect(teacher.unavailable).toEqual([
      [1, 1],
      [1, 2],
      [3, 5],
    ]);
    await saveUnavailability(db, methodist, unavailabilityInput.parse({ userId: teacherId, p6_1: true }));
    teacher = (await timetableSetup(db, methodist)).teachers.find((t) => t.userId === teacherId)!;
    expect(teacher.unavailable).toEqual([[6, 1]]);
    // Not a teacher of the college: refused as out of scope.
    await expect(
      saveUnavailability(db, methodist, unavailabilityInput.parse({ userId: demo.actors.admin.userId })),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('refuses a reversed range and a group of no college of the methodist’s', async () => {
    const db = demo.database.db;
    await expect(
      setGroupPeriod(
        db,
        demo.actors.methodist,
        groupPeriodInput.parse({ groupId: 1, fromDate: '2027-02-10', toDate: '2027-02-01', kind: 'session' }),
      ),
    ).rejects.toMatchObject({ status: 400, message: 'По: дата окончания раньше даты начала' });
    await expect(
      setGroupPeriod(
        db,
        demo.actors.methodist,
        groupPeriodInput.parse({ groupId: 999999, fromDate: '2027-02-01', toDate: '2027-02-10', kind: 'session' }),
      ),
    ).rejects.toMatchObject({ status: 403 });
    expect(
      groupPeriodInput
        .safeParse({ groupId: 1, fromDate: '', toDate: '2027-02-10', kind: 'holiday' })
        .error?.issues.map((i) => i.message),
    ).toEqual(['С: ожидается дата в формате гггг-мм-дд', 'Вид: практика, сессия или занятия по расписанию']);
  });
});
