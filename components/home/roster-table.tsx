import Link from 'next/link';
import { fullName } from '@/domain/names';
import type { GroupRoster } from '@/server/queries/people';

export function RosterTable({ roster }: { roster: GroupRoster }) {
  return (
    <table className="list" data-testid="roster">
      <thead>
        <tr>
          <th className="num">№</th>
          <th>ФИО</th>
          <th className="num">Пропущено часов</th>
          <th className="num">из них уваж.</th>
          <th className="num">Средний балл</th>
          <th className="num">Оценок</th>
        </tr>
      </thead>
      <tbody>
        {roster.students.map((s, i) => (
          <tr key={s.id}>
            <td className="num">{i + 1}</td>
            <td>
              <Link href={`/students/${s.id}`}>{fullName(s)}</Link>
            </td>
            <td className="num">{s.missedHours}</td>
            <td className="num">{s.missedValidHours}</td>
            <td className="num">{s.average === null ? '—' : s.average.toFixed(2).replace('.', ',')}</td>
            <td className="num">{s.gradeCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
