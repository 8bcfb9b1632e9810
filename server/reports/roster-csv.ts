import { formatDate } from '../../domain/dates';
import { fullName } from '../../domain/names';
import type { GroupRoster } from '../queries/people';

const cell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Semicolon-separated with a BOM: what Russian Excel opens correctly by a double click. */
export function rosterCsv(roster: GroupRoster, date: string): string {
  const lines = [
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
  ];
  return '\uFEFF' + lines.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
