import { describe, expect, it } from 'vitest';
import { keepingRows } from './journal-keeping';
import type { PreflightIssue } from './print-checks';

const issue = (assignmentId: number, rule: PreflightIssue['rule']): PreflightIssue => ({
  rule,
  assignmentId,
  subject: '',
  lessonId: null,
  studentId: null,
  text: '',
  href: '',
});

describe('journal-keeping sheet', () => {
  it('counts each rule’s findings per journal', () => {
    const journal = (assignmentId: number) => ({
      assignmentId,
      group: 'ИС-21',
      subject: 'Математика',
      plannedHours: 72,
      heldHours: 40,
      lessonsToDate: 20,
      lastEntry: null,
    });
    const rows = keepingRows(
      [journal(1), journal(2)],
      [
        issue(1, 'noTopic'),
        issue(1, 'noTopic'),
        issue(1, 'shortOfGrades'),
        issue(2, 'emptyLesson'),
        issue(2, 'marksAfterInterval'),
      ],
    );
    expect(rows.map((r) => r.counts)).toEqual([
      { noTopic: 2, emptyLesson: 0, shortOfGrades: 1, noAttestation: 0 },
      { noTopic: 0, emptyLesson: 1, shortOfGrades: 0, noAttestation: 0 },
    ]);
  });
});
