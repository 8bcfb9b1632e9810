import { PurgeForms } from '@/components/admin/purge-forms';
import { RefusalNotice } from '@/components/refusal-notice';
import { formatDate, formatDateTime } from '@/domain/dates';
import { JOURNAL_RETENTION_YEARS, SHEET_RETENTION_YEARS } from '@/domain/retention';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';
import { purgeJournalAction } from './actions';

/**
 * Retention (issue #12, item 7; regulation §6.1, §6.5): every academic year with what it holds, its archive and until
 * when its journal (5 years) and consolidated sheets (25 years) are kept; a year whose 5 years are over can have its
 * journal data destroyed — a dry run first, then with the year's name typed. The sheets are never destroyed here.
 */
export default async function RetentionPage() {
  const actor = await requireActor();
  if (!can(actor, 'retention.manage'))
    return <RefusalNotice refusal="Недостаточно прав: сроки хранения ведёт администратор." />;
  const result = await pageQuery((trpc) => trpc.years.retention());
  if (!result.ok) return <RefusalNotice refusal={result.refusal} />;
  return (
    <>
      <h1>Архив и сроки хранения</h1>
      <p className="muted">
        Журнал хранится {JOURNAL_RETENTION_YEARS} лет после окончания учебного года и затем уничтожается (п. 6.1, 6.5
        Положения); сводные ведомости — {SHEET_RETENTION_YEARS} лет, система их не удаляет. При закрытии года в архив
        заверяются распечатки журналов и сводные ведомости всех групп.
      </p>
      {result.data.map((y) => (
        <section key={y.id} className="panel" aria-labelledby={`year-${y.id}`} data-testid="retention-year">
          <h2 id={`year-${y.id}`}>Учебный год {y.name}</h2>
          <p className="small">
            {y.closedAt ? `Закрыт ${formatDateTime(y.closedAt, actor.timeZone)}` : 'Не закрыт'} · журнал хранится до{' '}
            {formatDate(y.journalKeptUntil)} · сводные ведомости — до {formatDate(y.sheetsKeptUntil)}
            {y.sheetsDue && ' (срок истёк: уничтожаются по акту колледжа)'}
          </p>
          <p className="small">
            Занятий: {y.holdings.lessons}, ячеек с отметками и пропусками: {y.holdings.cells}, строк журнала изменений:{' '}
            {y.holdings.logRows}, заверенных распечаток журнала: {y.holdings.journalCopies}; результатов аттестации:{' '}
            {y.holdings.results}, заверенных сводных ведомостей: {y.holdings.sheetCopies}.
          </p>
          {y.archive && (
            <p className="small">
              Архив года: {y.archive.status === 'done' ? 'собран' : 'собирается'}, заверенных копий — {y.archive.copies}
              {y.archive.status === 'done' && y.archive.copies > 0 && (
                <>
                  {' '}
                  · <a href={`/api/reports/college-printouts/${y.archive.jobId}`}>скачать (ZIP)</a>
                </>
              )}
            </p>
          )}
          {y.purgedAt ? (
            <p>Данные журнала удалены {formatDateTime(y.purgedAt, actor.timeZone)}.</p>
          ) : y.purgeRefusal ? (
            <p className="muted small">Удаление данных журнала недоступно: {y.purgeRefusal}.</p>
          ) : (
            <PurgeForms action={purgeJournalAction} yearId={y.id} yearName={y.name} />
          )}
        </section>
      ))}
    </>
  );
}
