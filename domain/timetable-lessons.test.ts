import { describe, expect, it } from 'vitest';
import { datedLessons, type DatedChange, type TemplateLesson } from './timetable-changes';
import { planJournalLessons, type JournalLessonRow } from './timetable-lessons';

const term = { startsOn: '2026-09-01', endsOn: '2026-09-30' };
// Mondays, 1st pair: 07.09, 14.09, 21.09, 28.09 (01.09 is a Tuesday).
const template: TemplateLesson[] = [
  {
    entryId: 1,
    assignmentId: 10,
    groupId: 5,
    teacherId: 100,
    weekday: 1,
    pairNo: 1,
    parity: 'every',
    validFrom: null,
    validTo: null,
    roomId: null,
  },
];
const change = (c: Partial<DatedChange> & Pick<DatedChange, 'id' | 'kind'>): DatedChange => ({
  assignmentId: 10,
  targetKey: null,
  revertsChangeId: null,
  toDate: null,
  toPairNo: null,
  toRoomId: null,
  substituteId: null,
  reason: 'причина',
  ...c,
});

function plan(existing: JournalLessonRow[], changes: DatedChange[] = [], noLessons = (_d: string) => false) {
  const all = datedLessons(
    term.startsOn,
    term.endsOn,
    template,
    changes,
    term,
    term.startsOn,
    (_g, d) => noLessons(d),
    () => 100,
  );
  return planJournalLessons(
    all.filter((l) => l.status === 'planned'),
    all,
    existing,
  );
}

const row = (r: Partial<JournalLessonRow> & Pick<JournalLessonRow, 'id' | 'date'>): JournalLessonRow => ({
  pairNo: 1,
  timetableKey: null,
  taughtBy: null,
  filled: false,
  ...r,
});

describe('lessons of a journal from the timetable', () => {
  it('makes every planned lesson of an empty journal, holidays skipped', () => {
    const p = plan([], [], (d) => d === '2026-09-21');
    expect(p.create.map((c) => [c.date, c.pairNo, c.timetableKey])).toEqual([
      ['2026-09-07', 1, 'e1@2026-09-07'],
      ['2026-09-14', 1, 'e1@2026-09-14'],
      ['2026-09-28', 1, 'e1@2026-09-28'],
    ]);
    expect(p.update).toEqual([]);
    expect(p.remove).toEqual([]);
  });

  it('takes lessons added by hand on the date and pair, or on the date without a pair; leaves the others', () => {
    const p = plan([
      row({ id: 1, date: '2026-09-14', filled: true }),
      row({ id: 2, date: '2026-09-21', pairNo: null }),
      row({ id: 3, date: '2026-09-16', pairNo: 2, filled: true }),
    ]);
    expect(p.create.map((c) => c.date)).toEqual(['2026-09-07', '2026-09-28']);
    expect(p.update).toEqual([
      { id: 1, date: '2026-09-14', pairNo: 1, timetableKey: 'e1@2026-09-14', taughtBy: null },
      { id: 2, date: '2026-09-21', pairNo: 1, timetableKey: 'e1@2026-09-21', taughtBy: null },
    ]);
    expect(p.unmatched).toEqual([]);
  });

  it('changes nothing when the journal already agrees (regenerating is idempotent)', () => {
    const existing = ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28'].map((date, i) =>
      row({ id: i + 1, date, timetableKey: `e1@${date}` }),
    );
    expect(plan(existing)).toEqual({ create: [], update: [], remove: [], unmatched: [] });
  });

  it('deletes an empty lesson cancelled in the timetable and keeps a filled one, reported and unlinked', () => {
    const existing = [
      row({ id: 1, date: '2026-09-07', timetableKey: 'e1@2026-09-07' }),
      row({ id: 2, date: '2026-09-14', timetableKey: 'e1@2026-09-14', filled: true }),
      row({ id: 3, date: '2026-09-21', timetableKey: 'e1@2026-09-21' }),
      row({ id: 4, date: '2026-09-28', timetableKey: 'e1@2026-09-28' }),
    ];
    const p = plan(existing, [
      change({ id: 1, kind: 'cancel', targetKey: 'e1@2026-09-07' }),
      change({ id: 2, kind: 'cancel', targetKey: 'e1@2026-09-14' }),
    ]);
    expect(p.remove).toEqual([1]);
    expect(p.unmatched).toEqual([{ id: 2, date: '2026-09-14', pairNo: 1 }]);
    expect(p.update).toEqual([{ id: 2, date: '2026-09-14', pairNo: 1, timetableKey: null, taughtBy: null }]);
    expect(p.create).toEqual([]);
  });

  it('moves a lesson with its marks where the timetable moved it, through a second move', () => {
    const existing = [row({ id: 7, date: '2026-09-21', timetableKey: 'e1@2026-09-21', filled: true })];
    const p = plan(existing, [
      change({ id: 5, kind: 'move', targetKey: 'e1@2026-09-21', toDate: '2026-09-23', toPairNo: 3 }),
      change({ id: 6, kind: 'move', targetKey: 'c5', toDate: '2026-09-24', toPairNo: 2 }),
    ]);
    expect(p.update).toEqual([{ id: 7, date: '2026-09-24', pairNo: 2, timetableKey: 'c6', taughtBy: null }]);
    expect(p.remove).toEqual([]);
    expect(p.create.map((c) => c.date)).toEqual(['2026-09-07', '2026-09-14', '2026-09-28']);
  });

  it('marks the substitute of a lesson, and takes them off when the substitution is undone', () => {
    const sub = change({ id: 8, kind: 'substitute', targetKey: 'e1@2026-09-14', substituteId: 200 });
    const p = plan([], [sub]);
    expect(p.create.find((c) => c.date === '2026-09-14')?.taughtBy).toBe(200);
    const existing = [row({ id: 1, date: '2026-09-14', timetableKey: 'e1@2026-09-14', taughtBy: 200 })];
    const undone = plan(existing, [sub, change({ id: 9, kind: 'revert', revertsChangeId: 8 })]);
    expect(undone.update).toEqual([
      { id: 1, date: '2026-09-14', pairNo: 1, timetableKey: 'e1@2026-09-14', taughtBy: null },
    ]);
  });

  it('gives a cancelled and filled lesson back its place when the cancel is undone', () => {
    const unlinked = [row({ id: 2, date: '2026-09-14', filled: true })];
    const p = plan(unlinked, [
      change({ id: 1, kind: 'cancel', targetKey: 'e1@2026-09-14' }),
      change({ id: 2, kind: 'revert', revertsChangeId: 1 }),
    ]);
    expect(p.update).toEqual([{ id: 2, date: '2026-09-14', pairNo: 1, timetableKey: 'e1@2026-09-14', taughtBy: null }]);
  });
});
