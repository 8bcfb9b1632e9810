/**
 * Rules of the transfer from course to course (перевод на следующий курс), pure so that the preview and the transfer
 * itself agree: which course is the last one, and what a group is called on its next course.
 */

/** The last course of a programme: 2 г. 10 мес. (34 months) → 3, 3 г. 10 мес. (46) → 4. */
export function finalCourse(durationMonths: number): number {
  return Math.max(1, Math.ceil(durationMonths / 12));
}

/**
 * The group's name on its next course when the name carries the course as the first digit after the letters
 * («ИС-21» on course 2 → «ИС-31», «ТО 1-2» stays as it is); a name that does not carry the course is kept.
 */
export function nameOnNextCourse(name: string, course: number): string {
  const match = /^(.*?[^\d\s-])([\s-]*)(\d)(\d*)$/u.exec(name.trim());
  if (!match) return name;
  const [, letters, separator, digit, rest] = match;
  if (Number(digit) !== course || rest!.length > 2) return name;
  return `${letters}${separator}${course + 1}${rest}`;
}

/** The longest name a group may be given (as in the structure editor). */
export const GROUP_NAME_MAX = 30;

interface NamedGroup {
  name: string;
  course: number;
  admissionYear: number;
}

/** What the digits of a name can stand for: the course (first digit after the letters), the admission year, or both. */
export function readName(group: NamedGroup): { course: boolean; year: boolean } {
  const course = nameOnNextCourse(group.name, group.course) !== group.name;
  const full = String(group.admissionYear);
  const yy = full.slice(-2);
  // «ИС-23», «ИС-231», «ИС-23-1», «23ИС-1», «ИС-2023»: the intake's year, with or without the group's number.
  const year = (group.name.match(/\d+/gu) ?? []).some((run) => run === full || (run.length <= 3 && run.startsWith(yy)));
  return { course, year };
}

export interface NamingEvidence {
  /** The name the group had on its previous course, kept when it last moved on (names of past years). */
  previous?: { name: string; course: number } | null;
  /** The other groups of the same intake: a college names one intake by one habit. */
  intake?: NamedGroup[];
}

export interface Naming {
  /** Whether the name carries the course and so changes with it. */
  carriesCourse: boolean;
  /** The name reads both ways and nothing in the group's own history settles it: the administrator should look. */
  guess: boolean;
  /** Why, in a few Russian words for the preview. */
  why: string;
  /** The name the group gets on its next course unless the administrator gives another. */
  proposedName: string;
}

/**
 * Does the group's name carry its course, and what will it be called on the next course? A name whose first digit is
 * the course carries it («ИС-21» on the 2nd course, admitted 2025 → «ИС-31»); a name that reads as the admission year
 * does not («ИС-23» admitted 2023 stays «ИС-23» on any course). When both fit (the 2nd course of a 202x intake named
 * «…-2x»), the group's own last transfer decides; failing that, the other groups of its intake whose names read only
 * one way; failing that the name is kept, since a name left as it was is the milder mistake. The last two are guesses.
 */
export function namingOnTransfer(group: NamedGroup, evidence: NamingEvidence = {}): Naming {
  const reading = readName(group);
  const renamed = nameOnNextCourse(group.name, group.course);
  const digits = group.name.match(/\d+/u)?.[0] ?? '';
  const carries = (carriesCourse: boolean, guess: boolean, why: string): Naming => ({
    carriesCourse,
    guess,
    why,
    proposedName: carriesCourse ? renamed : group.name,
  });
  if (!reading.course) {
    return carries(
      false,
      false,
      reading.year ? `по году набора ${group.admissionYear}` : 'номера курса в названии нет',
    );
  }
  if (!reading.year) return carries(true, false, `первая цифра — номер курса (${group.course})`);

  const ambiguity = `«${digits}» — и ${group.course} курс, и набор ${group.admissionYear} г.`;
  const previous = evidence.previous;
  if (previous && previous.name === group.name) {
    return carries(false, false, `${ambiguity}; в прошлый перевод название не менялось`);
  }
  if (previous && nameOnNextCourse(previous.name, previous.course) === group.name) {
    return carries(true, false, `${ambiguity}; в прошлый перевод было ${previous.name}`);
  }
  const intake = (evidence.intake ?? [])
    .map((g) => ({ name: g.name, ...readName(g) }))
    .filter((r) => r.course !== r.year);
  const byCourse = intake.filter((r) => r.course).map((r) => r.name);
  const byYear = intake.filter((r) => r.year).map((r) => r.name);
  const examples = (names: string[]) => names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  if (byCourse.length > byYear.length) {
    return carries(true, true, `${ambiguity}; по курсу названы группы того же набора: ${examples(byCourse)}`);
  }
  if (byYear.length > byCourse.length) {
    return carries(false, true, `${ambiguity}; по году набора названы группы того же набора: ${examples(byYear)}`);
  }
  return carries(false, true, `${ambiguity}; похоже на год набора, название оставлено`);
}

/** What is wrong with a name the administrator gives a group for its next course; null when nothing. */
export function newGroupNameProblem(name: string, currentName: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Новое название: заполните';
  if (trimmed !== currentName && trimmed.length > GROUP_NAME_MAX)
    return `Новое название: не длиннее ${GROUP_NAME_MAX} знаков`;
  return null;
}

export type TransferAction = 'transfer' | 'graduate';

export function transferActionFor(course: number, durationMonths: number): TransferAction {
  return course >= finalCourse(durationMonths) ? 'graduate' : 'transfer';
}
