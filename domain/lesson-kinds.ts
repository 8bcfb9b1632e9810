/** Kinds of lesson (DOMAIN.md), each with a default grade weight for the weighted average. */
export const LESSON_KINDS = [
  { code: 'lecture', label: 'Лекция (урок)', short: 'лек', weight: 1 },
  { code: 'practical', label: 'Практическое занятие', short: 'пз', weight: 1 },
  { code: 'lab', label: 'Лабораторная работа', short: 'лр', weight: 1 },
  { code: 'seminar', label: 'Семинар', short: 'сем', weight: 1 },
  { code: 'test', label: 'Контрольная работа', short: 'кр', weight: 2 },
  { code: 'consultation', label: 'Консультация', short: 'конс', weight: 1 },
  { code: 'exam', label: 'Зачёт / экзамен', short: 'экз', weight: 2 },
  { code: 'practice', label: 'Учебная практика', short: 'уп', weight: 1 },
] as const;

export type LessonKindCode = (typeof LESSON_KINDS)[number]['code'];

export function lessonKindLabel(code: string): string {
  return LESSON_KINDS.find((k) => k.code === code)?.label ?? code;
}
