import { formatDate } from '@/domain/dates';
import { fullName } from '@/domain/names';
import type { FamilyStudent, RecentMark } from '@/server/queries/family';

export function FamilySection({
  items,
  own,
}: {
  items: { student: FamilyStudent; marks: RecentMark[] }[];
  own: boolean;
}) {
  if (items.length === 0)
    return <p className="muted">К учётной записи не привязан ни один студент. Обратитесь к куратору группы.</p>;
  return (
    <>
      {items.map(({ student, marks }) => (
        <section className="panel" key={`${student.institutionId}-${student.id}`} data-testid="family-student">
          <h2>
            {fullName(student)}
            {student.groupName && <span className="muted">, группа {student.groupName}</span>}
          </h2>
          <p className="small">
            Табель успеваемости (PDF): <a href={`/api/reports/report-card/${student.id}`}>за семестр</a> ·{' '}
            <a href={`/api/reports/report-card/${student.id}?period=year`}>за учебный год</a>
          </p>
          <h3>{own ? 'Мои последние оценки и отметки' : 'Последние оценки и отметки'}</h3>
          {marks.length === 0 ? (
            <p className="muted">Оценок и отметок пока нет.</p>
          ) : (
            <table className="list marks-feed">
              <thead>
                <tr>
                  <th>Дата</th>
                  <th>Дисциплина</th>
                  <th>Отметка</th>
                  <th>Тема занятия</th>
                </tr>
              </thead>
              <tbody>
                {marks.map((m, i) => (
                  <tr key={i}>
                    <td>{formatDate(m.date)}</td>
                    <td>{m.subject}</td>
                    <td>
                      {m.attendance && (
                        <span className={`mark ${m.attendance === 'о' ? '' : 'absent'}`}>{m.attendance} </span>
                      )}
                      {m.grades.length > 0 && <span className="mark">{m.grades.join('/')}</span>}
                    </td>
                    <td className="small topic">{m.topic ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  );
}
