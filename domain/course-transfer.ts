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

export type TransferAction = 'transfer' | 'graduate';

export function transferActionFor(course: number, durationMonths: number): TransferAction {
  return course >= finalCourse(durationMonths) ? 'graduate' : 'transfer';
}
