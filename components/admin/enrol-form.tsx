'use client';

import { useFormAction, type ServerFormAction } from '../use-form-action';
import { OrderFields } from './order-fields';

/** Enrolment of one student into the group by order (a server action: works before the page's script has loaded). */
export function EnrolForm({ groupId, action }: { groupId: number; action: ServerFormAction }) {
  const { form, pending, messages } = useFormAction(action);
  return (
    <form className="panel" {...form} data-testid="enrol-form">
      <h2>Зачислить в группу по приказу</h2>
      {messages}
      <input type="hidden" name="groupId" value={groupId} />
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
      <button type="submit" disabled={pending}>
        Зачислить
      </button>
    </form>
  );
}
