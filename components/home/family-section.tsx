import Link from 'next/link';
import { ACCESS_ENDED_HINT } from '@/domain/adult-consent';
import { formatDate } from '@/domain/dates';
import { fullName } from '@/domain/names';
import type { EndedChild, FamilyStudent, RecentMark } from '@/server/queries/family';

/**
 * A student's own journal, or a parent's children's. A parent's child of 18 or older without the consent (152-ФЗ) is
 * shown by name with why the access ended — nothing else of them. `consentFor`: the student's own records, whose
 * panels link to the page of the consent to the parents' access.
 */
export function FamilySection({
  items,
  own,
  ended = [],
  consentFor = [],
}: {
  items: { student: FamilyStudent; marks: RecentMark[] }[];
  own: boolean;
  ended?: EndedChild[];
  consentFor?: number[];
}) {
  if (items.length === 0 && ended.length === 0)
    return <p className="muted">К учётной записи не привязан ни один студент. Обратитесь к куратору группы.</p>;
  return (
    <>
      {items.map(({ student, marks }) => (
        <section className="panel" key={`${student.institutionId}-${student.id}`} data-testid="family-student">
          <h2>
            {fullName(student)}
            {student.groupName && <span className="muted">, группа {student.groupName}</span>}
          </h2>
          <p>
            <a href={`/family?student=${student.id}`}>Оценки, посещаемость и домашние задания по предметам</a>
          </p>
          <p className="small">
            Табель успеваемости (PDF): <a href={`/api/reports/report-card/${student.id}`}>за семестр</a> ·{' '}
            <a href={`/api/reports/report-card/${student.id}?period=year`}>за учебный год</a>
          </p>
          {consentFor.includes(student.id) && (
            <p className="small">
              Что видят родители: <Link href="/family/consent">согласие на доступ родителей к журналу</Link>
            </p>
          )}
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
      {ended.map((child) => (
        <section
          className="panel"
          key={`ended-${child.institutionId}-${child.id}`}
          data-testid="family-access-ended"
          aria-labelledby={`ended-${child.institutionId}-${child.id}`}
        >
          <h2 id={`ended-${child.institutionId}-${child.id}`}>{fullName(child)}</h2>
          <p>Доступ к журналу закрыт. {child.reason}.</p>
          <p className="muted">{ACCESS_ENDED_HINT}.</p>
        </section>
      ))}
    </>
  );
}
