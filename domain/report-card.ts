/**
 * «Табель успеваемости» of one student for a term or a year (issue #12, item 3; DOMAIN.md «Reports»: a student's report
 * card for parents): per journal of the student — every grade in order, the plain and weighted averages and the number
 * of grades against the regulation's five (domain/journal-stats.ts), hours missed (all, for a valid reason), the
 * semester mark and the result of the term's form of attestation; then the totals over all subjects. Pure: the loader
 * (server/reports/report-card.tsx) reads the rows, this puts them together.
 */
import { attestationFieldOf, FORM_COLUMNS } from './attestation';
import { studentStats, type StatsCell } from './journal-stats';
import { numericGrade, type AttendanceCodeDef } from './marks';

export interface CardJournal {
  assignmentId: number;
  termId: number;
  code: string;
  subject: string;
  /** The form of attestation of the term (Э, ДЗ, З, КП, ЭК) or null. */
  form: string | null;
  lessons: { id: number; date: string; hours: number; weight: number }[];
  /** The student's cells only. */
  cells: StatsCell[];
  /** field → value (the student's results). */
  results: Record<string, string>;
}

export interface CardRow {
  assignmentId: number;
  termId: number;
  code: string;
  subject: string;
  /** Grades in the order of the lessons («5 4 зч 3»). */
  grades: string[];
  gradeCount: number;
  shortOfGrades: boolean;
  average: number | null;
  weightedAverage: number | null;
  missedHours: number;
  missedValidHours: number;
  semester: string | null;
  /** The term's form («Экзамен») and its result, when the term ends with one. */
  attestation: { form: string; title: string; value: string | null } | null;
}

export interface CardTotals {
  /** Over every grade of every subject. */
  average: number | null;
  missedHours: number;
  missedValidHours: number;
  /** Subjects whose semester mark or attestation result is «2» or «не зачтено», or «н/а». */
  failing: number;
}

const FAILING = new Set(['2', 'не зачтено', 'н/а']);

export function reportCardRows(journals: readonly CardJournal[], codes: readonly AttendanceCodeDef[]): CardRow[] {
  return journals.map((j) => {
    const order = new Map(j.lessons.map((l, i) => [l.id, i]));
    const stats = studentStats(new Map(j.lessons.map((l) => [l.id, l])), j.cells, codes);
    const grades = [...j.cells]
      .filter((c) => order.has(c.lessonId))
      .sort((a, b) => order.get(a.lessonId)! - order.get(b.lessonId)!)
      .flatMap((c) => [c.grade1, c.grade2].filter((g): g is string => g !== null));
    const field = attestationFieldOf(j.form);
    const own = j.form ? FORM_COLUMNS[j.form] : undefined;
    return {
      assignmentId: j.assignmentId,
      termId: j.termId,
      code: j.code,
      subject: j.subject,
      grades,
      gradeCount: stats.gradeCount,
      shortOfGrades: stats.shortOfGrades,
      average: stats.average,
      weightedAverage: stats.weightedAverage,
      missedHours: stats.missedHours,
      missedValidHours: stats.missedValidHours,
      semester: j.results.sem ?? null,
      attestation: own && field !== 'sem' ? { form: j.form!, title: own.title, value: j.results[field] ?? null } : null,
    };
  });
}

export function reportCardTotals(rows: readonly CardRow[]): CardTotals {
  const numbers = rows.flatMap((r) => r.grades.map(numericGrade).filter((n): n is number => n !== null));
  return {
    average: numbers.length ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100 : null,
    missedHours: rows.reduce((n, r) => n + r.missedHours, 0),
    missedValidHours: rows.reduce((n, r) => n + r.missedValidHours, 0),
    failing: rows.filter(
      (r) =>
        (r.semester !== null && FAILING.has(r.semester)) || (r.attestation?.value && FAILING.has(r.attestation.value)),
    ).length,
  };
}
