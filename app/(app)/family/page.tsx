import Link from 'next/link';
import { OfflineCache } from '@/components/family/offline-cache';
import { RefusalNotice } from '@/components/refusal-notice';
import { formatDate, formatDayMonth } from '@/domain/dates';
import { parseId } from '@/domain/ids';
import { formatAverage, MIN_GRADES_PER_TERM } from '@/domain/journal-stats';
import { fullName } from '@/domain/names';
import { countOf, NOUNS } from '@/domain/plural';
import { requireActor } from '@/server/auth/current-actor';
import { can, rolesOf } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';

/**
 * The family portal (issue #13, item 5): a student's, or a parent's child's, subjects for a term — grades with dates and
 * lesson kinds, topics and homework, missed hours, averages, the «5 grades» progress, the semester and attestation
 * results. Built for a phone first: one column, no tables, each subject opens in place. Parents switch children.
 */
export default async function FamilyPage({
  searchParams,
}: {
  searchParams: Promise<{ student?: string; termId?: string }>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'family.read')) return <RefusalNotice refusal="Эта страница — для студентов и родителей." />;
  const params = await searchParams;
  const children = await pageQuery((trpc) => trpc.family.students());
  if (!children.ok) return <RefusalNotice refusal={children.refusal} />;
  const studentId = (params.student ? parseId(params.student) : null) ?? children.data[0]?.id;
  if (studentId === undefined)
    return (
      <>
        <h1>Успеваемость</h1>
        <p className="muted">К учётной записи не привязан ни один студент, или доступ к нему закрыт.</p>
      </>
    );
  const termId = params.termId ? (parseId(params.termId) ?? undefined) : undefined;
  const portal = await pageQuery((trpc) => trpc.family.portal({ studentId, termId }));
  if (!portal.ok) return <RefusalNotice refusal={portal.refusal} />;
  const p = portal.data;
  const own = rolesOf(actor).includes('student') && !rolesOf(actor).includes('parent');
  const link = (student: number, term?: number) =>
    `/family?student=${student}${term !== undefined ? `&termId=${term}` : ''}`;
  return (
    <div className="portal">
      <OfflineCache />
      <h1>{own ? 'Моя успеваемость' : 'Успеваемость'}</h1>
      {children.data.length > 1 && (
        <nav className="child-switch" aria-label="Дети">
          {children.data.map((c) => (
            <Link key={c.id} href={link(c.id)} aria-current={c.id === studentId ? 'page' : undefined}>
              {fullName({ ...c, middleName: null })}
            </Link>
          ))}
        </nav>
      )}
      <p>
        <strong>{p.student}</strong>, группа {p.group}
        {p.curator && <span className="muted small"> · куратор {p.curator}</span>}
      </p>
      <nav className="child-switch" aria-label="Семестр">
        {p.terms.map((t) => (
          <Link key={t.id} href={link(studentId, t.id)} aria-current={t.id === p.term.id ? 'page' : undefined}>
            {t.name}
          </Link>
        ))}
      </nav>
      <div className="cards">
        <div className="card">
          <div className="value">{formatAverage(p.totals.average) || '—'}</div>
          <div className="label">средний балл</div>
        </div>
        <div className="card">
          <div className="value">{p.totals.missedHours} ч</div>
          <div className="label">пропущено, из них по уважительной {p.totals.missedValidHours} ч</div>
        </div>
        <div className="card">
          <div className="value">{p.totals.failing}</div>
          <div className="label">задолженностей</div>
        </div>
      </div>
      <p className="small">
        <Link href="/timetable/my">Расписание на неделю</Link> · Табель (PDF):{' '}
        <a href={`/api/reports/report-card/${studentId}?termId=${p.term.id}`}>за семестр</a>
      </p>
      {p.subjects.length === 0 && <p className="muted">В этом семестре дисциплин нет.</p>}
      {p.subjects.map((s) => (
        <details key={s.assignmentId} className="subject" data-testid="portal-subject">
          <summary>
            <span className="subject-name">{s.subject}</span>
            <span className="subject-grades">
              {s.grades.length
                ? s.grades.map((g, i) => (
                    <span key={i} className="mark">
                      {g}
                    </span>
                  ))
                : '—'}
            </span>
            <span className="small muted">
              средний {formatAverage(s.average) || '—'}
              {s.weightedAverage !== null &&
                s.weightedAverage !== s.average &&
                ` (взвешенный ${formatAverage(s.weightedAverage)})`}{' '}
              ·{' '}
              {s.gradesToGo > 0 ? (
                <span className="badge warn">
                  {countOf(s.gradeCount, NOUNS.grade)} из {MIN_GRADES_PER_TERM}
                </span>
              ) : (
                `${countOf(s.gradeCount, NOUNS.grade)}`
              )}
              {s.missedHours > 0 && ` · пропущено ${s.missedHours} ч (уваж. ${s.missedValidHours})`}
            </span>
          </summary>
          <p className="small">
            {s.teacher && <>Преподаватель {s.teacher}. </>}
            За семестр: {s.semester ?? 'нет оценки'}
            {s.attestation && (
              <>
                ; {s.attestation.title.toLowerCase()}: {s.attestation.value ?? 'нет результата'}
              </>
            )}
          </p>
          <ul className="lesson-list">
            {s.lessons.map((l, i) => (
              <li key={i}>
                <div>
                  <strong>{formatDayMonth(l.date)}</strong> <span className="muted small">{l.kind}</span>{' '}
                  {l.attendance && (
                    <span className={`mark ${l.attendance === 'о' ? '' : 'absent'}`}>{l.attendance}</span>
                  )}
                  {l.grades.map((g, j) => (
                    <span key={j} className="mark">
                      {g}
                    </span>
                  ))}
                </div>
                {l.topic && <div className="small">{l.topic}</div>}
                {l.homework && <div className="small">Домашнее задание: {l.homework}</div>}
              </li>
            ))}
          </ul>
        </details>
      ))}
      <p className="muted small">Данные на {formatDate(p.today)}.</p>
    </div>
  );
}
