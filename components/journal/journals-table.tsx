import Link from 'next/link';
import { formatDate } from '@/domain/dates';
import type { AssignmentListItem } from '@/server/queries/journal';

/** Journal pages of a term with their fill status: the teacher's home, «Мои журналы», the administration's list. */
export function JournalsTable({
  assignments,
  showTeacher,
  testId,
}: {
  assignments: AssignmentListItem[];
  showTeacher: boolean;
  testId?: string;
}) {
  return (
    <table className="list" data-testid={testId}>
      <thead>
        <tr>
          <th>Группа</th>
          <th>Дисциплина</th>
          {showTeacher && <th>Преподаватель</th>}
          <th className="num">План, ч</th>
          <th className="num">Проведено, ч</th>
          <th>Последнее занятие</th>
          <th>Заполнение</th>
        </tr>
      </thead>
      <tbody>
        {assignments.map((a) => (
          <tr key={a.id}>
            <td className="nowrap">
              {a.groupName}
              {a.subgroupName && <span className="muted small"> ({a.subgroupName})</span>}
            </td>
            <td>
              <Link href={`/journals/${a.id}`}>
                <span className="muted">{a.itemCode}</span> {a.itemName}
              </Link>
            </td>
            {showTeacher && <td className="nowrap">{a.teacherName}</td>}
            <td className="num">{a.plannedHours}</td>
            <td className="num">{a.heldHours}</td>
            <td>{a.lastLessonOn ? formatDate(a.lastLessonOn) : '—'}</td>
            <td>
              {a.withoutTopic > 0 ? (
                <span className="badge warn">без темы: {a.withoutTopic}</span>
              ) : (
                <span className="badge good">темы заполнены</span>
              )}{' '}
              {a.shortOfGrades > 0 && <span className="badge bad">меньше 5 оценок: {a.shortOfGrades}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
