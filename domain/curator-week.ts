/**
 * The curator's week (issue #13, item 4; regulation §5.5: the curator checks the group's grades and attendance
 * weekly): the group's students × subjects for a period (a week or a month) with the marks and missed hours, and the
 * students at risk with the reason. Pure: the loader (server/reports/curator-week.tsx) reads the facts.
 *
 * At risk (each reason is one line the curator can act on):
 * - a «2» in the period, or a term average below 3 in a subject;
 * - missed hours without a valid reason in the period at or above `RISK_INVALID_HOURS`;
 * - fewer grades in a subject than due by today (domain/monitoring.ts `gradesDue`: ⌊5 × share of the term gone⌋).
 */
import { formatDate, type IsoDate } from './dates';
import type { AttendanceCodeDef } from './marks';
import { numericGrade } from './marks';
import { gradesDue, type MonitoringTerm } from './monitoring';
import { countOf, NOUNS } from './plural';

/** Hours missed without a valid reason in the period that put a student at risk: three pairs. */
export const RISK_INVALID_HOURS = 6;

export interface WeekSubject {
  assignmentId: number;
  /** Short name for a column («Математика»). */
  name: string;
}

export interface WeekFact {
  assignmentId: number;
  studentId: number;
  date: IsoDate;
  hours: number;
  attendance: string | null;
  grade1: string | null;
  grade2: string | null;
}

export interface WeekStudent {
  id: number;
  name: string;
  spans: { from: IsoDate; to: IsoDate | null }[];
  /** The journals the student belongs to (a subgroup's only for its members). */
  assignmentIds: ReadonlySet<number>;
  /** Grades and their sum per journal over the term to date. */
  term: ReadonlyMap<number, { count: number; sum: number }>;
}

export interface WeekCell {
  /** Marks in date order: grades and absence codes («5», «н», «4/5»). */
  marks: string[];
  missedHours: number;
  missedInvalidHours: number;
}

export interface WeekRow {
  studentId: number;
  name: string;
  cells: Record<number, WeekCell>;
  missedHours: number;
  missedValidHours: number;
  missedInvalidHours: number;
  risks: string[];
}

const emptyCell = (): WeekCell => ({ marks: [], missedHours: 0, missedInvalidHours: 0 });

export function curatorWeekRows(
  subjects: readonly WeekSubject[],
  students: readonly WeekStudent[],
  facts: readonly WeekFact[],
  codes: readonly AttendanceCodeDef[],
  term: MonitoringTerm,
  today: IsoDate,
): WeekRow[] {
  const byCode = new Map(codes.map((c) => [c.code, c]));
  const names = new Map(subjects.map((s) => [s.assignmentId, s.name]));
  const sorted = [...facts].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return students.map((st) => {
    const cells: Record<number, WeekCell> = {};
    const risks: string[] = [];
    let missed = 0;
    let valid = 0;
    let invalid = 0;
    const twos: string[] = [];
    for (const f of sorted) {
      if (f.studentId !== st.id || !names.has(f.assignmentId)) continue;
      const cell = (cells[f.assignmentId] ??= emptyCell());
      const grades = [f.grade1, f.grade2].filter((g): g is string => g !== null);
      const code = f.attendance ? byCode.get(f.attendance) : undefined;
      if (f.attendance) cell.marks.push(grades.length ? `${f.attendance}${grades.join('/')}` : f.attendance);
      else if (grades.length) cell.marks.push(grades.join('/'));
      if (code?.isAbsence) {
        cell.missedHours += f.hours;
        missed += f.hours;
        if (code.isValid) valid += f.hours;
        else {
          cell.missedInvalidHours += f.hours;
          invalid += f.hours;
        }
      }
      if (grades.includes('2')) twos.push(`${names.get(f.assignmentId)} (${formatDate(f.date)})`);
    }
    if (twos.length) risks.push(`«2»: ${twos.join(', ')}`);
    for (const s of subjects) {
      if (!st.assignmentIds.has(s.assignmentId)) continue;
      const t = st.term.get(s.assignmentId) ?? { count: 0, sum: 0 };
      if (t.count > 0 && t.sum / t.count < 3)
        risks.push(`${s.name}: средний балл за семестр ${(Math.round((t.sum / t.count) * 100) / 100).toFixed(2)}`);
      const due = gradesDue({ id: st.id, name: st.name, spans: st.spans, grades: t.count, results: {} }, term, today);
      if (t.count < due)
        risks.push(`${s.name}: ${countOf(t.count, NOUNS.grade)} из ${due} положенных к ${formatDate(today)}`);
    }
    if (invalid >= RISK_INVALID_HOURS) risks.unshift(`${invalid} ч пропусков без уважительной причины`);
    return {
      studentId: st.id,
      name: st.name,
      cells,
      missedHours: missed,
      missedValidHours: valid,
      missedInvalidHours: invalid,
      risks,
    };
  });
}

/** The grade values of a cell, for the term's counts: «5», «4», «3», «2» count, «зч» and others do not. */
export function gradeValues(grade1: string | null, grade2: string | null): number[] {
  return [grade1, grade2].map(numericGrade).filter((n): n is number => n !== null);
}
