import { QueryForm } from '@/components/query-form';
import { RefusalNotice } from '@/components/refusal-notice';
import { formatDate, formatDateTime } from '@/domain/dates';
import { parseId } from '@/domain/ids';
import { countOf, NOUNS } from '@/domain/plural';
import { isRole, ROLE_LABELS, ROLES } from '@/domain/roles';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';

/** Users' activity (issue #13, item 7; regulation §5.2): who has not signed in or entered anything lately. */
export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<{ role?: string; departmentId?: string; days?: string }>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'control.activity'))
    return <RefusalNotice refusal="Недостаточно прав: активность пользователей смотрит администратор." />;
  const params = await searchParams;
  const input = {
    role: params.role && isRole(params.role) ? params.role : undefined,
    departmentId: params.departmentId ? (parseId(params.departmentId) ?? undefined) : undefined,
    days: params.days && /^\d+$/.test(params.days) ? Math.min(365, Math.max(1, Number(params.days))) : 14,
  };
  const result = await pageQuery((trpc) => trpc.control.activity(input));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} />;
  const r = result.data;
  const idle = r.rows.filter((row) => row.idle).length;
  return (
    <>
      <h1>Активность пользователей</h1>
      <QueryForm path="/control/activity" fields={['role', 'departmentId', 'days']} label="Фильтр">
        <label>
          Роль{' '}
          <select name="role" defaultValue={input.role ?? ''}>
            <option value="">Все</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Отделение{' '}
          <select name="departmentId" defaultValue={input.departmentId ?? ''}>
            <option value="">Все</option>
            {r.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Неактивны дольше, дней <input name="days" type="number" min={1} max={365} defaultValue={r.days} />
        </label>
        <button type="submit">Показать</button>
      </QueryForm>
      <p className="muted small">
        Неактивен — не входил(а) в журнал с {formatDate(r.since)}; преподаватель — также ничего не вносил(а) с этого
        дня.
      </p>
      <div className="cards">
        {r.byRole.map((b) => (
          <div className="card" key={b.role}>
            <div className="value">
              {b.idle} из {b.total}
            </div>
            <div className="label">{b.label}: неактивны</div>
          </div>
        ))}
      </div>
      <p>
        Показано {countOf(r.rows.length, NOUNS.account)}, из них неактивны {idle}.
      </p>
      <table className="list">
        <thead>
          <tr>
            <th>Пользователь</th>
            <th>Роли</th>
            <th>Отделения</th>
            <th>Последний вход</th>
            <th>Последняя запись в журнале</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((row) => (
            <tr key={row.userId} data-testid="activity-row" className={row.idle ? 'idle' : undefined}>
              <td>
                {row.name} {row.idle && <span className="badge warn">неактивен</span>}
              </td>
              <td>{row.roles.join(', ')}</td>
              <td>{row.departments.join(', ') || '—'}</td>
              <td className="nowrap">
                {row.lastSignInAt ? formatDateTime(row.lastSignInAt, actor.timeZone) : 'не входил(а)'}
              </td>
              <td className="nowrap">{row.lastEntryAt ? formatDateTime(row.lastEntryAt, actor.timeZone) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
