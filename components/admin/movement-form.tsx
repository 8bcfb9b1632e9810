'use client';

import { useState, type FormEvent } from 'react';
import { MOVEMENT_KINDS, movementTitle, type MovementKind } from '@/domain/movement-kinds';
import { trpc } from '../trpc-client';
import { OrderFields } from './order-fields';
import { useAdminAction } from './use-admin-action';

type Kind = MovementKind;
const KINDS = MOVEMENT_KINDS.map((kind) => ({ kind, label: movementTitle(kind) }));

/** The administrator's movement of one student by order, with the date it takes effect. */
export function MovementForm({ studentId, groups, inGroup }: { studentId: number; groups: { id: number; name: string }[]; inGroup: boolean }) {
  const { run, messages } = useAdminAction();
  const [kind, setKind] = useState<Kind>(inGroup ? 'move' : 'reinstate');
  const needsGroup = kind === 'move' || kind === 'reinstate';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const get = (k: string) => String(f.get(k) ?? '');
    const order = { studentId, effectiveOn: get('effectiveOn'), orderNo: get('orderNo'), orderDate: get('orderDate') };
    const label = KINDS.find((k) => k.kind === kind)!.label;
    void run(async () => {
      if (kind === 'move' || kind === 'reinstate') await trpc.contingent.move.mutate({ kind, toGroupId: Number(get('groupId')), ...order });
      else if (kind === 'expel') await trpc.contingent.move.mutate({ kind, reason: get('reason'), ...order });
      else await trpc.contingent.move.mutate({ kind, ...order });
      return `${label}: проведено по приказу № ${order.orderNo}`;
    });
  }

  return (
    <form className="panel" onSubmit={submit} data-testid="movement-form">
      <h2>Движение по приказу</h2>
      {messages}
      <div className="form-row">
        <label>
          Что
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        {needsGroup && (
          <label>
            В группу
            <select name="groupId">
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
        )}
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
