import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { bellsInput, calendarInput, roomInput, saveBells, saveRoom, setCalendarDays, timetableSetup } from './setup';

const demo = useDemoDatabase();

describe('bells and rooms (the methodist)', () => {
  it('reads the demo college’s bells of each kind of day and its rooms in natural order', async () => {
    const setup = await timetableSetup(demo.database.db, demo.actors.methodist);
    expect(setup.bells.weekday[0]).toEqual({ pairNo: 1, startsAt: '08:30', endsAt: '10:00' });
    expect(setup.bells.weekday).toHaveLength(6);
    expect(setup.bells.saturday).toHaveLength(4);
    expect(setup.rooms.map((r) => r.number).slice(0, 6)).toEqual(['101', '102', '103', '104', '105', '201']);
  });

  it('refuses wrong bells whole, naming every pair, and keeps the old ones', async () => {
    const db = demo.database.db;
    const input = bellsInput.parse({
      dayKind: 'saturday',
      start1: '09:00',
      end1: '08:00',
      start2: '08:50',
      end2: '10:00',
    });
    await expect(saveBells(db, demo.actors.methodist, input)).rejects.toMatchObject({
      status: 400,
      message: 'Пара 1: конец (08:00) не позже начала (09:00)',
    });
    expect((await timetableSetup(db, demo.actors.methodist)).bells.saturday).toHaveLength(4);
  });

  it('replaces the bells of one kind of day and logs before → after', async () => {
    const db = demo.database.db;
    const logged = (await db.select().from(changeLog).where(eq(changeLog.entity, 'bells'))).length;
    const input = bellsInput.parse({
      dayKind: 'short',
      start1: '08:30',
      end1: '09:30',
      start2: '09:40',
      end2: '10:40',
    });
    await saveBells(db, demo.actors.methodist, input);
    const setup = await timetableSetup(db, demo.actors.methodist);
    expect(setup.bells.short).toEqual([
      { pairNo: 1, startsAt: '08:30', endsAt: '09:30' },
      { pairNo: 2, startsAt: '09:40', endsAt: '10:40' },
    ]);
    expect(setup.bells.weekday).toHaveLength(6);
    const rows = await db.select().from(changeLog).where(eq(changeLog.entity, 'bells'));
    expect(rows).toHaveLength(logged + 1);
    expect(rows.at(-1)!.before).toMatchObject({ dayKind: 'short', slots: expect.arrayContaining([]) });
  });

  it('adds and changes a room; a number already in the building is refused with the field named', async () => {
    const db = demo.database.db;
    const methodist = demo.actors.methodist;
    const room = await saveRoom(db, methodist, roomInput.parse({ number: '305', seats: 24, kind: 'lab', inUse: true }));
    expect(room).toMatchObject({ number: '305', building: null, seats: 24, kind: 'lab' });
    await expect(
      saveRoom(db, methodist, roomInput.parse({ number: '305', seats: 10, kind: 'lecture', inUse: true })),
    ).rejects.toMatchObject({ status: 400, message: 'Номер аудитории: «305» уже есть' });
    // The same number in another building is another room.
    await saveRoom(
      db,
      methodist,
      roomInput.parse({ number: '305', building: '2', seats: 10, kind: 'lecture', inUse: true }),
    );
    const changed = await saveRoom(
      db,
      methodist,
      roomInput.parse({ id: room.id, number: '305', seats: 26, kind: 'computer', inUse: false }),
    );
    expect(changed).toMatchObject({ id: room.id, seats: 26, kind: 'computer', inUse: false });
    await expect(
      saveRoom(db, methodist, roomInput.parse({ id: 999999, number: '999', seats: 1, kind: 'other', inUse: true })),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('refuses the input with the field named in Russian', () => {
    expect(
      roomInput.safeParse({ number: '', seats: 0, kind: 'cave', inUse: true }).error?.issues.map((i) => i.message),
    ).toEqual(['Номер аудитории: заполните', 'Мест: не меньше 1', 'Вид аудитории: выберите из списка']);
  });

  it('reads the demo calendar as ranges; marks, re-marks and clears a range, logging each change', async () => {
    const db = demo.database.db;
    const methodist = demo.actors.methodist;
    const winter = (await timetableSetup(db, methodist)).calendar.find((r) => r.kind === 'vacation');
    expect(winter).toEqual({
      from: '2026-12-29',
      to: '2027-01-11',
      kind: 'vacation',
      note: 'Зимние каникулы',
      days: 14,
    });
    const logged = (await db.select().from(changeLog).where(eq(changeLog.entity, 'calendar'))).length;

    await setCalendarDays(
      db,
      methodist,
      calendarInput.parse({ fromDate: '2027-03-29', toDate: '2027-04-04', kind: 'vacation', note: 'Весенние' }),
    );
    await setCalendarDays(
      db,
      methodist,
      calendarInput.parse({ fromDate: '2027-04-01', toDate: '2027-04-01', kind: 'short' }),
    );
    let calendar = (await timetableSetup(db, methodist)).calendar.filter(
      (r) => r.from >= '2027-03-29' && r.to <= '2027-04-04',
    );
    expect(calendar.map((r) => [r.from, r.to, r.kind])).toEqual([
      ['2027-03-29', '2027-03-31', 'vacation'],
      ['2027-04-01', '2027-04-01', 'short'],
      ['2027-04-02', '2027-04-04', 'vacation'],
    ]);
    await setCalendarDays(
      db,
      methodist,
      calendarInput.parse({ fromDate: '2027-03-29', toDate: '2027-04-04', kind: 'working' }),
    );
    calendar = (await timetableSetup(db, methodist)).calendar.filter(
      (r) => r.from >= '2027-03-29' && r.to <= '2027-04-04',
    );
    expect(calendar).toEqual([]);
    expect((await db.select().from(changeLog).where(eq(changeLog.entity, 'calendar'))).length).toBe(logged + 3);

    await expect(
      setCalendarDays(
        db,
        methodist,
        calendarInput.parse({ fromDate: '2027-01-10', toDate: '2027-01-01', kind: 'holiday' }),
      ),
    ).rejects.toMatchObject({ status: 400, message: 'По: дата окончания раньше даты начала' });
  });

  it('is the methodist’s alone: the administrator and the head of department are refused', async () => {
    for (const actor of [demo.actors.admin, demo.actors.head, demo.actors.teacher])
      await expect(timetableSetup(demo.database.db, actor)).rejects.toMatchObject({ status: 403 });
  });
});
