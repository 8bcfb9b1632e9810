import { MovementForm } from '@/components/admin/movement-form';
import { ProposalForm } from '@/components/admin/proposal-form';
import { StudentFamilyEditor } from '@/components/groups/student-family';
import { formatDate } from '@/domain/dates';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { RefusalNotice } from '@/components/refusal-notice';
import { updateContactsAction } from './actions';
import { parseId } from '@/domain/ids';
import { pageQuery, serverCaller } from '@/server/trpc/caller';

/** The student card: staff in scope see all of it (and the view is logged); the student and parents only the basics. */
export default async function StudentCardPage({ params }: { params: Promise<{ studentId: string }> }) {
  const actor = await requireActor();
  const studentId = parseId((await params).studentId);
  if (!studentId) return <RefusalNotice refusal="Неверный номер студента." />;
  const result = await pageQuery((trpc) =>
    can(actor, 'people.read') ? trpc.people.studentCard({ studentId }) : trpc.family.studentCard({ studentId }),
  );
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к карточке этого студента." />;
  const card = result.data;
  const trpc = await serverCaller();
  return (
    <>
      <h1>{card.fullName}</h1>
      {can(actor, 'reports.card') && (
        <p className="small">
          Табель успеваемости (PDF): <a href={`/api/reports/report-card/${studentId}`}>за семестр</a> ·{' '}
          <a href={`/api/reports/report-card/${studentId}?period=year`}>за учебный год</a>
        </p>
      )}
      {card.details ? (
        <section className="panel" data-testid="card-details">
          <h2>Личные данные</h2>
          <table className="list">
            <tbody>
              <tr>
                <th>Дата рождения</th>
                <td>{formatDate(card.details.birthDate) || '—'}</td>
              </tr>
              <tr>
                <th>№ зачётной книжки</th>
                <td>{card.details.recordBookNo ?? '—'}</td>
              </tr>
              <tr>
                <th>Телефон</th>
                <td>{card.details.phone ?? '—'}</td>
              </tr>
              <tr>
                <th>Эл. почта</th>
                <td>{card.details.email ?? '—'}</td>
              </tr>
            </tbody>
          </table>
          <h3>Родители (законные представители)</h3>
          {card.details.guardians.length === 0 ? (
            <p className="muted">Не указаны.</p>
          ) : (
            <ul>
              {card.details.guardians.map((g, i) => (
                <li key={i}>
                  {g.name} — {g.relation}
                  {g.phone ? `, ${g.phone}` : ''}
                </li>
              ))}
            </ul>
          )}
          <p className="muted small">Просмотр карточки записан в журнал доступа к персональным данным.</p>
        </section>
      ) : null}
      <section className="panel">
        <h2>Движение</h2>
        <table className="list" data-testid="card-history">
          <thead>
            <tr>
              <th>Группа</th>
              <th>С</th>
              <th>По</th>
              <th>Основание</th>
            </tr>
          </thead>
          <tbody>
            {card.history.map((h, i) => (
              <tr key={i}>
                <td>{h.group}</td>
                <td>{formatDate(h.from)}</td>
                <td>{h.to ? formatDate(h.to) : '—'}</td>
                <td>
                  {h.reason}
                  {h.orderNo ? `, приказ № ${h.orderNo}${h.orderDate ? ` от ${formatDate(h.orderDate)}` : ''}` : ''}
                  {h.endReason ? `; ${h.endReason}${h.endOrderNo ? `, приказ № ${h.endOrderNo}` : ''}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {can(actor, 'people.manage') && card.details && card.canManage && (
        <StudentFamilyEditor
          studentId={card.id}
          phone={card.details.phone}
          email={card.details.email}
          guardians={card.details.guardians}
          contactsAction={updateContactsAction}
        />
      )}
      {can(actor, 'contingent.propose') && !can(actor, 'contingent.manage') && card.details && (
        <ProposalForm studentId={card.id} groups={await trpc.contingent.groupChoices()} />
      )}
      {can(actor, 'contingent.manage') && (
        <MovementForm
          studentId={card.id}
          inGroup={card.history.some((h) => h.to === null)}
          groups={(await trpc.people.groups()).map((g) => ({ id: g.id, name: g.name }))}
        />
      )}
    </>
  );
}
