import Link from 'next/link';
import { formatDate } from '@/domain/dates';
import { requireActor } from '@/server/auth/current-actor';
import { rolesOf } from '@/server/policy/actor';
import { serverCaller } from '@/server/trpc/caller';

/** «Мои журналы» for a teacher; the journals in scope for everybody else who reads them. */
export default async function JournalsPage() {
  const actor = await requireActor();
  const trpc = await serverCaller();
  const mine = rolesOf(actor).includes('teacher');
  const list = await trpc.journal.assignments(mine ? { mineOnly: true } : undefined);
  return (
    <>
      <h1>{mine ? 'Мои журналы' : 'Журналы'}</h1>
      {list[0] && <p className="muted">{list[0].termName}</p>}
      <table className="list" data-testid="journals">
        <thead>
          <tr>
            <th>Группа</th>
            <th>Дисциплина</th>
            {!mine && <th>Преподаватель</th>}
            <th className="num">План, ч</th>
            <th className="num">Проведено, ч</th>
            <th>Последнее занятие</th>
            <th>Заполнение</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
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
              {!mine && <td className="nowrap">{a.teacherName}</td>}
              <td className="num">{a.plannedHours}</td>
              <td className="num">{a.heldHours}</td>
              <td>{a.lastLessonOn ? formatDate(a.lastLessonOn) : '—'}</td>
              <td>
                {a.withoutTopic > 0 ? <span className="badge warn">без темы: {a.withoutTopic}</span> : <span className="badge good">темы заполнены</span>}{' '}
                {a.shortOfGrades > 0 && <span className="badge bad">меньше 5 оценок: {a.shortOfGrades}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
