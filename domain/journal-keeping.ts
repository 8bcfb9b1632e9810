/**
 * «Лист контроля ведения журнала» of a teacher (issue #12, item 3; regulation §5.2–5.4: the administration checks the
 * filling of grades and attendance and the delivery of the programme; §5.6: the teacher fixes the remarks): per journal
 * of the teacher in a term, the counts of what the pre-flight rules find (domain/print-checks.ts — one set of rules for
 * paper and for control), hours planned and held, and the last entry; blank columns for the controller's remarks.
 */
import type { PreflightIssue, PreflightRule } from './print-checks';

export interface KeepingJournal {
  assignmentId: number;
  group: string;
  subject: string;
  plannedHours: number;
  heldHours: number;
  /** Lessons dated up to today (or the term's end). */
  lessonsToDate: number;
  /** The latest change of a cell or a lesson (ISO timestamp) or null. */
  lastEntry: string | null;
}

export interface KeepingRow extends KeepingJournal {
  counts: Record<Exclude<PreflightRule, 'marksAfterInterval'>, number>;
}

/** One row per journal with the count of each rule's findings; `judged` false: grades and attestation not yet due. */
export function keepingRows(journals: readonly KeepingJournal[], issues: readonly PreflightIssue[]): KeepingRow[] {
  return journals.map((j) => {
    const of = (rule: PreflightRule) =>
      issues.filter((i) => i.assignmentId === j.assignmentId && i.rule === rule).length;
    return {
      ...j,
      counts: {
        noTopic: of('noTopic'),
        emptyLesson: of('emptyLesson'),
        shortOfGrades: of('shortOfGrades'),
        noAttestation: of('noAttestation'),
      },
    };
  });
}
