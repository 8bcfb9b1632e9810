'use client';

import { useState, type FormEvent } from 'react';
import { movementTitle, type MovementKind } from '@/domain/movement-kinds';
import { trpc } from '../trpc-client';
import { MovementKindFields } from './movement-kind-fields';
import { OrderFields } from './order-fields';
import { useAdminAction } from './use-admin-action';
import { formText } from '../form-data';

type Kind = MovementKind;

/** The administrator's movement of one student by order, with the date it takes effect. */
export function MovementForm({
  studentId,
  groups,
  inGroup,
}: {
  studentId: number;
  groups: { id: number; name: string }[];
  inGroup: boolean;
}) {
  const { run, messages } = useAdminAction();
  const [kind, setKind] = useState<Kind>(inGroup ? 'move' : 'reinstate');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const get = (k: string) => formText(f, k, { trim: false });
    const order = { studentId, effectiveOn: get('effectiveOn'), orderNo: get('orderNo'), orderDate: get('orderDate') };
    const label = movementTitle(kind);
    void run(async () => {
      if (kind === 'move' || kind === 'reinstate')
        await trpc.contingent.move.mutate({ kind, toGroupId: Number(get('groupId')), ...order });
      else if (kind === 'expel') await trpc.contingent.move.mutate({ kind, reason: get('reason'), ...order });
      else await trpc.contingent.move.mutate({ kind, ...order });
      return `${label}: проведено по приказу № ${order.orderNo}`;
    });
  }

  return (
    <form method="post" className="panel" onSubmit={submit} data-testid="movement-form">
      <h2>Движение по приказу</h2>
      {messages}
      <div className="form-row">
        <MovementKindFields kind={kind} onKind={setKind} groups={groups} />
        {kind === 'expel' && (
          <label>
            Основание
            <input type="text" name="reason" placeholder="по собственному желанию" />
          </label>
        )}
      </div>
      <OrderFields />
      <button type="submit">Провести</button>
    </form>
  );
}
