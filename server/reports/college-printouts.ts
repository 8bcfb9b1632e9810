/**
 * «Все группы» (issue #12, item 5; regulation §6.2: within five days after a term the methodist prints the journal of
 * every group): a background job that renders «Распечатка классного журнала» of every group of the college with
 * journals in the term — one PDF per group, downloaded one by one or as one ZIP. The job and its groups live in
 * `report_jobs` / `report_job_groups` (progress survives a reload and a restart); the work is one pg-boss queue job per
 * group (server/jobs/queue.ts), rendered in the renderer process (./render/off-thread.ts). A group that fails three
 * times is reported with the reason and the others still finish; a second request for the same set while one runs
 * joins it.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { inTransaction, queryRows, type Db } from '../../db/client';
import { reportJobGroups, reportJobs, terms } from '../../db/schema';
import { q } from '../../db/sql';
import { idSchema } from '../../domain/ids';
import { countOf, NOUNS } from '../../domain/plural';
import { loadActor, type Actor } from '../policy/actor';
import { badInput, outOfScope, Refusal } from '../policy/refusal';
import { institutionsFor } from '../policy/scope';
import { QUEUES } from '../jobs/queue';
import { loadJournalCopy, printoutInput } from './printout/load';
import { renderPrintoutOffThread, type RenderedPdf } from './render/off-thread';

const PERMISSION = 'reports.collegeJobs';
/** Attempts of one group before it is reported failed (a crash mid-render counts as one). */
export const MAX_ATTEMPTS = 3;

export const collegePrintoutsInput = printoutInput.pick({ termId: true, lessonsPerPage: true, newPage: true });
export type CollegePrintoutsInput = z.infer<typeof collegePrintoutsInput>;

export const jobIdInput = z.object({ jobId: idSchema });

export interface JobGroupProgress {
  groupId: number;
  groupName: string;
  status: 'pending' | 'done' | 'failed';
  pages: number | null;
  error: string | null;
}

export interface ReportJobProgress {
  id: number;
  termId: number;
  title: string;
  status: 'running' | 'done';
  total: number;
  done: number;
  failed: number;
  pages: number;
  createdAt: string;
  finishedAt: string | null;
  groups: JobGroupProgress[];
}

/** The one institution where the actor runs college-wide jobs (the administrator's or the methodist's college). */
function institutionOf(actor: Actor): number {
  const [institutionId] = institutionsFor(actor, PERMISSION);
  if (institutionId === undefined) throw outOfScope();
  return institutionId;
}

/** pg-boss's statements run in a drizzle transaction: its `$n` placeholders become drizzle's parameters. */
function transactionAdapter(tx: Db) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`));
      return { rows: await queryRows<Record<string, unknown>>(tx, sql.join(chunks, sql``)) };
    },
  };
}

const setKey = (input: CollegePrintoutsInput) =>
  `journal-printout:${input.termId}:${input.lessonsPerPage}:${input.newPage ? 1 : 0}`;

/**
 * Starts the job for the term, or joins the one running for the same set. The job, its groups and the queue's jobs are
 * written in one transaction. Refused: a term of another college (403), a term without journals (400).
 */
export async function startCollegePrintouts(
  db: Db,
  queue: PgBoss,
  actor: Actor,
  input: CollegePrintoutsInput,
): Promise<{ jobId: number; joined: boolean; groups: number }> {
  const institutionId = institutionOf(actor);
  const key = setKey(input);
  return inTransaction(db, async (tx) => {
    // One start at a time per college: a second request waits here and then joins the first one's job.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('report_jobs'), ${institutionId})`);
    const [running] = await tx
      .select({ id: reportJobs.id })
      .from(reportJobs)
      .where(
        and(eq(reportJobs.institutionId, institutionId), eq(reportJobs.setKey, key), eq(reportJobs.status, 'running')),
      );
    if (running) {
      const [count] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from ${reportJobGroups} where ${q(reportJobGroups.jobId)} = ${running.id}`,
      );
      return { jobId: running.id, joined: true, groups: count?.n ?? 0 };
    }
    const [term] = await tx
      .select({ id: terms.id })
      .from(terms)
      .where(and(eq(terms.institutionId, institutionId), eq(terms.id, input.termId)));
    if (!term) throw outOfScope();
    const groups = await queryRows<{ id: number; name: string }>(
      tx,
      sql`select g.id, g.name from groups g
          where g.institution_id = ${institutionId}
            and exists (select 1 from teaching_assignments ta where ta.institution_id = g.institution_id
                          and ta.group_id = g.id and ta.term_id = ${input.termId})`,
    );
    if (groups.length === 0) throw badInput('Семестр: в нём нет журналов ни одной группы');
    const collator = new Intl.Collator('ru', { numeric: true });
    groups.sort((a, b) => collator.compare(a.name, b.name));
    const [job] = await tx
      .insert(reportJobs)
      .values({
        institutionId,
        kind: 'college-printouts',
        termId: input.termId,
        params: input,
        setKey: key,
        createdBy: actor.userId,
      })
      .returning({ id: reportJobs.id });
    await tx
      .insert(reportJobGroups)
      .values(groups.map((g, position) => ({ jobId: job!.id, groupId: g.id, position, groupName: g.name })));
    await queue.insert(
      groups.map((g) => ({ name: QUEUES.printoutGroup.name, data: { jobId: job!.id, groupId: g.id } })),
      { db: transactionAdapter(tx) } as never,
    );
    return { jobId: job!.id, joined: false, groups: groups.length };
  });
}

export type PrintoutRenderer = (copy: Parameters<typeof renderPrintoutOffThread>[0]) => Promise<RenderedPdf>;

/**
 * The queue's handler for one group of a job: loads the copy as the job's author (their scope today — a methodist who
 * lost the role gets the group refused), renders it off the request thread and stores the PDF. Idempotent: a group
 * already done or failed is left as it is (a job delivered twice renders once). Throws to have the queue retry a
 * failure until the last attempt, which is recorded as the group's failure.
 */
export async function renderJobGroup(
  db: Db,
  data: { jobId: number; groupId: number },
  render: PrintoutRenderer = renderPrintoutOffThread,
): Promise<void> {
  const [claimed] = await db
    .update(reportJobGroups)
    .set({ attempts: sql`${q(reportJobGroups.attempts)} + 1` })
    .where(
      and(
        eq(reportJobGroups.jobId, data.jobId),
        eq(reportJobGroups.groupId, data.groupId),
        eq(reportJobGroups.status, 'pending'),
      ),
    )
    .returning({ attempts: reportJobGroups.attempts });
  if (!claimed) return;
  const [job] = await db.select().from(reportJobs).where(eq(reportJobs.id, data.jobId));
  if (!job) return;
  if (claimed.attempts > MAX_ATTEMPTS) {
    await finishGroup(db, data, { error: `печать прерывалась ${countOf(MAX_ATTEMPTS, NOUNS.time)}` });
    return;
  }
  try {
    const actor = await loadActor(db, job.createdBy);
    if (!actor) throw new Refusal(403, 'автор задания больше не работает в системе');
    const params = job.params as CollegePrintoutsInput;
    const copy = await loadJournalCopy(db, actor, { ...params, groupId: data.groupId });
    const rendered = await render(copy);
    await finishGroup(db, data, {
      fileName: `Классный журнал ${copy.group.name} ${copy.term.name}`,
      pdf: rendered.pdf,
      pages: rendered.pages,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof Refusal) && claimed.attempts < MAX_ATTEMPTS) throw error;
    await finishGroup(db, data, { error: message });
  }
}

async function finishGroup(
  db: Db,
  data: { jobId: number; groupId: number },
  result: { fileName: string; pdf: Buffer; pages: number } | { error: string },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx
      .update(reportJobGroups)
      .set({ ...result, status: 'error' in result ? 'failed' : 'done', finishedAt: new Date() })
      .where(
        and(
          eq(reportJobGroups.jobId, data.jobId),
          eq(reportJobGroups.groupId, data.groupId),
          eq(reportJobGroups.status, 'pending'),
        ),
      );
    await tx.execute(sql`update ${reportJobs} set status = 'done', finished_at = now()
      where ${q(reportJobs.id)} = ${data.jobId} and ${q(reportJobs.status)} = 'running'
        and not exists (select 1 from ${reportJobGroups} where ${q(reportJobGroups.jobId)} = ${data.jobId}
                          and ${q(reportJobGroups.status)} = 'pending')`);
  });
}

type JobRow = typeof reportJobs.$inferSelect;

async function progressOf(db: Db, jobs: JobRow[]): Promise<ReportJobProgress[]> {
  if (jobs.length === 0) return [];
  const rows = await db
    .select({
      jobId: reportJobGroups.jobId,
      groupId: reportJobGroups.groupId,
      groupName: reportJobGroups.groupName,
      status: reportJobGroups.status,
      pages: reportJobGroups.pages,
      error: reportJobGroups.error,
    })
    .from(reportJobGroups)
    .where(
      sql`${q(reportJobGroups.jobId)} in (${sql.join(
        jobs.map((j) => sql`${j.id}`),
        sql`, `,
      )})`,
    )
    .orderBy(asc(reportJobGroups.position));
  const termNames = new Map(
    (
      await db
        .select({ id: terms.id, name: terms.name })
        .from(terms)
        .where(eq(terms.institutionId, jobs[0]!.institutionId))
    ).map((t) => [t.id, t.name]),
  );
  return jobs.map((job) => {
    const groups = rows
      .filter((r) => r.jobId === job.id)
      .map(({ groupId, groupName, status, pages, error }) => ({
        groupId,
        groupName,
        status: status as JobGroupProgress['status'],
        pages,
        error,
      }));
    return {
      id: job.id,
      termId: job.termId,
      title: `Распечатка классного журнала всех групп, ${termNames.get(job.termId) ?? ''}`,
      status: job.status as ReportJobProgress['status'],
      total: groups.length,
      done: groups.filter((g) => g.status === 'done').length,
      failed: groups.filter((g) => g.status === 'failed').length,
      pages: groups.reduce((sum, g) => sum + (g.pages ?? 0), 0),
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
      groups,
    };
  });
}

/** The college's latest jobs (ten), newest first, with each group's state. */
export async function recentJobs(db: Db, actor: Actor): Promise<ReportJobProgress[]> {
  const jobs = await db
    .select()
    .from(reportJobs)
    .where(eq(reportJobs.institutionId, institutionOf(actor)))
    .orderBy(desc(reportJobs.createdAt), desc(reportJobs.id))
    .limit(10);
  return progressOf(db, jobs);
}

/** One job of the actor's college, or 404 (another college's job is not told apart from none). */
export async function jobProgress(db: Db, actor: Actor, jobId: number): Promise<ReportJobProgress> {
  const [job] = await db
    .select()
    .from(reportJobs)
    .where(and(eq(reportJobs.id, jobId), eq(reportJobs.institutionId, institutionOf(actor))));
  if (!job) throw outOfScope();
  return (await progressOf(db, [job]))[0]!;
}

/**
 * The job's files: one group's PDF (`groupId`), or all of them as a ZIP (PDFs stored, not compressed again) with
 * «Не напечатано.txt» naming each failed group and why. A running job has no ZIP yet (409).
 */
export async function jobFile(
  db: Db,
  actor: Actor,
  jobId: number,
  groupId?: number,
): Promise<{ format: 'pdf' | 'zip'; name: string; body: Buffer }> {
  const job = await jobProgress(db, actor, jobId);
  const files = await db
    .select({
      groupId: reportJobGroups.groupId,
      fileName: reportJobGroups.fileName,
      pdf: reportJobGroups.pdf,
    })
    .from(reportJobGroups)
    .where(
      and(
        eq(reportJobGroups.jobId, jobId),
        eq(reportJobGroups.status, 'done'),
        groupId === undefined ? undefined : eq(reportJobGroups.groupId, groupId),
      ),
    )
    .orderBy(asc(reportJobGroups.position));
  if (groupId !== undefined) {
    const [file] = files;
    if (!file?.pdf) throw new Refusal(404, 'Распечатка этой группы ещё не готова или не получилась');
    return { format: 'pdf', name: file.fileName ?? 'Классный журнал', body: file.pdf };
  }
  if (job.status !== 'done') throw new Refusal(409, `Печать ещё идёт: готово ${job.done} из ${job.total}`);
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const file of files) if (file.pdf) entries[`${file.fileName}.pdf`] = [file.pdf, { level: 0 }];
  const failed = job.groups.filter((g) => g.status === 'failed');
  if (failed.length) {
    const text = failed.map((g) => `${g.groupName}: ${g.error}`).join('\r\n');
    entries['Не напечатано.txt'] = [strToU8(`${text}\r\n`), { level: 0 }];
  }
  return { format: 'zip', name: job.title, body: Buffer.from(zipSync(entries)) };
}
