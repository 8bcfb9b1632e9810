import { QueryForm } from '@/components/query-form';
import { CertifyForm } from '@/components/reports/certify-form';
import { ConsolidatedTable } from '@/components/reports/consolidated-table';
import { formatDateTime } from '@/domain/dates';
import { CollegePrintouts } from '@/components/reports/college-printouts';
import { certifyJournalAction, certifySheetAction, startCollegePrintoutsAction } from './actions';
import { RefusalNotice } from '@/components/refusal-notice';
import { formatDate } from '@/domain/dates';
import { parseId } from '@/domain/ids';
import { DEFAULT_LESSONS_PER_PAGE, MAX_LESSONS_PER_PAGE, MIN_LESSONS_PER_PAGE } from '@/domain/journal-printout';
import { countOf, NOUNS } from '@/domain/plural';
import { PREFLIGHT_RULES, type PreflightIssue } from '@/domain/print-checks';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';

const FIELDS = ['groupId', 'termId', 'assignmentId', 'from', 'to', 'lessonsPerPage', 'newPage', 'period'] as const;
type Params = Partial<Record<(typeof FIELDS)[number], string>>;

function bySubject(issues: PreflightIssue[]): [string, PreflightIssue[]][] {
  const map = new Map<string, PreflightIssue[]>();
  for (const i of issues) map.set(i.subject, [...(map.get(i.subject) ?? []), i]);
  return [...map];
}

/** The group's teachers, once each, by name. */
function teachersOf(journals: { teacher: string; teacherId: number | null }[]): { id: number; name: string }[] {
  const byId = new Map<number, string>();
  for (const j of journals) if (j.teacherId !== null) byId.set(j.teacherId, j.teacher);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

/**
 * A group's reports (issue #12): «Распечатка классного журнала» with the regulation's parameters and its pre-flight —
 * what would look wrong on paper, each linked to the journal cell — and «Сводная ведомость» for the term or the year.
 */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor();
  if (!can(actor, 'reports.print'))
    return <RefusalNotice refusal="Недостаточно прав: отчёты печатают администрация, куратор и преподаватель." />;
  const p = await searchParams;
  const groups = can(actor, 'people.read') ? await pageQuery((trpc) => trpc.people.groups()) : null;
  const groupList = groups?.ok ? groups.data : [];
  const groupId = parseId(p.groupId ?? null) ?? groupList[0]?.id;
  if (!groupId) return <RefusalNotice refusal="Группа: не выбрана (откройте печать со страницы журнала или группы)." />;
  const assignmentId = parseId(p.assignmentId ?? null) ?? undefined;
  const lessonsPerPage = p.lessonsPerPage ? Number(p.lessonsPerPage) : undefined;
  const input = {
    groupId,
    termId: parseId(p.termId ?? null) ?? undefined,
    assignmentId,
    from: p.from || undefined,
    to: p.to || undefined,
    lessonsPerPage,
    newPage: p.newPage !== '0',
  };
  const result = await pageQuery((trpc) => trpc.reports.preflight(input));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к отчётам этой группы." />;
  const r = result.data;
  const query = new URLSearchParams({
    groupId: String(r.group.id),
    termId: String(r.term.id),
    from: r.from,
    to: r.to,
    lessonsPerPage: String(lessonsPerPage ?? DEFAULT_LESSONS_PER_PAGE),
    newPage: input.newPage ? '1' : '0',
    ...(assignmentId ? { assignmentId: String(assignmentId) } : {}),
  });
  const period = p.period === 'year' ? 'year' : 'term';
  const consolidated = can(actor, 'reports.group')
    ? await pageQuery((trpc) => trpc.reports.consolidated({ groupId: r.group.id, termId: r.term.id, period }))
    : null;
  const copies = can(actor, 'reports.group')
    ? await pageQuery((trpc) => trpc.reports.copies({ groupId: r.group.id, termId: r.term.id }))
    : null;
  const collegeJobs = can(actor, 'reports.collegeJobs') ? await pageQuery((trpc) => trpc.reports.jobs()) : null;
  const sheetQuery = new URLSearchParams({ groupId: String(r.group.id), termId: String(r.term.id), period }).toString();
  const attendance = (format: 'pdf' | 'xlsx') =>
    `/api/reports/attendance?${new URLSearchParams({ groupId: String(r.group.id), termId: String(r.term.id), from: r.from, to: r.to, format }).toString()}`;
  const sheet = (format: 'pdf' | 'xlsx', period: 'term' | 'year') =>
    `/api/reports/consolidated?${new URLSearchParams({ groupId: String(r.group.id), termId: String(r.term.id), format, period }).toString()}`;
  return (
    <>
      <h1>Отчёты группы {r.group.name}</h1>
      {collegeJobs?.ok && (
        <CollegePrintouts
          action={startCollegePrintoutsAction}
          terms={r.terms}
          termId={r.term.id}
          initial={collegeJobs.data}
          timeZone={actor.timeZone}
        />
      )}
      <QueryForm path="/reports" fields={FIELDS} label="Параметры печати">
        {groupList.length > 0 && (
          <label>
            Группа{' '}
            <select name="groupId" defaultValue={r.group.id}>
              {groupList.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {groupList.length === 0 && <input type="hidden" name="groupId" value={r.group.id} />}
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
          Предмет{' '}
          <select name="assignmentId" defaultValue={assignmentId ?? ''}>
            {r.journals.length > 1 && <option value="">Все</option>}
            {r.journals.map((j) => (
              <option key={j.assignmentId} value={j.assignmentId}>
                {j.title}
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
        <label>
          Занятий на странице{' '}
          <input
            type="number"
            name="lessonsPerPage"
            min={MIN_LESSONS_PER_PAGE}
            max={MAX_LESSONS_PER_PAGE}
            defaultValue={lessonsPerPage ?? DEFAULT_LESSONS_PER_PAGE}
            style={{ width: '4em' }}
          />
        </label>
        <label>
          Каждую таблицу с новой страницы{' '}
          <select name="newPage" defaultValue={input.newPage ? '1' : '0'}>
            <option value="1">да</option>
            <option value="0">нет</option>
          </select>
        </label>
        <label>
          Сводная ведомость за{' '}
          <select name="period" defaultValue={period}>
            <option value="term">семестр</option>
            <option value="year">учебный год</option>
          </select>
        </label>
        <button type="submit">Проверить</button>
      </QueryForm>

      <h2>Распечатка классного журнала</h2>
      <p className="muted small">
        {r.term.name}, с {formatDate(r.from)} по {formatDate(r.to)} ·{' '}
        {assignmentId ? r.journals.find((j) => j.assignmentId === assignmentId)?.title : 'все предметы'}. Страницы
        пронумерованы, предметы по алфавиту, последняя страница — для заверения заведующим отделением.
      </p>
      {r.issues.length === 0 ? (
        <p data-testid="preflight">Проверка перед печатью: замечаний нет.</p>
      ) : (
        <section data-testid="preflight" aria-label="Проверка перед печатью">
          <p>
            Проверка перед печатью: {countOf(r.issues.length, NOUNS.remark)}. Их можно исправить в журнале или
            напечатать как есть.
          </p>
          {bySubject(r.issues).map(([subject, list]) => (
            <details key={subject}>
              <summary>
                {subject} — {countOf(list.length, NOUNS.remark)}
              </summary>
              <ul className="small">
                {list.map((i, n) => (
                  <li key={n}>
                    {PREFLIGHT_RULES[i.rule]}: <a href={i.href}>{i.text}</a>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </section>
      )}
      <p>
        <a className="button" href={`/api/reports/journal-printout?${query.toString()}`}>
          Скачать журнал (PDF)
        </a>
      </p>
      {can(actor, 'reports.certifyJournal') && (
        <CertifyForm action={certifyJournalAction} query={query.toString()} label="Заверить копию журнала" />
      )}

      {can(actor, 'reports.group') && (
        <>
          <h2>Сводная ведомость учета успеваемости</h2>
          <p>
            За семестр: <a href={sheet('pdf', 'term')}>PDF</a> · <a href={sheet('xlsx', 'term')}>XLSX</a> · за учебный
            год: <a href={sheet('pdf', 'year')}>PDF</a> · <a href={sheet('xlsx', 'year')}>XLSX</a>
          </p>
          {can(actor, 'reports.certifySheet') && (
            <CertifyForm action={certifySheetAction} query={sheetQuery} label="Заверить сводную ведомость" />
          )}
          {consolidated?.ok ? (
            <>
              <p className="muted small">За {consolidated.data.periodLabel}:</p>
              <ConsolidatedTable sheet={consolidated.data.sheet} year={period === 'year'} />
            </>
          ) : (
            consolidated && <RefusalNotice refusal={consolidated.refusal} />
          )}
          <h2>Посещаемость</h2>
          <p>
            С {formatDate(r.from)} по {formatDate(r.to)} (период из формы выше; часы пропусков по уважительной причине,
            в т. ч. по болезни, и без неё): <a href={attendance('pdf')}>PDF</a> · <a href={attendance('xlsx')}>XLSX</a>
          </p>
          <h2>Лист контроля ведения журнала</h2>
          <p className="small" data-testid="keeping-sheets">
            Преподаватели группы за {r.term.name}:{' '}
            {teachersOf(r.journals).map((t, i) => (
              <span key={t.id}>
                {i > 0 && ' · '}
                {t.name} (<a href={`/api/reports/journal-keeping/${t.id}?termId=${r.term.id}`}>PDF</a>,{' '}
                <a href={`/api/reports/journal-keeping/${t.id}?termId=${r.term.id}&format=xlsx`}>XLSX</a>)
              </span>
            ))}
          </p>
          <h2>Заверенные копии</h2>
          {copies?.ok && copies.data.length > 0 ? (
            <ul data-testid="copies">
              {copies.data.map((c) => (
                <li key={c.code}>
                  {c.title} — {c.certifier}, {formatDateTime(c.certifiedAt, actor.timeZone)} ·{' '}
                  <a href={`/api/reports/certified/${c.code}`}>PDF</a> ·{' '}
                  <a href={`/verify/${c.code}`}>проверить ({c.code})</a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Заверенных копий этой группы пока нет.</p>
          )}
        </>
      )}
    </>
  );
}
