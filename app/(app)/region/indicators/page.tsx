import { RefusalNotice } from '@/components/refusal-notice';
import { RegionFilter } from '@/components/region/region-filter';
import { RegionTable } from '@/components/region/region-table';
import { SMALL_CELL } from '@/domain/region-view';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';

/**
 * The region's view of its colleges (issue #27, item 3): the regional administrator sees every college, an inspector
 * the colleges of the grants; aggregates only.
 */
export default async function RegionIndicatorsPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, 'region.indicators'))
    return (
      <RefusalNotice refusal="Недостаточно прав: показатели колледжей видят региональный администратор и инспектор." />
    );
  const { period } = await searchParams;
  const result = await pageQuery((trpc) => trpc.region.indicators({ period: period || undefined }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} />;
  const r = result.data;
  const query = new URLSearchParams(r.period ? { period: r.period } : {}).toString();
  return (
    <>
      <h1>Показатели колледжей</h1>
      <RegionFilter>
        <label>
          Период{' '}
          <select name="period" defaultValue={r.period ?? ''}>
            <option value="">текущий семестр каждого колледжа</option>
            {r.periods.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Показать</button>
        <a href={`/api/reports/region${query ? `?${query}` : ''}`}>Скачать XLSX</a>
      </RegionFilter>
      <p className="muted small">
        Период: {r.periodLabel}. Каждый колледж считается на свой день — по своему часовому поясу. Успеваемость и
        качество — по итогам аттестации семестра, как в сводных ведомостях групп (обучающийся, у которого не все итоги
        внесены, в успевающих не считается); СОУ — по всем оценкам итогов. Нарушения — правила контроля ведения журнала
        на день расчёта; проведено — заполненные занятия семестра. Только сводные цифры, без персональных данных; у
        колледжа, где меньше {SMALL_CELL} обучающихся, показатели по обучающимся скрыты.
      </p>
      <RegionTable rows={r.rows} />
    </>
  );
}
