/**
 * Background report jobs over every group of the college (issue #12, items 5 and 7), kept in `report_jobs` /
 * `report_job_groups` (progress survives a reload and a restart), the work one pg-boss queue job per group
 * (server/jobs/queue.ts), drawn in the renderer process (./render/off-thread.ts). A group that fails three times is
 * reported with the reason and the others still finish; a second request for the same set while one runs joins it.
 * Two kinds:
 * - `college-printouts` — «Все группы» (regulation §6.2: within five days after a term the methodist prints the journal
 *   of every group): «Распечатка классного журнала» of every group with journals in the term, one PDF per group,
 *   downloaded one by one or as one ZIP;
 * - `year-archive` — closing a year stores the certified copies of every group (./year-archive.ts).
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
import { logAdminChange } from '../services/admin-log';
import type { DocumentRenderer } from './certify';
import { loadJournalCopy, printoutInput } from './printout/load';
import { renderOffThread } from './render/off-thread';
import { archiveFiles, archiveGroup } from './year-archive';

const PERMISSION = 'reports.collegeJobs';
/** Attempts of one group before it is reported failed (a crash mid-render counts as one). */
export const MAX_ATTEMPTS = 3;

export const collegePrintoutsInput = printoutInput.pick({ termId: true, lessonsPerPage: true, newPage: true });
export type CollegePrintoutsInput = z.infer<typeof collegePrintoutsInput>;

export const jobIdInput = z.object({ jobId: idSchema });

export type ReportJobKind = 'college-printouts' | 'year-archive';

export interface JobGroupProgress {
  groupId: number;
  groupName: string;
  status: 'pending' | 'done' | 'failed';
  pages: number | null;
  error: string | null;
}

export interface ReportJobProgress {
  id: number;
  kind: ReportJobKind;
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

/** What a new job is: whose, of which kind, over which groups (ordered as listed). */
export interface NewJob {
  institutionId: number;
  kind: ReportJobKind;
  termId: number;
  params: Record<string, unknown>;
  /** The same set ⇒ the same key: a second start joins the running job. */
  setKey: string;
  createdBy: number;
  groups: { id: number; name: string }[];
}

/**
 * Inside the caller's transaction: joins the running job of the same set, or writes a new one, its groups and the
 * queue's jobs (one per group) — all or nothing with the caller's own writes.
 */
export async function createJob(
  tx: Db,
  queue: PgBoss,
  job: NewJob,
): Promise<{ jobId: number; joined: boolean; groups: number }> {
  // One start at a time per college: a second request waits here and then joins the first one's job.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('report_jobs'), ${job.institutionId})`);
  const [running] = await tx
    .select({ id: reportJobs.id })
    .from(reportJobs)
    .where(
      and(
        eq(reportJobs.institutionId, job.institutionId),
        eq(reportJobs.setKey, job.setKey),
        eq(reportJobs.status, 'running'),
      ),
    );
  if (running) {
    const [count] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from ${reportJobGroups} where ${q(reportJobGroups.jobId)} = ${running.id}`,
    );
    return { jobId: running.id, joined: true, groups: count?.n ?? 0 };
  }
  const collator = new Intl.Collator('ru', { numeric: true });
  const groups = [...job.groups].sort((a, b) => collator.compare(a.name, b.name));
  const [row] = await tx
    .insert(reportJobs)
    .values({
      institutionId: job.institutionId,
      kind: job.kind,
      termId: job.termId,
      params: job.params,
      setKey: job.setKey,
      createdBy: job.createdBy,
      walPosition: sql`pg_current_wal_lsn()::text`,
      status: groups.length ? 'running' : 'done',
      finishedAt: groups.length ? null : new Date(),
    })
    .returning({ id: reportJobs.id });
  if (groups.length) {
    await tx
      .insert(reportJobGroups)
      .values(groups.map((g, position) => ({ jobId: row!.id, groupId: g.id, position, groupName: g.name })));
    await queue.insert(
      groups.map((g) => ({ name: QUEUES.printoutGroup.name, data: { jobId: row!.id, groupId: g.id } })),
      { db: transactionAdapter(tx) } as never,
    );
  }
  await logAdminChange(
    tx,
    { userId: job.createdBy },
    job.institutionId,
    'report-job',
    null,
    { jobId: row!.id, kind: job.kind, termId: job.termId, params: job.params, groups: groups.length },
    null,
  );
  return { jobId: row!.id, joined: false, groups: groups.length };
}

const setKey = (input: CollegePrintoutsInput) =>
  `journal-printout:${input.termId}:${input.lessonsPerPage}:${input.newPage ? 1 : 0}`;

/**
 * «Все группы»: starts the job for the term, or joins the one running for the same set. Refused: a term of another
 * college (403), a term without journals (400).
 */
export async function startCollegePrintouts(
  db: Db,
  queue: PgBoss,
  actor: Actor,
  input: CollegePrintoutsInput,
): Promise<{ jobId: number; joined: boolean; groups: number }> {
  const institutionId = institutionOf(actor);
  return inTransaction(db, async (tx) => {
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
    return createJob(tx, queue, {
      institutionId,
      kind: 'college-printouts',
      termId: input.termId,
      params: input,
      setKey: setKey(input),
      createdBy: actor.userId,
      groups,
    });
  });
}

/**
 * The queue's handler for one group of a job: does the group's part as the job's author (their rights and scope today —
 * an author who lost the role gets the group refused), drawing off the request thread. Idempotent: a group already done
 * or failed is left as it is (a queue job delivered twice does the work once). Throws to have the queue retry a failure
 * until the last attempt, which is recorded as the group's failure.
 */
export async function renderJobGroup(
  db: Db,
  data: { jobId: number; groupId: number },
  render: DocumentRenderer = renderOffThread,
  /** Where a printout's journal is read, given the job's WAL position (a replica: server/jobs/workers.ts); `db` by default. */
  reader?: (walPosition: string | null) => Promise<Db>,
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
    await finishGroup(db, data, { error: `работа прерывалась ${countOf(MAX_ATTEMPTS, NOUNS.time)}` });
    return;
  }
  try {
    const actor = await loadActor(db, job.createdBy);
    if (!actor) throw new Refusal(403, 'автор задания больше не работает в системе');
    if (job.kind === 'year-archive') {
      const pages = await archiveGroup(db, actor, job.params as { yearId: number }, data.groupId, render);
      await finishGroup(db, data, { pages });
      return;
    }
    const params = job.params as CollegePrintoutsInput;
    const source = reader ? await reader(job.walPosition) : db;
    const copy = await loadJournalCopy(source, actor, { ...params, groupId: data.groupId });
    const rendered = await render({ kind: 'printout', data: copy });
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
  result: { fileName?: string; pdf?: Buffer; pages: number } | { error: string },
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
    const kind = job.kind as ReportJobKind;
    return {
      id: job.id,
      kind,
      termId: job.termId,
      title:
        kind === 'year-archive'
          ? `Архив учебного года ${(job.params as { yearName?: string }).yearName ?? ''}: заверенные копии всех групп`
          : `Распечатка классного журнала всех групп, ${termNames.get(job.termId) ?? ''}`,
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
  if (job.kind === 'year-archive') {
    if (groupId !== undefined) throw badInput('Группа: копии архива скачиваются одним архивом');
    if (job.status !== 'done') throw new Refusal(409, `Архив ещё собирается: готово ${job.done} из ${job.total}`);
    const [row] = await db.select({ params: reportJobs.params }).from(reportJobs).where(eq(reportJobs.id, jobId));
    const files = await archiveFiles(db, institutionOf(actor), (row!.params as { yearId: number }).yearId);
    const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
    for (const file of files) entries[`${file.name}.pdf`] = [file.pdf, { level: 0 }];
    return { format: 'zip', name: job.title, body: Buffer.from(zipSync(entries)) };
  }
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
