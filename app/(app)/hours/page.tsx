import { RefusalNotice } from '@/components/refusal-notice';
import { HoursFilter } from '@/components/timetable/hours-filter';
import { HoursTable } from '@/components/timetable/hours-table';
import { formatDate } from '@/domain/dates';
import {
  confirmedWarningText,
  HOURS_DIMENSION_LABELS,
  HOURS_DIMENSIONS,
  hoursCell,
  type HoursDimension,
} from '@/domain/hours-delivered';
import { parseId } from '@/domain/ids';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';

/** Hours delivered («вычитка часов», issue #11, item 8): by teacher, group or item, for a term or a period in it. */
export default async function HoursPage({
  searchParams,
}: {
  searchParams: Promise<{ by?: string; termId?: string; from?: string; to?: string }>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'hours.read'))
    return <RefusalNotice refusal="Недостаточно прав: вычитку часов смотрят методист, заведующий и преподаватель." />;
  const params = await searchParams;
  const by = (HOURS_DIMENSIONS as readonly string[]).includes(params.by ?? '')
    ? (params.by as HoursDimension)
    : 'teacher';
  const termId = params.termId ? (parseId(params.termId) ?? undefined) : undefined;
  const input = { by, termId, from: params.from || undefined, to: params.to || undefined };
  const result = await pageQuery((trpc) => trpc.timetable.hours(input));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} />;
  const r = result.data;
  const total = r.rows.at(-1)!;
  const query = new URLSearchParams({ by: r.by, termId: String(r.term.id), from: r.from, to: r.to }).toString();
  return (
    <>
      <h1>Вычитка часов</h1>
      <HoursFilter>
        <label>
          Разрез{' '}
          <select name="by" defaultValue={r.by}>
            {HOURS_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {HOURS_DIMENSION_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
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
        <label>
          С <input type="date" name="from" defaultValue={r.from} />
        </label>
        <label>
          По <input type="date" name="to" defaultValue={r.to} />
        </label>
        <button type="submit">Показать</button>
        <a href={`/api/reports/hours?format=xlsx&${query}`}>Скачать XLSX</a>
        <a href={`/api/reports/hours?format=pdf&${query}`}>Скачать PDF</a>
      </HoursFilter>
      <p className="muted small">
        {r.term.name}, {formatDate(r.from)} — {formatDate(r.to)}. Проведено — заполненные занятия (тема, отметки) по{' '}
        {formatDate(r.until)}; замены засчитываются проводившему. Должно быть проведено — по опубликованному расписанию,
        а без него — план равномерно по дням семестра.
      </p>
      <HoursTable rows={r.rows.slice(0, -1)} by={r.by} />
      <p data-testid="hours-total">
        <strong>Итого:</strong> план {hoursCell(total, 'planned')} ч, должно быть проведено {hoursCell(total, 'due')} ч,
        проведено {hoursCell(total, 'delivered')} ч ({hoursCell(total, 'percent')}% плана), отклонение{' '}
        {hoursCell(total, 'difference')} ч.
      </p>
      {r.warnings.length > 0 && (
        <section aria-labelledby="hours-warnings" data-testid="hours-warnings">
          <h2 id="hours-warnings" className="small">
            Изменения расписания, сохранённые вопреки предупреждению: {r.warnings.length}
          </h2>
          <ul className="small">
            {r.warnings.map((w, i) => (
              <li key={i}>{confirmedWarningText(w)}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
