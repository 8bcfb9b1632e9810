/**
 * Russian plural forms through `Intl.PluralRules('ru')`: «1 изменение, 2 изменения, 5 изменений, 21 изменение».
 * Forms are given as [one, few, many]: the form after 1 (21, 101…), after 2–4 (22–24…), after 5–20, 0 (25…).
 * Fractions take the «few» form («1,5 часа»), as `Intl.PluralRules` says (category `other`).
 */
export type PluralForms = readonly [one: string, few: string, many: string];

const rules = new Intl.PluralRules('ru');

/** The form of the noun (or verb, adjective) that agrees with `n`. */
export function plural(n: number, forms: PluralForms): string {
  switch (rules.select(n)) {
    case 'one':
      return forms[0];
    case 'few':
      return forms[1];
    case 'many':
      return forms[2];
    default:
      return forms[1];
  }
}

/** «5 изменений»: the number and the agreeing form. */
export function countOf(n: number, forms: PluralForms): string {
  return `${n} ${plural(n, forms)}`;
}

/** Nouns the interface counts with, declared once. */
export const NOUNS = {
  change: ['изменение', 'изменения', 'изменений'],
  student: ['студент', 'студента', 'студентов'],
  group: ['группа', 'группы', 'групп'],
  cellIn: ['ячейке', 'ячейках', 'ячейках'],
  error: ['ошибка', 'ошибки', 'ошибок'],
  mark: ['отметка', 'отметки', 'отметок'],
  cell: ['ячейка', 'ячейки', 'ячеек'],
  filledCell: ['заполненная ячейка', 'заполненные ячейки', 'заполненных ячеек'],
  /** Genitive after «меньше», «не короче»: меньше 1 оценки, меньше 5 оценок. */
  gradeGen: ['оценки', 'оценок', 'оценок'],
  charGen: ['символа', 'символов', 'символов'],
  waits: ['ждёт', 'ждут', 'ждут'],
  account: ['учётная запись', 'учётные записи', 'учётных записей'],
  assignment: ['назначение нагрузки', 'назначения нагрузки', 'назначений нагрузки'],
  lesson: ['занятие', 'занятия', 'занятий'],
  row: ['строка', 'строки', 'строк'],
  pair: ['пара', 'пары', 'пар'],
  day: ['день', 'дня', 'дней'],
  remark: ['замечание', 'замечания', 'замечаний'],
  journal: ['журнал', 'журнала', 'журналов'],
  flag: ['нарушение', 'нарушения', 'нарушений'],
  seat: ['место', 'места', 'мест'],
  /** After «на»: на 1 студента, на 2 студентов, на 5 студентов. */
  studentFor: ['студента', 'студентов', 'студентов'],
  topic: ['тема', 'темы', 'тем'],
  journalOf: ['журнала', 'журналов', 'журналов'],
  week: ['неделя', 'недели', 'недель'],
  room: ['аудитория', 'аудитории', 'аудиторий'],
  rule: ['правило', 'правила', 'правил'],
  /** After «в»: в 1 занятии, в 2 занятиях. */
  lessonPrep: ['занятии', 'занятиях', 'занятиях'],
  grade: ['оценка', 'оценки', 'оценок'],
  sheet: ['лист', 'листа', 'листов'],
  page: ['страница', 'страницы', 'страниц'],
  time: ['раз', 'раза', 'раз'],
  groupOf: ['группы', 'групп', 'групп'],
  college: ['колледж', 'колледжа', 'колледжей'],
} as const satisfies Record<string, PluralForms>;
