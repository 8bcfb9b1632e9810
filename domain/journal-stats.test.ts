import { describe, expect, it } from 'vitest';
import { heldHours, studentStats } from './journal-stats';
import { DEFAULT_ATTENDANCE_CODES } from './marks';

describe('studentStats', () => {
  const lessons = new Map([
    [1, { id: 1, hours: 2, weight: 1 }],
    [2, { id: 2, hours: 2, weight: 2 }],
    [3, { id: 3, hours: 2, weight: 1 }],
    [4, { id: 4, hours: 6, weight: 1 }],
  ]);

  it('averages plain and weighted, counts grades and missed hours apart from valid ones', () => {
    const stats = studentStats(
      lessons,
      [
        { lessonId: 1, attendance: null, grade1: '5', grade2: '3' },
        { lessonId: 2, attendance: 'о', grade1: '2', grade2: null },
        { lessonId: 3, attendance: 'н', grade1: null, grade2: null },
        { lessonId: 4, attendance: 'б', grade1: null, grade2: null },
      ],
      DEFAULT_ATTENDANCE_CODES,
    );
    expect(stats.average).toBe(3.33);
    expect(stats.weightedAverage).toBe(3); // (5 + 3 + 2·2) / 4
    expect(stats.gradeCount).toBe(3);
    expect(stats.shortOfGrades).toBe(true);
    expect(stats.missedHours).toBe(8);
    expect(stats.missedValidHours).toBe(6);
  });

  it('ignores credits in averages and has no average without grades', () => {
    const stats = studentStats(
      lessons,
      [{ lessonId: 1, attendance: null, grade1: 'зч', grade2: null }],
      DEFAULT_ATTENDANCE_CODES,
    );
    expect(stats.average).toBeNull();
    expect(stats.gradeCount).toBe(0);
  });
});

describe('held hours', () => {
  it('counts lessons whose date has come and that have a topic, homework or a mark — not empty planned ones', () => {
    const lesson = (id: number, date: string, topic: string | null = null) => ({
      id,
      date,
      hours: 2,
      topic,
      homework: null,
    });
    const lessons = [
      lesson(1, '2026-11-02', 'Тема'),
      lesson(2, '2026-11-09'),
      lesson(3, '2026-11-16'),
      lesson(4, '2026-12-07', 'Тема заранее'),
    ];
    const cells = [
      { lessonId: 2, attendance: 'н', grade1: null, grade2: null },
      { lessonId: 3, attendance: null, grade1: null, grade2: null },
    ];
    expect(heldHours(lessons, cells, '2026-12-01')).toBe(4);
  });
});
