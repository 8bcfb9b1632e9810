/**
 * The year's archive (issue #12, item 7; regulation §6.1: «в конце учебного года ЭЖ проходят процедуру архивации»,
 * §6.5: consolidated sheets by 5 July, certified by the director): closing an academic year starts a background job
 * (./jobs.ts, kind `year-archive`) that stores, for every group with journals in the year, the certified copy of
 * «Распечатка классного журнала» of each term (all subjects) and of «Сводная ведомость учета успеваемости» for the year
 * — certified by the administrator who closed the year, with their fingerprints, like any certified copy
 * (./certify.ts: never updated, verifiable by the code on every page). The journal's copies are kept 5 years, the
 * sheets 25 (domain/retention.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { queryRows, type Db } from '../../db/client';
import { certifiedCopies } from '../../db/schema';
import type { Actor } from '../policy/actor';
import { certifyCopy, type DocumentRenderer } from './certify';
import { createJob } from './jobs';

/** Inside the transaction that closes the year: the archive job over the year's groups (none: a finished empty job). */
export async function startYearArchive(
  tx: Db,
  queue: PgBoss,
  actor: Actor,
  institutionId: number,
  year: { id: number; name: string },
): Promise<{ jobId: number; groups: number }> {
  const groups = await queryRows<{ id: number; name: string }>(
    tx,
    sql`select g.id, g.name from groups g where g.institution_id = ${institutionId} and exists (
          select 1 from teaching_assignments ta join terms t on t.institution_id = ta.institution_id and t.id = ta.term_id
          where ta.institution_id = g.institution_id and ta.group_id = g.id and t.academic_year_id = ${year.id})`,
  );
  const [last] = await queryRows<{ id: number }>(
    tx,
    sql`select id from terms where institution_id = ${institutionId} and academic_year_id = ${year.id}
        order by number desc limit 1`,
  );
  if (!last) return { jobId: 0, groups: 0 };
  const job = await createJob(tx, queue, {
    institutionId,
    kind: 'year-archive',
    termId: last.id,
    params: { yearId: year.id, yearName: year.name },
    setKey: `year-archive:${year.id}`,
    createdBy: actor.userId,
    groups,
  });
  return { jobId: job.jobId, groups: job.groups };
}

/**
 * One group's part of the archive: the journal copy of each term of the year in which the group has journals, then the
 * year's consolidated sheet — each only if the archive does not hold it yet (a group resumed after a crash does not
 * get two). Returns the pages stored.
 */
export async function archiveGroup(
  db: Db,
  actor: Actor,
  params: { yearId: number },
  groupId: number,
  render: DocumentRenderer,
): Promise<number> {
  const terms = await queryRows<{ id: number }>(
    db,
    sql`select t.id from terms t where t.academic_year_id = ${params.yearId} and exists (
          select 1 from teaching_assignments ta where ta.institution_id = t.institution_id and ta.term_id = t.id
            and ta.group_id = ${groupId})
        order by t.number`,
  );
  const held = await db
    .select({ kind: certifiedCopies.kind, params: certifiedCopies.params, pages: certifiedCopies.pages })
    .from(certifiedCopies)
    .where(and(eq(certifiedCopies.archiveYearId, params.yearId), eq(certifiedCopies.groupId, groupId)));
  const has = (kind: string, termId: number) =>
    held.find((c) => c.kind === kind && (c.params as Record<string, string>).termId === String(termId));
  let pages = 0;
  for (const term of terms) {
    const copy = has('journal', term.id);
    pages +=
      copy?.pages ??
      (
        await certifyCopy(
          db,
          actor,
          { kind: 'journal', query: `groupId=${groupId}&termId=${term.id}` },
          { archiveYearId: params.yearId, render },
        )
      ).pages;
  }
  const lastTerm = terms.at(-1);
  if (lastTerm) {
    const sheet = has('consolidated', lastTerm.id);
    pages +=
      sheet?.pages ??
      (
        await certifyCopy(
          db,
          actor,
          { kind: 'consolidated', query: `groupId=${groupId}&termId=${lastTerm.id}&period=year` },
          { archiveYearId: params.yearId, render },
        )
      ).pages;
  }
  return pages;
}

/** The archive's copies of a year, for its ZIP: «<title> <code>» and the PDF as certified. */
export async function archiveFiles(
  db: Db,
  institutionId: number,
  yearId: number,
): Promise<{ name: string; pdf: Buffer }[]> {
  const rows = await db
    .select({ title: certifiedCopies.title, code: certifiedCopies.code, pdf: certifiedCopies.pdf })
    .from(certifiedCopies)
    .where(and(eq(certifiedCopies.institutionId, institutionId), eq(certifiedCopies.archiveYearId, yearId)))
    .orderBy(certifiedCopies.title);
  return rows.map((r) => ({ name: `${r.title.replace(/[\\/:*?"<>|]/g, '-')} ${r.code}`, pdf: r.pdf }));
}
