import { describe, expect, it } from 'vitest';
import { zonedInstant } from './dates';
import {
  defaultEffectiveFrom,
  effectiveFromRefusal,
  collisionMessage,
  placementConflicts,
  proposeRoom,
  slotDates,
  slotKey,
  slotsMeet,
  termCollisions,
  weekParity,
  type PlacedEntry,
  type Placement,
  type PlacementContext,
} from './timetable';

const names = (over: Partial<PlacedEntry['names']> = {}) => ({
  group: 'ИС-21',
  subgroup: null,
  subject: 'Математика',
  teacher: 'Петров П. П.',
  room: '214',
  ...over,
});

const base: Placement = {
  entryId: null,
  assignmentId: 1,
  groupId: 10,
  subgroupId: null,
  teacherId: 100,
  roomId: 1000,
  weekday: 1,
  pairNo: 2,
  parity: 'every',
  validFrom: null,
  validTo: null,
};

function placed(over: Partial<PlacedEntry>, entryId = 1): PlacedEntry {
  return { ...base, entryId, assignmentId: 2, teacherId: 101, roomId: 1001, groupId: 11, names: names(), ...over };
}

function ctx(over: Partial<PlacementContext> = {}): PlacementContext {
  return {
    names: names(),
    subgroupStudents: new Map(),
    students: 25,
    room: { seats: 30, inUse: true },
    teacherUnavailable: new Set(),
    pairsOf: (weekday) => (weekday === 6 ? [1, 2, 3] : [1, 2, 3, 4, 5, 6]),
    maxPairsADay: 4,
    ...over,
  };
}

const rules = (found: { rule: string }[]) => found.map((c) => c.rule);

describe('placementConflicts', () => {
  it('finds nothing on a free cell', () => {
    expect(placementConflicts(base, [placed({ pairNo: 3 })], ctx())).toEqual([]);
  });

  it('names the teacher and the group he is busy with', () => {
    const found = placementConflicts(
      base,
      [placed({ teacherId: 100, names: names({ group: 'ПК-11', teacher: 'Петров П. П.' }) }, 7)],
      ctx(),
    );
    expect(found).toEqual([
      { rule: 'teacher', hard: true, message: 'Преподаватель Петров П. П. занят: ПК-11, Математика', entryId: 7 },
    ]);
  });

  it('names the room and who holds it', () => {
    const [c] = placementConflicts(
      base,
      [placed({ roomId: 1000, names: names({ group: 'ПК-11', subject: 'Физика', teacher: 'Сидорова А. А.' }) })],
      ctx(),
    );
    expect(c?.message).toBe('Аудитория 214 занята: ПК-11, Физика (Сидорова А. А.)');
    expect(c?.hard).toBe(true);
  });

  it('refuses the group when it or any of its subgroups is busy, allows disjoint subgroups side by side', () => {
    const members = new Map([
      [1, new Set([1, 2])],
      [2, new Set([3, 4])],
      [3, new Set([2, 3])], // another split of the same group
    ]);
    const wholeGroup = placed({ groupId: 10, subgroupId: null });
    const first = placed({
      groupId: 10,
      subgroupId: 1,
      names: names({ subgroup: '1 подгруппа', subject: 'Английский язык' }),
    });
    const c = ctx({ subgroupStudents: members });
    expect(rules(placementConflicts(base, [wholeGroup], c))).toEqual(['group']);
    expect(placementConflicts(base, [first], c)[0]?.message).toBe(
      'Подгруппа «1 подгруппа» группы ИС-21 занята: Английский язык',
    );
    expect(placementConflicts({ ...base, subgroupId: 2 }, [first], c)).toEqual([]);
    expect(rules(placementConflicts({ ...base, subgroupId: 1 }, [first], c))).toEqual(['group']);
    expect(rules(placementConflicts({ ...base, subgroupId: 3 }, [first], c))).toEqual(['group']);
    expect(rules(placementConflicts({ ...base, subgroupId: 2 }, [wholeGroup], c))).toEqual(['group']);
  });

  it('lets numerator and denominator weeks share a pair, not «every week» with either', () => {
    const numerator = placed({ teacherId: 100, parity: 'numerator' });
    expect(placementConflicts({ ...base, parity: 'denominator' }, [numerator], ctx())).toEqual([]);
    const [c] = placementConflicts({ ...base, parity: 'every' }, [numerator], ctx());
    expect(c?.message).toBe('Преподаватель Петров П. П. занят: ИС-21, Математика — числитель');
  });

  it('lets placements with date ranges that do not meet share a pair', () => {
    const untilOctober = placed({ teacherId: 100, validTo: '2026-10-31' });
    expect(placementConflicts({ ...base, validFrom: '2026-11-01' }, [untilOctober], ctx())).toEqual([]);
    expect(rules(placementConflicts({ ...base, validFrom: '2026-10-31' }, [untilOctober], ctx()))).toEqual(['teacher']);
  });

  it('skips the entry being moved', () => {
    const self = placed({ ...base, entryId: 5 }, 5);
    expect(placementConflicts({ ...base, entryId: 5 }, [self], ctx())).toEqual([]);
  });

  it('refuses a pair missing from the bells and a room out of use', () => {
    expect(rules(placementConflicts({ ...base, weekday: 6, pairNo: 5 }, [], ctx()))).toEqual(['noBell']);
    expect(placementConflicts({ ...base, weekday: 6, pairNo: 5 }, [], ctx())[0]?.message).toBe(
      'Пары 5 нет в звонках на субботу',
    );
    const [c] = placementConflicts(base, [], ctx({ room: { seats: 30, inUse: false } }));
    expect(c).toMatchObject({ rule: 'roomOutOfUse', hard: true, message: 'Аудитория 214 не используется' });
  });

  it('reports soft rules: a small room, the teacher unavailable, too many pairs a day', () => {
    const small = placementConflicts(base, [], ctx({ room: { seats: 21, inUse: true }, students: 25 }));
    expect(small).toEqual([
      { rule: 'capacity', hard: false, message: 'Аудитория 214 мала: 21 место на 25 студентов', entryId: null },
    ]);
    const away = placementConflicts(base, [], ctx({ teacherUnavailable: new Set([slotKey(1, 2)]) }));
    expect(away[0]).toMatchObject({
      rule: 'unavailable',
      hard: false,
      message: 'Преподаватель Петров П. П. недоступен: пн, 2-я пара',
    });
    const day = [1, 3, 4, 5].map((pairNo, i) => placed({ groupId: 10, pairNo }, i + 1));
    const full = placementConflicts(base, day, ctx());
    expect(full).toEqual([
      { rule: 'pairsADay', hard: false, message: 'У ИС-21 будет 5 пар в понедельник — больше 4', entryId: null },
    ]);
    // Another subgroup's lessons do not fill this subgroup's day; a denominator lesson does not fill a numerator day.
    const members = new Map([
      [1, new Set([1])],
      [2, new Set([2])],
    ]);
    const otherSubgroup = day.map((e) => ({ ...e, subgroupId: 2 }));
    expect(placementConflicts({ ...base, subgroupId: 1 }, otherSubgroup, ctx({ subgroupStudents: members }))).toEqual(
      [],
    );
    const denominator = day.map((e) => ({ ...e, parity: 'denominator' as const }));
    expect(placementConflicts({ ...base, parity: 'numerator' }, denominator, ctx())).toEqual([]);
  });

  it('puts hard conflicts first', () => {
    const found = placementConflicts(
      base,
      [placed({ teacherId: 100 })],
      ctx({ room: { seats: 10, inUse: true }, teacherUnavailable: new Set([slotKey(1, 2)]) }),
    );
    expect(found.map((c) => c.hard)).toEqual([true, false, false]);
  });
});

describe('weeks and dates', () => {
  it('counts numerator and denominator weeks from the week of the year start', () => {
    // 1 September 2026 is a Tuesday: its week (from Monday 31 August) is a numerator week.
    expect(weekParity('2026-08-31', '2026-09-01')).toBe('numerator');
    expect(weekParity('2026-09-06', '2026-09-01')).toBe('numerator');
    expect(weekParity('2026-09-07', '2026-09-01')).toBe('denominator');
    expect(weekParity('2026-09-14', '2026-09-01')).toBe('numerator');
    expect(weekParity('2027-01-11', '2026-09-01')).toBe('denominator'); // 19 weeks later
  });

  it('tells slots that can meet', () => {
    const slot = { weekday: 1, pairNo: 2, parity: 'every' as const, validFrom: null, validTo: null };
    expect(slotsMeet(slot, { ...slot, pairNo: 3 })).toBe(false);
    expect(slotsMeet(slot, { ...slot, weekday: 2 })).toBe(false);
    expect(slotsMeet({ ...slot, parity: 'numerator' }, { ...slot, parity: 'denominator' })).toBe(false);
    expect(slotsMeet({ ...slot, parity: 'numerator' }, slot)).toBe(true);
  });

  it('lists the dates of a slot in a term, skipping other weeks and days without lessons', () => {
    const term = { startsOn: '2026-09-01', endsOn: '2026-09-30' };
    const monday = { weekday: 1, pairNo: 1, parity: 'every' as const, validFrom: null, validTo: null };
    expect(slotDates(monday, term, '2026-09-01')).toEqual(['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28']);
    expect(slotDates({ ...monday, parity: 'numerator' }, term, '2026-09-01')).toEqual(['2026-09-14', '2026-09-28']);
    expect(slotDates({ ...monday, weekday: 2, parity: 'numerator' }, term, '2026-09-01')).toEqual([
      '2026-09-01',
      '2026-09-15',
      '2026-09-29',
    ]);
    expect(slotDates({ ...monday, validFrom: '2026-09-10', validTo: '2026-09-21' }, term, '2026-09-01')).toEqual([
      '2026-09-14',
      '2026-09-21',
    ]);
    expect(slotDates(monday, term, '2026-09-01', (d) => d === '2026-09-14')).toEqual([
      '2026-09-07',
      '2026-09-21',
      '2026-09-28',
    ]);
  });
});

describe('proposeRoom', () => {
  const rooms = [
    { id: 1, seats: 30, kind: 'lecture' as const, inUse: true },
    { id: 2, seats: 15, kind: 'computer' as const, inUse: true },
    { id: 3, seats: 25, kind: 'computer' as const, inUse: true },
    { id: 4, seats: 26, kind: 'lecture' as const, inUse: true },
    { id: 5, seats: 40, kind: 'computer' as const, inUse: false },
  ];
  it('keeps the journal’s last room when it is free and big enough', () => {
    expect(proposeRoom(rooms, [3], new Set(), 20)?.id).toBe(3);
  });
  it('falls back to the smallest free room of the same kind that fits, then any that fits', () => {
    expect(proposeRoom(rooms, [2], new Set(), 20)?.id).toBe(3);
    expect(proposeRoom(rooms, [3], new Set([3]), 20)?.id).toBe(4);
    expect(proposeRoom(rooms, [], new Set(), 20)?.id).toBe(4);
    expect(proposeRoom(rooms, [], new Set([1, 4]), 28)).toBeNull();
  });
});

describe('termCollisions', () => {
  it('finds every colliding pair once per rule and names both sides', () => {
    const a = placed(
      { entryId: 1, teacherId: 7, roomId: 1, groupId: 10, names: names({ teacher: 'Петров П. П.' }) },
      1,
    );
    const b = placed(
      { entryId: 2, teacherId: 7, roomId: 2, groupId: 11, names: names({ group: 'ПК-11', subject: 'Физика' }) },
      2,
    );
    const c = placed({ entryId: 3, teacherId: 8, roomId: 2, groupId: 12, parity: 'numerator' }, 3);
    const d = placed({ entryId: 4, teacherId: 8, roomId: 2, groupId: 12, parity: 'denominator' }, 4);
    const e = placed({ entryId: 5, teacherId: 7, roomId: 1, groupId: 10, pairNo: 3 }, 5);
    const found = termCollisions([a, b, c, d, e], new Map());
    expect(found.map((x) => [x.rule, x.first.entryId, x.second.entryId])).toEqual([
      ['teacher', 1, 2],
      ['room', 2, 3],
      ['room', 2, 4],
    ]);
    expect(collisionMessage(found[0]!)).toBe(
      'Преподаватель Петров П. П.: ИС-21, Математика и ПК-11, Физика — пн, 2-я пара',
    );
  });
});

describe('zonedInstant', () => {
  it('turns a college clock time into the instant, in any Russian zone', () => {
    expect(zonedInstant('2026-12-07', '08:30', 'Europe/Moscow').toISOString()).toBe('2026-12-07T05:30:00.000Z');
    expect(zonedInstant('2026-12-07', '08:30', 'Europe/Samara').toISOString()).toBe('2026-12-07T04:30:00.000Z');
    expect(zonedInstant('2026-12-07', '08:30', 'Asia/Vladivostok').toISOString()).toBe('2026-12-06T22:30:00.000Z');
    expect(zonedInstant('2026-07-01', '10:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });
});

describe('the date a published timetable takes effect from (issue #26, item 5)', () => {
  const terms = [
    { name: '1 семестр', startsOn: '2026-09-01', endsOn: '2026-12-28' },
    { name: '2 семестр', startsOn: '2027-01-12', endsOn: '2027-06-30' },
  ];
  it('defaults to the coming Monday, or the next term’s first day when that Monday is in none', () => {
    expect(defaultEffectiveFrom('2026-12-05', terms)).toBe('2026-12-07');
    expect(defaultEffectiveFrom('2026-12-07', terms)).toBe('2026-12-14');
    expect(defaultEffectiveFrom('2026-12-26', terms)).toBe('2026-12-28');
    expect(defaultEffectiveFrom('2026-12-29', terms)).toBe('2027-01-12');
    expect(defaultEffectiveFrom('2027-06-29', terms)).toBe('2027-07-05');
  });
  it('refuses a date outside the terms, and a past date unless the past is to be filled', () => {
    expect(effectiveFromRefusal('2026-12-07', '2026-12-05', terms, false)).toBeNull();
    expect(effectiveFromRefusal('2026-12-05', '2026-12-05', terms, false)).toBeNull();
    expect(effectiveFromRefusal('2026-11-02', '2026-12-05', terms, false)).toBe(
      'Действует с: 02.11.2026 — дата прошла; занятия прошедших недель создаются, только если отмечено «также заполнить прошедшие недели»',
    );
    expect(effectiveFromRefusal('2026-11-02', '2026-12-05', terms, true)).toBeNull();
    expect(effectiveFromRefusal('2027-01-05', '2026-12-05', terms, true)).toBe(
      'Действует с: 05.01.2027 не входит ни в один семестр открытого учебного года (1 семестр: 01.09.2026–28.12.2026; 2 семестр: 12.01.2027–30.06.2027)',
    );
  });
});
