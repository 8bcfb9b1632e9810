import Link from 'next/link';
import { RefusalNotice } from '@/components/refusal-notice';
import { addDays, formatDate, isIsoDate } from '@/domain/dates';
import { RISK_INVALID_HOURS } from '@/domain/curator-week';
import { parseId } from '@/domain/ids';
import { countOf, NOUNS } from '@/domain/plural';
import { pageQuery } from '@/server/trpc/caller';

/**
 * The curator's week (issue #13, item 4; regulation §5.5): the group's students × subjects for a week or a month with
 * marks and missed hours, the students at risk with the reasons; previous / next period; PDF and XLSX.
 */
export default async function GroupWeekPage({
  params,
  searchParams,
}: {
  params: Promise<{ groupId: string }>;
  searchParams: Promise<{ date?: string; period?: string }>;
}) {
  const groupId = parseId((await params).groupId);
  if (!groupId) return <RefusalNotice refusal="Неверный номер группы." />;
  const query = await searchParams;
  const period = query.period === 'month' ? 'month' : 'week';
  const date = query.date && isIsoDate(query.date) ? query.date : undefined;
  const result = await pageQuery((trpc) => trpc.reports.curatorWeek({ groupId, date, period }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к этой группе." />;
  const w = result.data;
  const link = (d: string, p: string = w.period) => `/groups/${groupId}/week?date=${d}&period=${p}`;
  const file = (format: string) =>
    `/api/reports/curator-week/${groupId}?date=${w.from}&period=${w.period}&format=${format}`;
  return (
    <>
      <h1>
        Группа {w.header.group.name}: {w.period === 'week' ? 'неделя' : 'месяц'} {formatDate(w.from)} —{' '}
        {formatDate(w.to)}
      </h1>
      <p className="toolbar">
        <Link href={link(addDays(w.from, -1))}>← Предыдущ{w.period === 'week' ? 'ая неделя' : 'ий месяц'}</Link>
        <Link href={link(addDays(w.to, 1))}>Следующ{w.period === 'week' ? 'ая неделя' : 'ий месяц'} →</Link>
        <Link href={link(w.from, w.period === 'week' ? 'month' : 'week')}>
          {w.period === 'week' ? 'За месяц' : 'По неделям'}
        </Link>
        <a href={file('pdf')}>PDF</a>
        <a href={file('xlsx')}>XLSX</a>
      </p>
      <section className="panel" aria-labelledby="risk">
        <h2 id="risk">Группа риска: {countOf(w.atRisk.length, NOUNS.student)}</h2>
        {w.atRisk.length === 0 ? (
          <p className="muted">Никого.</p>
        ) : (
          <ul>
            {w.atRisk.map((r) => (
              <li key={r.studentId} data-testid="at-risk">
                <strong>{r.name}</strong>: {r.risks.join('; ')}
              </li>
            ))}
          </ul>
        )}
        <p className="muted small">
          Риск: «2» за период или средний балл за семестр ниже 3 по дисциплине; {RISK_INVALID_HOURS} и больше часов
          пропусков без уважительной причины за период; меньше оценок, чем положено к сегодняшнему дню (5 за семестр,
          пропорционально прошедшей части).
        </p>
      </section>
      <div className="heat-wrap">
        <table className="list heat">
          <thead>
            <tr>
              <th>Студент</th>
              {w.subjects.map((s) => (
                <th key={s.assignmentId}>{s.name}</th>
              ))}
              <th className="num">Пропущено, ч</th>
              <th className="num">Без уваж., ч</th>
            </tr>
          </thead>
          <tbody>
            {w.rows.map((r) => (
              <tr key={r.studentId} data-testid="week-row">
                <td className="nowrap">{r.name}</td>
                {w.subjects.map((s) => (
                  <td key={s.assignmentId}>{r.cells[s.assignmentId]?.marks.join(' ') ?? ''}</td>
                ))}
                <td className="num">{r.missedHours || ''}</td>
                <td className="num">{r.missedInvalidHours || ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
