import { describe, expect, it } from 'vitest';
import { dueHours, hoursCell, hoursRows, type JournalHours } from './hours-delivered';

const journal = (over: Partial<JournalHours>): JournalHours => ({
  assignmentId: 1,
  group: 'ИС-31',
  itemKey: 'ОП.04',
  item: 'ОП.04 Основы алгоритмизации',
  teacherId: 10,
  teacher: 'Петрова А. Н.',
  planned: 72,
  plannedTheory: 36,
  plannedPractice: 36,
  scheduled: 0,
  due: 0,
  held: [],
  ...over,
});

describe('hours delivered', () => {
  it('spreads the plan over the term without a timetable, in whole pairs; takes the timetable when there is one', () => {
    const term = { startsOn: '2026-09-01', endsOn: '2026-12-28' }; // 119 days
    // 72 h × 61 days (01.09–31.10) / 119 = 36.9 → 36 h (18 pairs).
    expect(dueHours(72, 0, false, term, '2026-09-01', '2026-10-31')).toBe(36);
    expect(dueHours(72, 0, false, term, '2026-09-01', '2026-12-28')).toBe(72);
    expect(dueHours(72, 30, true, term, '2026-09-01', '2026-10-31')).toBe(30);
    expect(dueHours(72, 0, false, term, '2026-11-01', '2026-10-31')).toBe(0);
  });

  it('counts a substitute’s hours for the substitute, by teacher; for the journal, by group and item', () => {
    const facts = [
      journal({
        due: 20,
        held: [
          { teacherId: 10, teacher: 'Петрова А. Н.', substitute: false, theory: 10, practice: 6 },
          { teacherId: 11, teacher: 'Иванов И. И.', substitute: true, theory: 2, practice: 0 },
        ],
      }),
      journal({
        assignmentId: 2,
        group: 'ИС-21',
        teacherId: 11,
        teacher: 'Иванов И. И.',
        planned: 36,
        due: 10,
        plannedTheory: 36,
        plannedPractice: 0,
        held: [{ teacherId: 11, teacher: 'Иванов И. И.', substitute: false, theory: 10, practice: 0 }],
      }),
    ];
    const byTeacher = hoursRows(facts, 'teacher');
    expect(
      byTeacher.map((r) => [r.label, r.planned, r.due, r.delivered, r.asSubstitute, r.difference, r.behind]),
    ).toEqual([
      ['Иванов И. И.', 36, 10, 12, 2, 2, false],
      ['Петрова А. Н.', 72, 20, 16, 0, -4, true],
      ['Итого', 108, 30, 28, 2, -2, true],
    ]);
    expect(byTeacher[1]!.percent).toBe(22.2);
    const byGroup = hoursRows(facts, 'group');
    expect(byGroup.map((r) => [r.label, r.delivered, r.deliveredTheory, r.deliveredPractice])).toEqual([
      ['ИС-21', 10, 10, 0],
      ['ИС-31', 18, 12, 6],
      ['Итого', 28, 22, 6],
    ]);
    expect(hoursRows(facts, 'item')).toHaveLength(2);
    expect(hoursCell(byTeacher[0]!, 'difference')).toBe('+2');
    expect(hoursCell(byTeacher[1]!, 'percent')).toBe('22,2');
    expect(hoursCell({ ...byTeacher[1]!, percent: 81 }, 'percent')).toBe('81,0');
  });
});
