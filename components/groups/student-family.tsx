'use client';

import { useState } from 'react';
import { RELATIONS } from '@/domain/student-import';
import { useAdminAction } from '../admin/use-admin-action';
import { trpc } from '../trpc-client';
import { formText } from '../form-data';
import { useFormAction, type ServerFormAction } from '../use-form-action';

type Guardian = { id: number; name: string; relation: string; phone: string | null };

/**
 * The curator's (administrator's) part of the card: contacts, and the parents — a new one, or one the college already
 * knows (found by surname and phone together, so that a parent of several children keeps one login).
 */
export function StudentFamilyEditor({
  studentId,
  phone,
  email,
  guardians,
  contactsAction,
}: {
  studentId: number;
  /** `updateContactsAction` of the card page. */
  contactsAction: ServerFormAction;
  phone: string | null;
  email: string | null;
  guardians: Guardian[];
}) {
  const { run, messages } = useAdminAction();
  const [found, setFound] = useState<{ id: number; name: string; children: number }[] | null>(null);

  const contacts = useFormAction(contactsAction);

  async function find(form: HTMLFormElement) {
    const f = new FormData(form);
    await run(async () => {
      const list = await trpc.people.findGuardian.query({
        studentId,
        lastName: formText(f, 'lastName', { trim: false }),
        phone: formText(f, 'phone', { trim: false }),
      });
      setFound(list);
      return list.length ? `Найдено: ${list.length}` : 'Такого родителя в колледже нет — добавьте нового';
    });
  }

  function add(form: HTMLFormElement, existingId?: number) {
    const f = new FormData(form);
    const get = (k: string) => formText(f, k);
    const relation = get('relation') as (typeof RELATIONS)[number];
    void run(async () => {
      await trpc.people.linkGuardian.mutate({
        studentId,
        relation,
        guardian: existingId
          ? { existingId }
          : {
              lastName: get('lastName'),
              firstName: get('firstName'),
              middleName: get('middleName') || undefined,
              phone: get('phone') || undefined,
            },
      });
      setFound(null);
      return 'Родитель указан у студента';
    });
  }

  return (
    <section className="panel" data-testid="family-editor">
      <h2>Контакты и родители</h2>
      {messages}
      {contacts.messages}
      <form className="form-row" {...contacts.form}>
        <input type="hidden" name="studentId" value={studentId} />
        <label>
          Телефон студента
          <input type="tel" name="phone" defaultValue={phone ?? ''} />
        </label>
        <label>
          Эл. почта
          <input type="email" name="email" defaultValue={email ?? ''} />
        </label>
        <button type="submit" disabled={contacts.pending}>
          Сохранить контакты
        </button>
      </form>
      <ul>
        {guardians.map((g) => (
          <li key={g.id}>
            {g.name} — {g.relation}
            {g.phone ? `, ${g.phone}` : ''}{' '}
            <button
              type="button"
              className="plain small"
              onClick={() =>
                window.confirm(`${g.name} больше не родитель этого студента?`) &&
                void run(async () => {
                  await trpc.people.unlinkGuardian.mutate({ studentId, guardianId: g.id });
                  return `${g.name}: связь со студентом снята`;
                })
              }
            >
              убрать
            </button>
          </li>
        ))}
      </ul>
      <form
        method="post"
        onSubmit={(e) => {
          e.preventDefault();
          add(e.currentTarget);
        }}
        data-testid="guardian-form"
      >
        <h3>Добавить родителя</h3>
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
            Телефон
            <input type="tel" name="phone" />
          </label>
          <label>
            Кем приходится
            <select name="relation">
              {RELATIONS.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
        </div>
        <div className="toolbar">
          <button type="button" className="plain" onClick={(e) => void find(e.currentTarget.form!)}>
            Найти среди родителей колледжа (фамилия и телефон)
          </button>
          <button type="submit">Добавить нового</button>
        </div>
        {found?.map((g) => (
          <p key={g.id}>
            {g.name}, детей в колледже: {g.children}{' '}
            <button type="button" onClick={(e) => add(e.currentTarget.form!, g.id)}>
              Указать этого родителя
            </button>
          </p>
        ))}
      </form>
    </section>
  );
}
