'use client';

import { useState, type FormEvent } from 'react';
import { type MovementKind } from '@/domain/movement-kinds';
import { trpc } from '../trpc-client';
import { MovementKindFields } from './movement-kind-fields';
import { useAdminAction } from './use-admin-action';
import { formText } from '../form-data';

type Kind = MovementKind;

/** The curator's proposal of a movement: the administrator decides and issues the order. */
export function ProposalForm({ studentId, groups }: { studentId: number; groups: { id: number; name: string }[] }) {
  const { run, messages } = useAdminAction();
  const [kind, setKind] = useState<Kind>('leave');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const get = (k: string) => formText(f, k);
    void run(async () => {
      await trpc.contingent.propose.mutate({
        studentId,
        kind,
        toGroupId: kind === 'move' || kind === 'reinstate' ? Number(get('groupId')) : undefined,
        effectiveOn: get('effectiveOn'),
        reason: get('reason'),
      });
      return 'Предложение отправлено администратору';
    });
  }
  return (
    <form method="post" className="panel" onSubmit={submit} data-testid="proposal-form">
      <h2>Предложить движение</h2>
      {messages}
      <div className="form-row">
        <MovementKindFields kind={kind} onKind={setKind} groups={groups} />
        <label>
          С какой даты
          <input type="date" name="effectiveOn" />
        </label>
        <label>
          Основание
          <input type="text" name="reason" placeholder="заявление, справка…" />
        </label>
      </div>
      <button type="submit">Отправить предложение</button>
    </form>
  );
}
