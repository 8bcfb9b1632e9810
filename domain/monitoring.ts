/**
 * Monitoring of journal keeping (issue #13, item 1): the rules the administrator (monthly, §5.2), the head of department
 * (monthly, §5.3) and the methodist (at least every two weeks, §5.4) check, as pure functions of a journal's facts.
 * Each flag says which rule, which lesson or student, since when, why (in Russian) and where to fix it; the same
 * functions answer «why» for a remark (`server/services/control/`).
 *
 * Rules (regulation §5.6 for the teacher's duties, DOMAIN.md «Rules that monitoring checks»):
 * - `unfilledLesson` / `noTopic`: the topic, grades and attendance are entered at least once in 3 days, so a lesson
 *   3 days old may still be empty; on the 4th day it is flagged (nothing at all / marks without the topic). Attendance
 *   is recorded as absences (a present student's cell stays empty), so «no attendance» shows as an empty lesson.
 * - `lateEntry`: the lesson's first entry came more than 3 days after it (a fact; it cannot be fixed, so no remark).
 * - `shortOfGrades`: at least 5 grades a student a term, scaled to how far the term has gone for that student (from
 *   the later of the term's start and the day they joined): ⌊5 × elapsed share⌋, the full 5 once the term has ended.
 *   A student who left before today, or exempt («осв.»), is not judged.
 * - `hoursBehind`: hours held behind hours due (the plan's pace, or the published timetable) by 3 days ago.
 * - `noAttestation`: after the term has ended, a student in the group on its last day without a result in a column
 *   of the term's attestation (`domain/attestation.ts`), unless exempt.
 * Lessons dated after today are never judged; a cancelled lesson is not among the journal's lessons at all.
 *
 * Each rule is judged when the regulation judges it (issue #29, item 2), so every flag has a `severity`: the 3-day
 * rules (`unfilledLesson`, `noTopic`, `lateEntry`) are violations at once — §5.6 sets that term for every lesson; the
 * term's totals (`shortOfGrades` — «для объективной аттестации учащихся за семестр … не менее 5 оценок», §5.6;
 * `hoursBehind` — the plan's hours are the term's) are a **risk** while the term lasts (the teacher still has time)
 * and a violation after its last day; `noAttestation` exists only after the term, a violation. Remarks are issued for
 * violations only.
 */
import { addDays, daysBetween, formatDate, type IsoDate } from './dates';
import { MIN_GRADES_PER_TERM } from './journal-stats';
import { countOf, NOUNS } from './plural';

/** Days a teacher has to fill a lesson (§5.6: «не менее 1 раза в 3 дня»). */
export const FILL_DAYS = 3;

export const MONITORING_RULES = {
  unfilledLesson: { label: 'Занятие не заполнено', short: 'Пустые', fixable: true },
  noTopic: { label: 'Нет темы занятия', short: 'Без темы', fixable: true },
  lateEntry: { label: 'Записи позже 3 дней', short: 'Поздно', fixable: false },
  shortOfGrades: { label: `Меньше ${MIN_GRADES_PER_TERM} оценок`, short: 'Мало оценок', fixable: true },
  hoursBehind: { label: 'Отставание по часам', short: 'Часы', fixable: true },
  noAttestation: { label: 'Нет результата аттестации', short: 'Аттестация', fixable: true },
} as const;
export type MonitoringRule = keyof typeof MONITORING_RULES;
export const MONITORING_RULE_KEYS = Object.keys(MONITORING_RULES) as MonitoringRule[];

export interface MonitoredLesson {
  id: number;
  date: IsoDate;
  hasTopic: boolean;
  /** Any grade or attendance mark in a cell of the lesson. */
  marked: boolean;
  /** The substitute who taught it, answerable for it instead of the journal's teacher. */
  taughtBy: number | null;
  /** The college's day of the lesson's first cell entry (from the change log), null when none is logged. */
  firstEntryOn: IsoDate | null;
}

export interface MonitoredStudent {
  id: number;
  /** «Фамилия И. О.» */
  name: string;
  /** Membership of the journal's group (or subgroup) within the term; `to` inclusive, null while there. */
  spans: { from: IsoDate; to: IsoDate | null }[];
  /** Grades (5…2) in the journal this term. */
  grades: number;
  /** The student's attestation results by column header («Сем.», «Экз.»…); «осв.» exempts. */
  results: Readonly<Record<string, string>>;
}

export interface MonitoredJournal {
  assignmentId: number;
  /** «ОП.01 Информатика (1 подгруппа)». */
  title: string;
  groupId: number;
  group: string;
  teacherId: number | null;
  lessons: readonly MonitoredLesson[];
  /** The students the rules may judge; a subset is fine as long as it holds every one a rule could flag. */
  students: readonly MonitoredStudent[];
  /** The headers of the term's attestation columns. */
  attestation: readonly string[];
  /** Hours held (filled lessons whose date has come) and due by `FILL_DAYS` days ago. */
  heldHours: number;
  dueHours: number;
}

export interface MonitoringTerm {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** A violation of the regulation, or a risk of one at the term's end (see the rules above). */
export type FlagSeverity = 'violation' | 'risk';
export const SEVERITY_LABELS: Record<FlagSeverity, string> = { violation: 'нарушение', risk: 'риск' };

/** The rules whose flags are only a risk until the term's last day has passed. */
export const TERM_END_RULES: readonly MonitoringRule[] = ['shortOfGrades', 'hoursBehind'];

export interface MonitoringFlag {
  rule: MonitoringRule;
  severity: FlagSeverity;
  assignmentId: number;
  /** Whom it concerns: the substitute for a lesson they taught, else the journal's teacher. */
  teacherId: number | null;
  lessonId: number | null;
  studentId: number | null;
  /** The first day the rule fired. */
  since: IsoDate;
  /** Why, in Russian: what is wrong, with the dates and counts. */
  text: string;
  /** The journal cell or lesson to fix. */
  href: string;
}

/** A flag's identity: a remark is about this key, and closes when no flag has it any more. */
export function flagKey(f: Pick<MonitoringFlag, 'rule' | 'assignmentId' | 'lessonId' | 'studentId'>): string {
  return `${f.rule}:${f.assignmentId}:${f.lessonId ?? ''}:${f.studentId ?? ''}`;
}

export function journalHref(assignmentId: number, lessonId: number | null, studentId: number | null): string {
  const params = new URLSearchParams();
  if (lessonId !== null) params.set('lesson', String(lessonId));
  if (studentId !== null) params.set('student', String(studentId));
  const query = params.toString();
  return `/journals/${assignmentId}${query ? `?${query}` : ''}`;
}

/** Whether the student is in the journal's group on `date`. */
function inGroupOn(s: MonitoredStudent, date: IsoDate): boolean {
  return s.spans.some((p) => p.from <= date && (p.to === null || p.to >= date));
}

/** The grades a student should have by `today`: ⌊5 × share of their part of the term gone⌋; 5 after its end. */
export function gradesDue(s: MonitoredStudent, term: MonitoringTerm, today: IsoDate): number {
  if (today > term.endsOn) return MIN_GRADES_PER_TERM;
  const joined = s.spans.map((p) => p.from).reduce((a, b) => (a < b ? a : b), term.endsOn);
  const start = joined > term.startsOn ? joined : term.startsOn;
  if (today < start) return 0;
  const span = daysBetween(start, term.endsOn) + 1;
  const gone = daysBetween(start, today) + 1;
  return Math.floor((MIN_GRADES_PER_TERM * gone) / span);
}

/** The first day `gradesDue` reached `count` (for «since when»). */
function dayGradesDue(s: MonitoredStudent, term: MonitoringTerm, count: number): IsoDate {
  const joined = s.spans.map((p) => p.from).reduce((a, b) => (a < b ? a : b), term.endsOn);
  const start = joined > term.startsOn ? joined : term.startsOn;
  const span = daysBetween(start, term.endsOn) + 1;
  if (count >= MIN_GRADES_PER_TERM) return addDays(term.endsOn, 1);
  // The least `gone` with ⌊5·gone/span⌋ ≥ count.
  const gone = Math.ceil((count * span) / MIN_GRADES_PER_TERM);
  return addDays(start, Math.max(gone, 1) - 1);
}

const isExempt = (s: MonitoredStudent) => Object.values(s.results).some((v) => v === 'осв.');

/** Every flag of the journals on `today`, in journal order, lessons by date, then students. */
export function monitoringFlags(
  journals: readonly MonitoredJournal[],
  term: MonitoringTerm,
  today: IsoDate,
): MonitoringFlag[] {
  const flags: MonitoringFlag[] = [];
  const termEnded = today > term.endsOn;
  for (const j of journals) {
    const add = (
      rule: MonitoringRule,
      since: IsoDate,
      text: string,
      lessonId: number | null = null,
      studentId: number | null = null,
      teacherId: number | null = j.teacherId,
    ) =>
      flags.push({
        rule,
        severity: !termEnded && TERM_END_RULES.includes(rule) ? 'risk' : 'violation',
        assignmentId: j.assignmentId,
        teacherId,
        lessonId,
        studentId,
        since,
        text,
        href: journalHref(j.assignmentId, lessonId, studentId),
      });
    const lessons = [...j.lessons].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
    for (const l of lessons) {
      if (l.date > today) continue;
      const who = l.taughtBy ?? j.teacherId;
      const deadline = addDays(l.date, FILL_DAYS);
      const overdue = today > deadline;
      if (overdue && !l.hasTopic && !l.marked)
        add(
          'unfilledLesson',
          addDays(deadline, 1),
          `${formatDate(l.date)}: ни темы, ни отметок (срок ${FILL_DAYS} дня истёк ${formatDate(deadline)})`,
          l.id,
          null,
          who,
        );
      else if (overdue && !l.hasTopic)
        add(
          'noTopic',
          addDays(deadline, 1),
          `${formatDate(l.date)}: отметки есть, темы нет (срок истёк ${formatDate(deadline)})`,
          l.id,
          null,
          who,
        );
      if (l.firstEntryOn && l.firstEntryOn > deadline) {
        const late = daysBetween(l.date, l.firstEntryOn);
        add(
          'lateEntry',
          l.firstEntryOn,
          `${formatDate(l.date)}: первые отметки внесены ${formatDate(l.firstEntryOn)} — через ${countOf(late, NOUNS.day)}`,
          l.id,
          null,
          who,
        );
      }
    }
    const hoursDate = addDays(today > term.endsOn ? term.endsOn : today, -FILL_DAYS);
    if (j.heldHours < j.dueHours)
      add(
        'hoursBehind',
        hoursDate,
        `проведено ${j.heldHours} ч из ${j.dueHours} ч, положенных к ${formatDate(hoursDate)} (отставание ${j.dueHours - j.heldHours} ч)`,
      );
    for (const s of j.students) {
      const judgedOn = termEnded ? term.endsOn : today;
      if (!inGroupOn(s, judgedOn) || isExempt(s)) continue;
      const due = gradesDue(s, term, today);
      if (s.grades < due)
        add(
          'shortOfGrades',
          dayGradesDue(s, term, s.grades + 1),
          `${s.name}: ${countOf(s.grades, NOUNS.grade)}, к ${formatDate(judgedOn)} нужно не меньше ${due}` +
            (due < MIN_GRADES_PER_TERM ? ` (из ${MIN_GRADES_PER_TERM} за семестр)` : ''),
          null,
          s.id,
        );
      if (termEnded)
        for (const header of j.attestation)
          if (!s.results[header])
            add(
              'noAttestation',
              addDays(term.endsOn, 1),
              `${s.name}: нет результата «${header}» (семестр окончен ${formatDate(term.endsOn)})`,
              null,
              s.id,
            );
    }
  }
  return flags;
}

/** Counts per rule (a heat map's cell). */
export type RuleCounts = Record<MonitoringRule, number>;

export function emptyCounts(): RuleCounts {
  return Object.fromEntries(MONITORING_RULE_KEYS.map((r) => [r, 0])) as RuleCounts;
}

export function countFlags(flags: readonly Pick<MonitoringFlag, 'rule'>[]): RuleCounts {
  const counts = emptyCounts();
  for (const f of flags) counts[f.rule] += 1;
  return counts;
}

export function totalOf(counts: RuleCounts): number {
  return MONITORING_RULE_KEYS.reduce((sum, r) => sum + counts[r], 0);
}

/** The flags split by severity, each in the order given. */
export function bySeverity<T extends Pick<MonitoringFlag, 'severity'>>(
  flags: readonly T[],
): { violations: T[]; risks: T[] } {
  return {
    violations: flags.filter((f) => f.severity === 'violation'),
    risks: flags.filter((f) => f.severity === 'risk'),
  };
}

/** A flag a remark can be issued for: a violation, of a rule fixable in the journal, with somebody to fix it. */
export function isIssuable(flag: Pick<MonitoringFlag, 'rule' | 'severity' | 'teacherId'>): boolean {
  return flag.severity === 'violation' && MONITORING_RULES[flag.rule].fixable && flag.teacherId !== null;
}
