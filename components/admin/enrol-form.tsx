'use client';

import { type FormEvent } from 'react';
import { trpc } from '../trpc-client';
import { OrderFields } from './order-fields';
import { useAdminAction } from './use-admin-action';
import { formText } from '../form-data';

/** Enrolment of one student into the group by order. */
export function EnrolForm({ groupId, groupName }: { groupId: number; groupName: string }) {
  const { run, messages } = useAdminAction();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const get = (k: string) => formText(f, k);
    void run(async () => {
      await trpc.contingent.enrol.mutate({
        groupId,
        lastName: get('lastName'),
        firstName: get('firstName'),
        middleName: get('middleName') || undefined,
        birthDate: get('birthDate') || undefined,
        recordBookNo: get('recordBookNo') || undefined,
        effectiveOn: get('effectiveOn'),
        orderNo: get('orderNo'),
        orderDate: get('orderDate'),
      });
      form.reset();
      return `${get('lastName')} ${get('firstName')}: зачислен(а) в группу ${groupName}`;
    });
  }
  return (
    <form method="post" className="panel" onSubmit={submit} data-testid="enrol-form">
      <h2>Зачислить в группу по приказу</h2>
      {messages}
      <div className="form-row">
        <label>
          Фамилия
          <input type="text" name="lastName" />
        </label>
        <label>
          Имя
          <input type="text" name="firstName" />
        </label>
        <label>
          Отчество
          <input type="text" name="middleName" />
        </label>
        <label>
          Дата рождения
          <input type="date" name="birthDate" />
        </label>
        <label>
          № зачётной книжки
          <input type="text" name="recordBookNo" />
        </label>
      </div>
      <OrderFields />
      <button type="submit">Зачислить</button>
    </form>
  );
}
