'use client';

import { ROLE_LABELS, ROLES } from '@/domain/roles';
import { useFormAction, type ServerFormAction } from '../use-form-action';

/**
 * A new post on the notice board: the title, the text, whom it is for (roles, departments, groups — none ticked: all)
 * and whether readers confirm reading it. A head of department's post is limited to the department by the server.
 */
export function NoticeForm({
  action,
  departments,
  groups,
}: {
  action: ServerFormAction;
  departments: { id: number; name: string }[];
  groups: { id: number; name: string }[];
}) {
  const { form, pending, messages } = useFormAction(action);
  return (
    <form {...form} method="post" className="stack" aria-label="Новое объявление">
      <label>
        Заголовок <input name="title" required minLength={3} maxLength={200} style={{ width: '100%' }} />
      </label>
      <label>
        Текст <textarea name="body" required rows={5} maxLength={10000} style={{ width: '100%' }} />
      </label>
      <fieldset>
        <legend>Кому (ничего не отмечено — всем)</legend>
        {ROLES.map((role) => (
          <label key={role} className="inline-form">
            <input type="checkbox" name="roles" value={role} /> {ROLE_LABELS[role]}
          </label>
        ))}
      </fieldset>
      {departments.length > 0 && (
        <label>
          Отделения{' '}
          <select name="departmentIds" multiple size={Math.min(4, departments.length)}>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {groups.length > 0 && (
        <label>
          Группы{' '}
          <select name="groupIds" multiple size={Math.min(6, groups.length)}>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="inline-form">
        <input type="checkbox" name="needsRead" /> Попросить отметить «Прочитано»
      </label>
      <div className="toolbar">
        <button type="submit" disabled={pending}>
          Опубликовать
        </button>
        {messages}
      </div>
    </form>
  );
}
