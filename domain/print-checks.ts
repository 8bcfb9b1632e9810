/**
 * Pre-flight of a printed copy (issue #12, item 4): what would look wrong on paper, found before the copy is made, each
 * with the rule, the lesson or student and a link to the journal cell. The methodist prints anyway or fixes first.
 * Rules from the regulation: the topic and marks of every lesson (§5.6), at least 5 grades a student a term (§5.6),
 * the term's attestation results entered after it ends (§5.4).
 */
import { formatDate, type IsoDate } from './dates';
import { countOf, NOUNS } from './plural';
import { inGroupOn, type PrintoutStudent } from './journal-printout';
import { MIN_GRADES_PER_TERM } from './journal-stats';

export type PreflightRule = 'noTopic' | 'emptyLesson' | 'shortOfGrades' | 'noAttestation' | 'marksAfterInterval';

export const PREFLIGHT_RULES: Record<PreflightRule, string> = {
  emptyLesson: 'Занятие не заполнено',
  noTopic: 'Занятие без темы',
  shortOfGrades: `Меньше ${MIN_GRADES_PER_TERM} оценок`,
  noAttestation: 'Нет результата аттестации',
  marksAfterInterval: 'Отметки после периода',
};

export interface PreflightJournal {
  assignmentId: number;
  title: string;
  /** All the journal's lessons in the term; `filled`: any mark or attendance in a cell. */
  lessons: { id: number; date: IsoDate; topic: string | null; marked: boolean }[];
  students: PrintoutStudent[];
  /** Grades (5…2) per student in the interval. */
  gradeCounts: ReadonlyMap<number, number>;
  attestation: { header: string; values: ReadonlyMap<number, string> }[];
}

export interface PreflightIssue {
  rule: PreflightRule;
  assignmentId: number;
  subject: string;
  lessonId: number | null;
  studentId: number | null;
  text: string;
  /** The journal cell or lesson to fix. */
  href: string;
}

export interface PreflightPeriod {
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  termEndsOn: IsoDate;
}

function href(assignmentId: number, lessonId: number | null, studentId: number | null): string {
  const params = new URLSearchParams();
  if (lessonId !== null) params.set('lesson', String(lessonId));
  if (studentId !== null) params.set('student', String(studentId));
  const query = params.toString();
  return `/journals/${assignmentId}${query ? `?${query}` : ''}`;
}

/**
 * The issues of the journals for the period. Lessons count up to today; grades and attestation are judged only on a
 * copy of the whole term once the term has ended (before that the 5 grades are not yet due).
 */
export function preflightIssues(journals: readonly PreflightJournal[], p: PreflightPeriod): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const lastDay = p.to < p.today ? p.to : p.today;
  // Grades and attestation are asked of a copy of the whole term once the term is over.
  const wholeTerm = p.to >= p.termEndsOn && p.today > p.termEndsOn;
  for (const j of journals) {
    const add = (rule: PreflightRule, text: string, lessonId: number | null = null, studentId: number | null = null) =>
      issues.push({
        rule,
        assignmentId: j.assignmentId,
        subject: j.title,
        lessonId,
        studentId,
        text,
        href: href(j.assignmentId, lessonId, studentId),
      });
    for (const l of j.lessons) {
      if (l.date < p.from || l.date > lastDay || l.topic) continue;
      if (l.marked) add('noTopic', `${formatDate(l.date)}: нет темы занятия`, l.id);
      else add('emptyLesson', `${formatDate(l.date)}: ни темы, ни отметок`, l.id);
    }
    const after = j.lessons.filter((l) => l.date > p.to && l.marked);
    if (after.length)
      add(
        'marksAfterInterval',
        `после ${formatDate(p.to)} отметки есть в ${countOf(after.length, NOUNS.lessonPrep)} — в копию они не войдут`,
        after[0]!.id,
      );
    if (!wholeTerm) continue;
    for (const s of j.students) {
      if (!inGroupOn(s, p.termEndsOn)) continue;
      const n = j.gradeCounts.get(s.id) ?? 0;
      if (n < MIN_GRADES_PER_TERM)
        add('shortOfGrades', `${s.name}: ${countOf(n, NOUNS.grade)} из ${MIN_GRADES_PER_TERM}`, null, s.id);
      for (const a of j.attestation)
        if (!a.values.get(s.id)) add('noAttestation', `${s.name}: нет результата «${a.header}»`, null, s.id);
    }
  }
  return issues;
}
