import { describe, expect, it } from 'vitest';
import {
  activeChanges,
  datedLessons,
  entryLineages,
  lessonRevision,
  rankSubstitutes,
  substituteReasons,
  templateKey,
  type DatedChange,
  type SubstituteCandidate,
  type TemplateLesson,
} from './timetable-changes';

const term = { startsOn: '2026-09-01', endsOn: '2026-12-28' };
const monday: TemplateLesson = {
  entryId: 1,
  assignmentId: 10,
  groupId: 100,
  teacherId: 7,
  weekday: 1,
  pairNo: 2,
  parity: 'every',
  validFrom: null,
  validTo: null,
  roomId: 50,
};
const change = (over: Partial<DatedChange> & Pick<DatedChange, 'id' | 'kind'>): DatedChange => ({
  assignmentId: 10,
  targetKey: null,
  revertsChangeId: null,
  toDate: null,
  toPairNo: null,
  toRoomId: null,
  substituteId: null,
  reason: 'причина',
  ...over,
});
const week = (changes: DatedChange[], noLessons = (_g: number, _d: string) => false) =>
  datedLessons('2026-12-07', '2026-12-12', [monday], changes, term, '2026-09-01', noLessons, () => 7);

describe('the timetable of dates', () => {
  it('puts the template’s lessons on their dates, skipping the days without lessons', () => {
    expect(week([]).map((l) => [l.key, l.date, l.pairNo, l.teacherId, l.roomId, l.status])).toEqual([
      ['e1@2026-12-07', '2026-12-07', 2, 7, 50, 'planned'],
    ]);
    expect(week([], (_g, d) => d === '2026-12-07')).toEqual([]);
  });

  it('cancels, substitutes, moves and adds lessons; a moved lesson stays where it was, marked', () => {
    const lessons = week([
      change({ id: 1, kind: 'substitute', targetKey: templateKey(1, '2026-12-07'), substituteId: 8 }),
      change({
        id: 2,
        kind: 'move',
        targetKey: templateKey(1, '2026-12-07'),
        toDate: '2026-12-09',
        toPairNo: 4,
        toRoomId: 51,
      }),
      change({ id: 3, kind: 'extra', toDate: '2026-12-12', toPairNo: 1, toRoomId: 52 }),
    ]);
    expect(lessons.map((l) => [l.key, l.date, l.pairNo, l.status, l.teacherId, l.regularTeacherId, l.roomId])).toEqual([
      ['e1@2026-12-07', '2026-12-07', 2, 'moved', 8, 7, 50],
      ['c2', '2026-12-09', 4, 'planned', 8, 7, 51],
      ['c3', '2026-12-12', 1, 'planned', 7, null, 52],
    ]);
    expect(lessons[0]!.movedTo).toEqual({ date: '2026-12-09', pairNo: 4 });
    const cancelled = week([change({ id: 4, kind: 'cancel', targetKey: templateKey(1, '2026-12-07') })]);
    expect(cancelled.map((l) => [l.status, l.changeIds])).toEqual([['cancelled', [4]]]);
  });

  it('changes a lesson a change made (an extra lesson cancelled), and moves a lesson in from another week', () => {
    const lessons = week([
      change({ id: 1, kind: 'extra', toDate: '2026-12-10', toPairNo: 3 }),
      change({ id: 2, kind: 'cancel', targetKey: 'c1' }),
      change({
        id: 3,
        kind: 'move',
        targetKey: templateKey(1, '2026-11-30'),
        toDate: '2026-12-11',
        toPairNo: 1,
        toRoomId: 50,
      }),
    ]);
    expect(lessons.map((l) => [l.key, l.date, l.status])).toEqual([
      ['e1@2026-12-07', '2026-12-07', 'planned'],
      ['c1', '2026-12-10', 'cancelled'],
      ['c3', '2026-12-11', 'planned'],
    ]);
  });

  it('undoes a change by a revert, and brings it back when the revert is reverted', () => {
    const cancel = change({ id: 1, kind: 'cancel', targetKey: templateKey(1, '2026-12-07') });
    const revert = change({ id: 2, kind: 'revert', revertsChangeId: 1 });
    expect(activeChanges([cancel, revert])).toEqual([]);
    expect(week([cancel, revert])[0]!.status).toBe('planned');
    const again = change({ id: 3, kind: 'revert', revertsChangeId: 2 });
    expect(activeChanges([cancel, revert, again]).map((c) => c.id)).toEqual([1]);
    expect(week([cancel, revert, again])[0]!.status).toBe('cancelled');
  });
});

describe('rankSubstitutes', () => {
  it('puts the available first, then who teaches the group, the subject, the fewest substitutions, the name', () => {
    const c = (name: string, over: Partial<SubstituteCandidate> = {}): SubstituteCandidate => ({
      id: name.length,
      name,
      teachesGroup: false,
      teachesSubject: false,
      substitutionsThisMonth: 0,
      unavailable: false,
      ...over,
    });
    const ranked = rankSubstitutes([
      c('Яковлев', { teachesGroup: true, unavailable: true }),
      c('Борисова', { substitutionsThisMonth: 3 }),
      c('Алексеев', { substitutionsThisMonth: 3 }),
      c('Воронин', { teachesSubject: true, substitutionsThisMonth: 5 }),
      c('Григорьева', { teachesGroup: true, substitutionsThisMonth: 2 }),
      c('Дмитриев'),
    ]);
    expect(ranked.map((x) => x.name)).toEqual(['Григорьева', 'Воронин', 'Дмитриев', 'Алексеев', 'Борисова', 'Яковлев']);
    expect(substituteReasons(ranked[0]!)).toBe('ведёт в группе, замен в этом месяце: 2');
    expect(substituteReasons(ranked[5]!)).toBe(
      'ведёт в группе, замен в этом месяце: 0, отмечен недоступным в эту пару',
    );
  });
});

describe('a placement moved or re-roomed keeps its lessons’ changes (issue #26)', () => {
  it('applies a change of the old placement’s lesson to the lesson its successor gives that day', () => {
    // Placement 1 (Monday 2nd pair) was given another room from 14.12: placement 2 of the same line.
    const before = { ...monday, validTo: '2026-12-13' };
    const after = { ...monday, entryId: 2, roomId: 51, validFrom: '2026-12-14' };
    const cancel = change({ id: 1, kind: 'cancel', targetKey: templateKey(1, '2026-12-14') });
    const lessons = datedLessons(
      '2026-12-07',
      '2026-12-19',
      [before, after],
      [cancel],
      term,
      '2026-09-01',
      () => false,
      () => 7,
      () => 1,
    );
    expect(lessons.map((l) => [l.key, l.status, l.roomId])).toEqual([
      ['e1@2026-12-07', 'planned', 50],
      ['e2@2026-12-14', 'cancelled', 51],
    ]);
  });
});

describe('lessonRevision: an event’s UID and SEQUENCE (RFC 5545 §3.8.7.4)', () => {
  const at = (day: number) => new Date(Date.UTC(2026, 11, day, 12));
  const lineages = entryLineages([
    [1, null],
    [2, 1],
    [5, null],
  ]);
  const lineage = (id: number) => lineages.get(id)!;
  const published = (c: DatedChange, day: number) => ({ ...c, publishedAt: at(day) });
  const entryAt = (id: number) => (id === 1 ? at(1) : at(3));

  it('knows each placement’s line: the first placement and the moves since', () => {
    expect(lineage(2)).toEqual({ rootId: 1, depth: 1 });
    expect(lineage(5)).toEqual({ rootId: 5, depth: 0 });
    expect(
      entryLineages([
        [7, 8],
        [8, 7],
      ]).get(7),
    ).toEqual(expect.objectContaining({ depth: expect.any(Number) }));
  });

  it('grows with every change of the occurrence, reverts included, and follows moves of the lesson and its placement', () => {
    const key = templateKey(1, '2026-12-07');
    const none = lessonRevision({ key, entryId: 1 }, [], lineage, entryAt);
    expect(none).toEqual({ origin: key, sequence: 0, modifiedAt: at(1) });
    const substitute = published(change({ id: 1, kind: 'substitute', targetKey: key, substituteId: 9 }), 4);
    const cancel = published(change({ id: 2, kind: 'cancel', targetKey: key }), 5);
    const revert = published(change({ id: 3, kind: 'revert', revertsChangeId: 2 }), 6);
    const elsewhere = published(change({ id: 4, kind: 'cancel', targetKey: templateKey(5, '2026-12-07') }), 7);
    const all = [substitute, cancel, revert, elsewhere];
    expect(lessonRevision({ key, entryId: 1 }, all, lineage, entryAt)).toEqual({
      origin: key,
      sequence: 3,
      modifiedAt: at(6),
    });
    // Moved to Tuesday: the moved lesson is the same occurrence, one revision on.
    const move = published(change({ id: 5, kind: 'move', targetKey: key, toDate: '2026-12-08', toPairNo: 1 }), 8);
    expect(lessonRevision({ key: 'c5', entryId: null }, [...all, move], lineage, entryAt)).toEqual({
      origin: key,
      sequence: 4,
      modifiedAt: at(8),
    });
    // Its placement given another room (placement 2 of the line): the same UID, a revision on.
    expect(lessonRevision({ key: templateKey(2, '2026-12-07'), entryId: 2 }, all, lineage, entryAt)).toEqual({
      origin: key,
      sequence: 4,
      modifiedAt: at(6),
    });
    // An extra lesson is its own occurrence.
    const extra = published(change({ id: 6, kind: 'extra', toDate: '2026-12-09', toPairNo: 2 }), 9);
    expect(lessonRevision({ key: 'c6', entryId: null }, [extra], lineage, entryAt)).toEqual({
      origin: 'c6',
      sequence: 1,
      modifiedAt: at(9),
    });
  });
});
