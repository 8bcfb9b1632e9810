'use client';

import { useState } from 'react';
import type { trpc } from '../trpc-client';
import { useFormAction, type ServerFormAction } from '../use-form-action';
import { DataTable, type DataColumn } from '../data-table';

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
  const editColumn = <T extends { id: number }>(kind: Kind): DataColumn<T> => ({
    id: 'edit',
    header: 'Действие',
    sortable: false,
    value: () => null,
    cell: (row) => edit(kind, row.id),
  });
  const departmentColumns: DataColumn<Options['departments'][number]>[] = [
    { id: 'name', header: 'Отделение', value: (d) => d.name },
    editColumn('department'),
  ];
  const specialtyColumns: DataColumn<Options['specialties'][number]>[] = [
    { id: 'code', header: 'Код', value: (s) => s.code },
    { id: 'name', header: 'Наименование', value: (s) => s.name },
    { id: 'qualification', header: 'Квалификация', value: (s) => s.qualification },
    { id: 'duration', header: 'Срок, мес.', value: (s) => s.durationMonths, className: 'num' },
    editColumn('specialty'),
  ];
  const groupColumns: DataColumn<Options['groups'][number]>[] = [
    { id: 'name', header: 'Группа', value: (g) => g.name },
    { id: 'course', header: 'Курс', value: (g) => g.course, className: 'num' },
    { id: 'admission', header: 'Набор', value: (g) => g.admissionYear },
    {
      id: 'specialty',
      header: 'Специальность',
      value: (g) => options.specialties.find((s) => s.id === g.specialtyId)?.code ?? null,
    },
    {
      id: 'department',
      header: 'Отделение',
      value: (g) => options.departments.find((d) => d.id === g.departmentId)?.name ?? null,
    },
    { id: 'curator', header: 'Куратор', value: (g) => (g.curatorUserId ? curatorName(g.curatorUserId) : null) },
    editColumn('group'),
  ];
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
        <DataTable rows={options.departments} columns={departmentColumns} rowKey={(d) => d.id} />
      </section>
      <section className="panel">
        <h2>Специальности {edit('specialty')}</h2>
        <DataTable rows={options.specialties} columns={specialtyColumns} rowKey={(s) => s.id} />
      </section>
      <section className="panel">
        <h2>Группы {edit('group')}</h2>
        <DataTable
          rows={options.groups}
          columns={groupColumns}
          rowKey={(g) => g.id}
          search={options.groups.length > 10 ? 'Поиск по группе, специальности, куратору' : undefined}
          testId="structure-groups"
          empty="Групп нет."
        />
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
