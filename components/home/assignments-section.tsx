import Link from 'next/link';
import { formatDate } from '@/domain/dates';
import type { AssignmentListItem } from '@/server/queries/journal';

export function AssignmentsSection({ title, assignments, showTeacher }: { title: string; assignments: AssignmentListItem[]; showTeacher: boolean }) {
  const termName = assignments[0]?.termName;
  return (
    <section className="panel" data-testid="assignments">
      <h2>{title}</h2>
      {termName && <p className="muted">{termName}</p>}
      {assignments.length === 0 ? (
        <p className="muted">В текущем семестре назначений нет.</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>Группа</th>
              <th>Дисциплина</th>
              {showTeacher && <th>Преподаватель</th>}
              <th className="num">Часов по плану</th>
              <th className="num">Проведено</th>
              <th>Последнее занятие</th>
            </tr>
          </thead>
          <tbody>
            {assignments.map((a) => (
              <tr key={a.id}>
                <td>
                  {a.groupName}
                  {a.subgroupName && <span className="muted small"> ({a.subgroupName})</span>}
                </td>
                <td>
                  <Link href={`/journals/${a.id}`}>
                    <span className="muted">{a.itemCode}</span> {a.itemName}
                  </Link>
                </td>
                {showTeacher && <td>{a.teacherName}</td>}
                <td className="num">{a.plannedHours}</td>
                <td className="num">{a.heldHours}</td>
                <td>{a.lastLessonOn ? formatDate(a.lastLessonOn) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
