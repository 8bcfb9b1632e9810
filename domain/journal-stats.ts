/**
 * The computed columns of a journal page (DOMAIN.md «Marks in a journal cell»): plain and weighted average of the
 * grades, number of grades (the regulation wants at least 5 a term), missed hours in all and for valid reasons.
 */
import { numericGrade, type AttendanceCodeDef } from './marks';

export const MIN_GRADES_PER_TERM = 5;

export interface StatsLesson {
  id: number;
  hours: number;
  weight: number;
}

export interface StatsCell {
  lessonId: number;
  attendance: string | null;
  grade1: string | null;
  grade2: string | null;
}

export interface StudentStats {
  average: number | null;
  weightedAverage: number | null;
  gradeCount: number;
  shortOfGrades: boolean;
  missedHours: number;
  missedValidHours: number;
}

export function studentStats(
  lessons: ReadonlyMap<number, StatsLesson>,
  cells: Iterable<StatsCell>,
  codes: readonly AttendanceCodeDef[],
): StudentStats {
  let sum = 0;
  let count = 0;
  let weightedSum = 0;
  let weights = 0;
  let missed = 0;
  let missedValid = 0;
  for (const cell of cells) {
    const lesson = lessons.get(cell.lessonId);
    if (!lesson) continue;
    for (const g of [cell.grade1, cell.grade2]) {
      const n = numericGrade(g);
      if (n === null) continue;
      sum += n;
      count += 1;
      weightedSum += n * lesson.weight;
      weights += lesson.weight;
    }
    const code = cell.attendance ? codes.find((c) => c.code === cell.attendance) : undefined;
    if (code?.isAbsence) {
      missed += lesson.hours;
      if (code.isValid) missedValid += lesson.hours;
    }
  }
  return {
    average: count ? round2(sum / count) : null,
    weightedAverage: weights ? round2(weightedSum / weights) : null,
    gradeCount: count,
    shortOfGrades: count < MIN_GRADES_PER_TERM,
    missedHours: missed,
    missedValidHours: missedValid,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function formatAverage(x: number | null): string {
  return x === null ? '' : x.toFixed(2).replace('.', ',');
}

/**
 * Hours held (проведено) of a journal: lessons whose date has come and that are filled — a topic or homework, or any
 * mark or attendance (regulation §5.6: the teacher enters each lesson's topic and marks). The same rule as the
 * server's `lessonHeld` (server/queries/lesson-filled.ts): a lesson planned from the timetable and left empty is not held.
 */
export function heldHours(
  lessons: readonly { id: number; date: string; hours: number; topic: string | null; homework: string | null }[],
  cells: readonly { lessonId: number; attendance: string | null; grade1: string | null; grade2: string | null }[],
  today: string,
): number {
  const marked = new Set(
    cells.filter((c) => c.attendance !== null || c.grade1 !== null || c.grade2 !== null).map((c) => c.lessonId),
  );
  return lessons
    .filter((l) => l.date <= today && (l.topic !== null || l.homework !== null || marked.has(l.id)))
    .reduce((n, l) => n + l.hours, 0);
}
