'use client';

import { formatDate } from '@/domain/dates';
import { trpc } from '../trpc-client';
import { useAdminAction } from './use-admin-action';
import { formText } from '../form-data';

type Proposal = Awaited<ReturnType<typeof trpc.contingent.proposals.query>>[number];
const STATUS: Record<string, string> = { pending: 'ждёт решения', done: 'проведено', rejected: 'отклонено' };

/** Movement proposals: the administrator carries one out by an order or rejects it; a curator follows the own ones. */
export function ProposalsAdmin({ proposals, canDecide }: { proposals: Proposal[]; canDecide: boolean }) {
  const { run, messages } = useAdminAction();
  return (
    <>
      {messages}
      {proposals.length === 0 && <p className="muted">Предложений нет.</p>}
      <table className="list" data-testid="proposals">
        <tbody>
          {proposals.map((p) => (
            <tr key={p.id}>
              <td>
                <a href={`/students/${p.studentId}`}>{p.student}</a>
                <div className="muted small">{p.currentGroup ?? 'не в группе'}</div>
              </td>
              <td>
                {p.kindLabel}
                {p.toGroup ? ` → ${p.toGroup}` : ''} с {formatDate(p.effectiveOn)}
                <div className="muted small">
                  {p.reason} · предложил(а) {p.proposedBy}
                </div>
              </td>
              <td>
                <span className={`badge ${p.status === 'done' ? 'good' : p.status === 'rejected' ? 'bad' : 'warn'}`}>
                  {STATUS[p.status]}
                </span>
                {p.decisionNote && <div className="muted small">{p.decisionNote}</div>}
              </td>
              <td>
                {canDecide && p.status === 'pending' && (
                  <form
                    method="post"
                    className="form-row"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const f = new FormData(e.currentTarget);
                      void run(async () => {
                        await trpc.contingent.decide.mutate({
                          action: 'execute',
                          proposalId: p.id,
                          orderNo: formText(f, 'orderNo', { trim: false }),
                          orderDate: formText(f, 'orderDate', { trim: false }),
                        });
                        return `${p.student}: ${p.kindLabel} проведено по приказу`;
                      });
                    }}
                  >
                    <label>
                      Приказ №
                      <input type="text" name="orderNo" size={8} />
                    </label>
                    <label>
                      от
                      <input type="date" name="orderDate" />
                    </label>
                    <button type="submit">Провести</button>
                    <button
                      type="button"
                      className="plain"
                      onClick={() => {
                        const note = window.prompt('Причина отказа:');
                        if (note === null) return;
                        void run(async () => {
                          await trpc.contingent.decide.mutate({ action: 'reject', proposalId: p.id, note });
                          return `${p.student}: предложение отклонено`;
                        });
                      }}
                    >
                      Отклонить
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
