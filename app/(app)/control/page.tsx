import { FlagsForm } from '@/components/control/flags-form';
import { RiskTable } from '@/components/control/risk-table';
import { ActionButton } from '@/components/control/action-button';
import { ScheduledCheckForm } from '@/components/control/scheduled-check-form';
import { QueryForm } from '@/components/query-form';
import { RefusalNotice } from '@/components/refusal-notice';
import { formatDate, formatDateTime } from '@/domain/dates';
import { parseId } from '@/domain/ids';
import { MONITORING_RULE_KEYS, MONITORING_RULES, totalOf } from '@/domain/monitoring';
import { countOf, NOUNS } from '@/domain/plural';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';
import { confirmRemarkAction, issueRemarksAction, postCheckResultsAction, saveScheduledCheckAction } from './actions';

type Params = { termId?: string; departmentId?: string; teacherId?: string; groupId?: string };

const heatClass = (n: number) => (n === 0 ? '' : n <= 2 ? 'h1' : n <= 5 ? 'h2' : n <= 15 ? 'h3' : 'h4');

/**
 * Control of journal keeping (issue #13, items 1–2; regulation §5.2–5.4): the term's flags of every rule in the
 * controller's scope, a heat map teacher × group, the teachers' activity, remarks issued from the flags and their
 * state. Filters by department, teacher and group; XLSX export.
 */
export default async function ControlPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor();
  if (!can(actor, 'control.monitor'))
    return (
      <RefusalNotice refusal="Недостаточно прав: контроль ведения журнала — у администратора, заведующего отделением и методиста." />
    );
  const params = await searchParams;
  const id = (v?: string) => (v ? (parseId(v) ?? undefined) : undefined);
  const input = {
    termId: id(params.termId),
    departmentId: id(params.departmentId),
    teacherId: id(params.teacherId),
    groupId: id(params.groupId),
  };
  // The monitoring first: it closes the remarks whose rule no longer fires, then the list shows what stays open.
  const result = await pageQuery((trpc) => trpc.control.monitoring(input));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} />;
  const remarks = await pageQuery((trpc) => trpc.control.remarks({ state: 'open' }));
  const scheduled = await pageQuery((trpc) => trpc.control.scheduledCheck());
  const r = result.data;
  const filters: Record<string, string> = { termId: String(r.term.id) };
  for (const key of ['departmentId', 'teacherId', 'groupId'] as const)
    if (input[key] !== undefined) filters[key] = String(input[key]);
  const query = new URLSearchParams(filters).toString();

  const totals = r.totals;
  // Heat map: whom a flag concerns × the journal's group.
  const groupsShown = r.groups.filter((g) => r.journals.some((j) => j.groupId === g.id));
  const cell = new Map(r.heat.map((h) => [`${h.teacherId ?? 0}:${h.groupId}`, h]));
  const teaches = new Set(r.journals.map((j) => `${j.teacherId ?? 0}:${j.groupId}`));

  return (
    <>
      <h1>Контроль ведения журнала</h1>
      <QueryForm path="/control" fields={['termId', 'departmentId', 'teacherId', 'groupId']} label="Фильтр">
        <label>
          Семестр{' '}
          <select name="termId" defaultValue={r.term.id}>
            {r.terms.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        {r.departments.length > 1 && (
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
        )}
        <label>
          Преподаватель{' '}
          <select name="teacherId" defaultValue={input.teacherId ?? ''}>
            <option value="">Все</option>
            {r.teacherChoices.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Группа{' '}
          <select name="groupId" defaultValue={input.groupId ?? ''}>
            <option value="">Все</option>
            {r.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Проверить</button>
        <a href={`/api/reports/monitoring?${query}`}>Скачать XLSX</a>
      </QueryForm>
      <ActionButton action={postCheckResultsAction} fields={filters} label="Опубликовать итоги на доске информации" />
      <p className="muted small">
        {r.term.name} ({formatDate(r.term.startsOn)} — {formatDate(r.term.endsOn)}), проверка на {formatDate(r.today)}:{' '}
        {countOf(r.journals.length, NOUNS.journal)}, {countOf(r.flagCount, NOUNS.flag)}
        {r.riskCount > 0 && `, в зоне риска к концу семестра — ${r.riskCount}`}. Нарушение — правило Положения уже не
        выполнено: занятие заполняют не реже раза в 3 дня (п. 5.6), результаты аттестации — после окончания семестра.
        Риск — то, что судят по итогам семестра, пока он идёт: у студента меньше оценок, чем положено к этому дню из 5
        за семестр, отставание по часам плана; после последнего дня семестра риск становится нарушением.
      </p>
      <div className="cards">
        {MONITORING_RULE_KEYS.map((k) => (
          <div className="card" key={k} data-testid={`rule-${k}`}>
            <div className="value">{totals[k] - r.riskTotals[k]}</div>
            <div className="label">{MONITORING_RULES[k].label}</div>
            {r.riskTotals[k] > 0 && <div className="label risk-note">риск к концу семестра: {r.riskTotals[k]}</div>}
          </div>
        ))}
      </div>

      <section className="panel" aria-labelledby="heat">
        <h2 id="heat">Преподаватели × группы</h2>
        <p className="muted small">Число — нарушения; риск к концу семестра — в подсказке ячейки.</p>
        <div className="heat-wrap">
          <table className="list heat">
            <thead>
              <tr>
                <th>Преподаватель</th>
                {groupsShown.map((g) => (
                  <th key={g.id}>{g.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.teachers.map((t) => (
                <tr key={t.teacherId ?? 0}>
                  <td className="nowrap">{t.teacher}</td>
                  {groupsShown.map((g) => {
                    const k = `${t.teacherId ?? 0}:${g.id}`;
                    const n = cell.get(k)?.count ?? 0;
                    const risks = cell.get(k)?.risks ?? 0;
                    if (!teaches.has(k) && n === 0 && risks === 0) return <td key={g.id} />;
                    const href = `/control?${new URLSearchParams({ ...filters, groupId: String(g.id), ...(t.teacherId ? { teacherId: String(t.teacherId) } : {}) })}#flags`;
                    return (
                      <td
                        key={g.id}
                        className={`heat-cell ${heatClass(n)}`}
                        title={`${t.teacher}, ${g.name}: ${countOf(n, NOUNS.flag)}${risks ? `, риск: ${risks}` : ''}`}
                      >
                        <a href={href}>{n}</a>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel" aria-labelledby="activity">
        <h2 id="activity">Преподаватели</h2>
        <table className="list">
          <thead>
            <tr>
              <th>Преподаватель</th>
              <th className="num">Журналов</th>
              <th>Последний вход</th>
              <th>Последняя запись</th>
              {MONITORING_RULE_KEYS.map((k) => (
                <th key={k} className="num" title={MONITORING_RULES[k].label}>
                  {MONITORING_RULES[k].short}
                </th>
              ))}
              <th className="num">Всего</th>
              <th className="num" title="Риск к концу семестра">
                Риск
              </th>
            </tr>
          </thead>
          <tbody>
            {r.teachers.map((t) => (
              <tr key={t.teacherId ?? 0}>
                <td>{t.teacher}</td>
                <td className="num">{t.journals}</td>
                <td className="nowrap">
                  {t.lastSignInAt ? formatDateTime(t.lastSignInAt, r.timeZone) : 'не входил(а)'}
                </td>
                <td className="nowrap">{t.lastEntryAt ? formatDateTime(t.lastEntryAt, r.timeZone) : 'нет записей'}</td>
                {MONITORING_RULE_KEYS.map((k) => (
                  <td key={k} className="num">
                    {t.counts[k] || ''}
                  </td>
                ))}
                <td className="num">{totalOf(t.counts)}</td>
                <td className="num muted">{t.risks || ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-labelledby="flags">
        <h2 id="flags">Нарушения</h2>
        {r.flagCount === 0 ? (
          <p>Нарушений не найдено.</p>
        ) : (
          <FlagsForm
            action={issueRemarksAction}
            flags={r.flags}
            flagCount={r.flagCount}
            fixableCount={r.fixableCount}
            filters={filters}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="risks">
        <h2 id="risks">Риск к концу семестра</h2>
        {r.riskCount === 0 ? (
          <p className="muted">Риска не найдено.</p>
        ) : (
          <RiskTable risks={r.risks} riskCount={r.riskCount} />
        )}
      </section>

      <section className="panel" aria-labelledby="scheduled">
        <h2 id="scheduled">Плановая проверка</h2>
        {!scheduled.ok ? (
          <RefusalNotice refusal={scheduled.refusal} />
        ) : (
          <>
            <p className="muted small">
              Администратор и заведующий отделением проверяют ведение журнала ежемесячно, методист — не реже раза в две
              недели (п. 5.2–5.4 Положения). Проверка идёт сама в назначенный день с 07:00 по времени колледжа — в ваших
              правах: закрывает исправленные замечания, выдаёт новые и публикует итоги на доске информации.
            </p>
            <ScheduledCheckForm action={saveScheduledCheckAction} check={scheduled.data} />
            {scheduled.data.lastRunAt && (
              <p className="small" data-testid="scheduled-last">
                Последняя проверка {formatDateTime(scheduled.data.lastRunAt, r.timeZone)}: {scheduled.data.lastResult}
              </p>
            )}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="remarks">
        <h2 id="remarks">Открытые замечания</h2>
        {!remarks.ok ? (
          <RefusalNotice refusal={remarks.refusal} />
        ) : remarks.data.length === 0 ? (
          <p className="muted">Открытых замечаний нет.</p>
        ) : (
          <table className="list">
            <thead>
              <tr>
                <th>Выдано</th>
                <th>Преподаватель</th>
                <th>Журнал</th>
                <th>Замечание</th>
                <th>Состояние</th>
              </tr>
            </thead>
            <tbody>
              {remarks.data.map((m) => (
                <tr key={m.id} data-testid="remark">
                  <td className="nowrap">
                    {formatDateTime(m.issuedAt, r.timeZone)}
                    {m.source === 'scheduled' && <div className="muted small">плановая проверка</div>}
                  </td>
                  <td>{m.teacher}</td>
                  <td>
                    {m.group}, {m.subject}
                  </td>
                  <td>
                    {m.ruleLabel}: <a href={m.href}>{m.text}</a>
                  </td>
                  <td>
                    {m.fixedAt ? `исправлено ${formatDateTime(m.fixedAt, r.timeZone)} ` : 'ждёт исправления '}
                    <ActionButton action={confirmRemarkAction} fields={{ remarkId: m.id }} label="Закрыть" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
