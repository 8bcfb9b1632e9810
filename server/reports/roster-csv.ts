import { formatDate } from '../../domain/dates';
import { fullName } from '../../domain/names';
import { toCsv } from '../../domain/spreadsheet-safety';
import type { GroupRoster } from '../queries/people';

/**
 * The group's list on `date` as CSV for Russian Excel (toCsv: `;`, BOM; a text a spreadsheet would evaluate, such as a
 * record-book number `=1+2`, gets a leading apostrophe).
 */
export function rosterCsv(roster: GroupRoster, date: string): string {
  return toCsv([
    [`Группа ${roster.group.name}, ${roster.group.specialty}`],
    [`Список на ${formatDate(date)}${roster.termName ? `; ${roster.termName}` : ''}`],
    [
      '№',
      'ФИО',
      'Дата рождения',
      '№ зачётной книжки',
      'Пропущено часов',
      'из них по уважительной причине',
      'Средний балл',
      'Оценок',
    ],
    ...roster.students.map((s, i) => [
      i + 1,
      fullName(s),
      formatDate(s.birthDate),
      s.recordBookNo,
      s.missedHours,
      s.missedValidHours,
      s.average === null ? '' : s.average.toFixed(2).replace('.', ','),
      s.gradeCount,
    ]),
  ]);
}
