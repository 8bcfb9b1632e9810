'use client';

import { useEffect, useState } from 'react';
import { formatDateTime } from '@/domain/dates';
import { DEFAULT_LESSONS_PER_PAGE, MAX_LESSONS_PER_PAGE, MIN_LESSONS_PER_PAGE } from '@/domain/journal-printout';
import { countOf, NOUNS } from '@/domain/plural';
import type { ReportJobProgress } from '@/server/reports/jobs';
import { trpc } from '../trpc-client';
import { useFormAction, type ServerFormAction } from '../use-form-action';

const POLL_MS = 1500;

/**
 * «Все группы» (issue #12, item 5): starts the printed journals of every group of the college for a term as a
 * background job and shows the college's latest jobs. While one runs the list is asked again every 1.5 s, so the
 * progress bar («12 из 48 групп») moves, and a reload shows it where it is — it lives in the database.
 */
export function CollegePrintouts({
  action,
  terms,
  termId,
  initial,
  timeZone,
}: {
  action: ServerFormAction;
  terms: { id: number; name: string }[];
  termId: number;
  initial: ReportJobProgress[];
  timeZone: string;
}) {
  // What the last poll answered, for the list the server rendered (a refresh after starting a job renders anew).
  const [polled, setPolled] = useState<{ of: ReportJobProgress[]; jobs: ReportJobProgress[] } | null>(null);
  const jobs = polled?.of === initial ? polled.jobs : initial;
  const [failure, setFailure] = useState<string | null>(null);
  const { form, pending, messages, state } = useFormAction(action);
  const running = jobs.some((j) => j.status === 'running');

  useEffect(() => {
    if (!running && !state?.ok) return;
    let stop = false;
    const poll = async () => {
      try {
        const next = await trpc.reports.jobs.query();
        if (!stop) {
          setPolled({ of: initial, jobs: next });
          setFailure(null);
        }
      } catch (error) {
        if (!stop) setFailure(error instanceof Error ? error.message : String(error));
      }
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    void poll();
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [running, state, initial]);

  return (
    <section className="panel" aria-labelledby="college-printouts">
      <h2 id="college-printouts">Все группы колледжа</h2>
      <p className="muted small">
        Распечатка классного журнала каждой группы за семестр (все предметы, весь семестр) — по файлу PDF на группу и
        одним архивом ZIP. Печать идёт в фоне: страницу можно закрыть или обновить, ход виден здесь.
      </p>
      <form {...form} method="post" className="toolbar">
        <label>
          Семестр{' '}
          <select name="termId" defaultValue={termId}>
            {terms.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Занятий на странице{' '}
          <input
            type="number"
            name="lessonsPerPage"
            min={MIN_LESSONS_PER_PAGE}
            max={MAX_LESSONS_PER_PAGE}
            defaultValue={DEFAULT_LESSONS_PER_PAGE}
            style={{ width: '4em' }}
          />
        </label>
        <label>
          <input type="checkbox" name="newPage" defaultChecked /> каждую таблицу с новой страницы
        </label>
        <button type="submit" disabled={pending}>
          {pending ? 'Запускается…' : 'Напечатать все группы'}
        </button>
        {messages}
      </form>
      {failure && (
        <p className="error" role="alert">
          Ход печати не обновился: {failure}
        </p>
      )}
      {jobs.length > 0 && (
        <ul data-testid="college-jobs" style={{ listStyle: 'none', paddingLeft: 0 }}>
          {jobs.slice(0, 3).map((job) => (
            <JobLine key={job.id} job={job} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function JobLine({ job, timeZone }: { job: ReportJobProgress; timeZone: string }) {
  const finished = job.done + job.failed;
  const failed = job.groups.filter((g) => g.status === 'failed');
  return (
    <li data-testid="college-job">
      <div>
        <strong>{job.title}</strong> · начата {formatDateTime(job.createdAt, timeZone)}
        {job.finishedAt && `, закончена ${formatDateTime(job.finishedAt, timeZone)}`}
      </div>
      <div role="status">
        <progress max={job.total || 1} value={finished} aria-label="Группы напечатаны" /> {finished} из{' '}
        {countOf(job.total, NOUNS.groupOf)}
        {job.failed > 0 && `, не получилось: ${job.failed}`}
        {job.status === 'done' && ` · ${countOf(job.pages, NOUNS.page)}`}
      </div>
      {job.status === 'done' && job.done > 0 && (
        <p>
          <a className="button" href={`/api/reports/college-printouts/${job.id}`}>
            Скачать все (ZIP)
          </a>
        </p>
      )}
      {failed.length > 0 && (
        <ul className="small error">
          {failed.map((g) => (
            <li key={g.groupId}>
              {g.groupName}: {g.error}
            </li>
          ))}
        </ul>
      )}
      {job.done > 0 && (
        <details>
          <summary className="small">По группам</summary>
          <ul className="small">
            {job.groups
              .filter((g) => g.status === 'done')
              .map((g) => (
                <li key={g.groupId}>
                  <a href={`/api/reports/college-printouts/${job.id}?groupId=${g.groupId}`}>{g.groupName}</a> —{' '}
                  {countOf(g.pages ?? 0, NOUNS.page)}
                </li>
              ))}
          </ul>
        </details>
      )}
    </li>
  );
}
