'use client';

import { useState } from 'react';
import type { trpc } from '../trpc-client';
import { useFormAction, type ServerFormAction } from '../use-form-action';

type Options = Awaited<ReturnType<typeof trpc.structure.options.query>>;
type Kind = 'department' | 'specialty' | 'group';
type Editing = { kind: Kind; id?: number } | null;

/** Departments, specialties and groups of the college: add and edit on one screen (server actions). */
export function StructureAdmin({ options, actions }: { options: Options; actions: Record<Kind, ServerFormAction> }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const open = (next: Editing) => {
    setNotice(null);
    setEditing(next);
  };
  const form = editing && (
    <StructureForm
      key={`${editing.kind}-${editing.id ?? 'new'}`}
      editing={editing}
      options={options}
      action={actions[editing.kind]}
      onClose={() => setEditing(null)}
      onDone={(message) => {
        setEditing(null);
        setNotice(message);
      }}
    />
  );

  const edit = (kind: NonNullable<Editing>['kind'], id?: number) => (
    <button type="button" className="plain small" onClick={() => open({ kind, id })}>
      {id ? 'Изменить' : 'Добавить'}
    </button>
  );
  const curatorName = (id: number | null) => options.teachers.find((t) => t.id === id)?.name ?? '—';
  return (
    <>
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      {form}
      <section className="panel">
        <h2>Отделения {edit('department')}</h2>
        <table className="list">
          <tbody>
            {options.departments.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{edit('department', d.id)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>Специальности {edit('specialty')}</h2>
        <table className="list">
          <tbody>
            {options.specialties.map((s) => (
              <tr key={s.id}>
                <td>{s.code}</td>
                <td>{s.name}</td>
                <td>{s.qualification}</td>
                <td>{s.durationMonths} мес.</td>
                <td>{edit('specialty', s.id)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>Группы {edit('group')}</h2>
        <table className="list" data-testid="structure-groups">
          <thead>
            <tr>
              <th>Группа</th>
              <th>Курс</th>
              <th>Набор</th>
              <th>Специальность</th>
              <th>Отделение</th>
              <th>Куратор</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {options.groups.map((g) => (
              <tr key={g.id}>
                <td>{g.name}</td>
                <td>{g.course}</td>
                <td>{g.admissionYear}</td>
                <td>{options.specialties.find((s) => s.id === g.specialtyId)?.code}</td>
                <td>{options.departments.find((d) => d.id === g.departmentId)?.name}</td>
                <td>{curatorName(g.curatorUserId)}</td>
                <td>{edit('group', g.id)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** The form of one department, specialty or group; closes with the message when saved, keeps the input when refused. */
function StructureForm({
  editing,
  options,
  action,
  onClose,
  onDone,
}: {
  editing: NonNullable<Editing>;
  options: Options;
  action: ServerFormAction;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { form, pending, messages } = useFormAction(action, onDone);
  const dep = editing.kind === 'department' ? options.departments.find((d) => d.id === editing.id) : undefined;
  const spec = editing.kind === 'specialty' ? options.specialties.find((s) => s.id === editing.id) : undefined;
  const group = editing.kind === 'group' ? options.groups.find((g) => g.id === editing.id) : undefined;
  return (
    <form className="panel" {...form} data-testid="structure-form">
      {messages}
      {editing.id && <input type="hidden" name="id" value={editing.id} />}
      {editing.kind === 'department' && (
        <div className="form-row">
          <label>
            Название отделения
            <input type="text" name="name" defaultValue={dep?.name} />
          </label>
        </div>
      )}
      {editing.kind === 'specialty' && (
        <div className="form-row">
          <label>
            Код
            <input type="text" name="code" defaultValue={spec?.code} placeholder="09.02.07" />
          </label>
          <label>
            Наименование
            <input type="text" name="name" defaultValue={spec?.name} />
          </label>
          <label>
            Квалификация
            <input type="text" name="qualification" defaultValue={spec?.qualification} />
          </label>
          <label>
            Срок обучения, мес.
            <input type="number" name="durationMonths" defaultValue={spec?.durationMonths ?? 46} />
          </label>
        </div>
      )}
      {editing.kind === 'group' && (
        <div className="form-row">
          <label>
            Название
            <input type="text" name="name" defaultValue={group?.name} />
          </label>
          <label>
            Специальность
            <select name="specialtyId" defaultValue={group?.specialtyId}>
              {options.specialties.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.code} {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Отделение
            <select name="departmentId" defaultValue={group?.departmentId}>
              {options.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Курс
            <input type="number" name="course" min={1} max={6} defaultValue={group?.course ?? 1} />
          </label>
          <label>
            Год набора
            <input type="number" name="admissionYear" defaultValue={group?.admissionYear ?? new Date().getFullYear()} />
          </label>
          <label>
            Форма обучения
            <select name="studyForm" defaultValue={group?.studyForm ?? 'очная'}>
              <option>очная</option>
              <option>очно-заочная</option>
              <option>заочная</option>
            </select>
          </label>
          <label>
            Куратор
            <select name="curatorUserId" defaultValue={group?.curatorUserId ?? ''}>
              <option value="">—</option>
              {options.teachers.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="toolbar">
        <button type="submit" disabled={pending}>
          Сохранить
        </button>
        <button type="button" className="plain" onClick={onClose}>
          Отмена
        </button>
      </div>
    </form>
  );
}
