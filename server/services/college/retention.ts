/**
 * Retention of the journal (issue #12, item 7; regulation §6.1, §6.5; the rule in domain/retention.ts): the
 * administrator's list of academic years with what each holds and how long it is kept, and the destruction of a year's
 * journal data once its 5 years are over — first as a dry run that counts what would go, then, confirmed by typing the
 * year's name, for real in one transaction, logged. Destroyed: the year's lessons with their topics, every mark and
 * absence (journal cells) and their change logs, the certified copies of its printed journals. Kept: the journals
 * themselves (teaching assignments), the attestation results and the consolidated sheets with their certified copies
 * (25 years) — the purge never touches them.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, queryRows, type Db } from '../../../db/client';
import { academicYears } from '../../../db/schema';
import { todayIn } from '../../../domain/dates';
import { idSchema } from '../../../domain/ids';
import { yearRetention, type YearRetention } from '../../../domain/retention';
import { todayOf, type Actor } from '../../policy/actor';
import { logAdminChange } from '../admin-log';
import { badInput, institutionOf, outOfScope } from '../refusals';

const PERMISSION = 'retention.manage';

export const purgeInput = z.object({
  yearId: idSchema,
  /** true — only count what would be destroyed. */
  dryRun: z.boolean(),
  /** The year's name typed again (required for the real run). */
  confirm: z.string().trim().max(20).optional(),
});
export type PurgeInput = z.infer<typeof purgeInput>;

/** What a year holds. */
export interface YearHoldings {
  lessons: number;
  cells: number;
  /** Rows of the change logs about those lessons and cells. */
  logRows: number;
  journalCopies: number;
  /** Kept always: */
  results: number;
  sheetCopies: number;
}

export interface RetentionYear extends YearRetention {
  id: number;
  name: string;
  endsOn: string;
  closedAt: Date | null;
  purgedAt: Date | null;
  holdings: YearHoldings;
  /** The archive made when the year was closed (server/reports/year-archive.ts): its job and the copies it holds. */
  archive: { jobId: number; status: string; copies: number } | null;
}

const lessonsOf = (institutionId: number, yearId: number) => sql`
  select l.id from lessons l
  join teaching_assignments ta on ta.institution_id = l.institution_id and ta.id = l.teaching_assignment_id
  join terms t on t.institution_id = ta.institution_id and t.id = ta.term_id
  where l.institution_id = ${institutionId} and t.academic_year_id = ${yearId}`;

const copiesOf = (institutionId: number, yearId: number, kind: 'journal' | 'consolidated') => sql`
  select c.id from certified_copies c
  where c.institution_id = ${institutionId} and c.kind = ${kind} and (c.params->>'termId')::int in (
    select id from terms where institution_id = ${institutionId} and academic_year_id = ${yearId})`;

async function holdings(db: Db, institutionId: number, yearId: number): Promise<YearHoldings> {
  const [row] = await queryRows<Record<keyof YearHoldings, number>>(
    db,
    sql`select
      (select count(*) from (${lessonsOf(institutionId, yearId)}) l)::int as lessons,
      (select count(*) from journal_cells c where c.institution_id = ${institutionId}
         and c.lesson_id in (${lessonsOf(institutionId, yearId)}))::int as cells,
      ((select count(*) from cell_changes c where c.institution_id = ${institutionId}
         and c.lesson_id in (${lessonsOf(institutionId, yearId)}))
       + (select count(*) from change_log c where c.institution_id = ${institutionId}
         and c.lesson_id in (${lessonsOf(institutionId, yearId)})))::int as "logRows",
      (select count(*) from (${copiesOf(institutionId, yearId, 'journal')}) c)::int as "journalCopies",
      (select count(*) from attestation_results r
         join teaching_assignments ta on ta.institution_id = r.institution_id and ta.id = r.teaching_assignment_id
         join terms t on t.institution_id = ta.institution_id and t.id = ta.term_id
         where r.institution_id = ${institutionId} and t.academic_year_id = ${yearId})::int as results,
      (select count(*) from (${copiesOf(institutionId, yearId, 'consolidated')}) c)::int as "sheetCopies"`,
  );
  return row!;
}

async function archiveOf(db: Db, institutionId: number, yearId: number): Promise<RetentionYear['archive']> {
  const [row] = await queryRows<{ id: number; status: string; copies: number }>(
    db,
    sql`select j.id, j.status, (select count(*) from certified_copies c where c.institution_id = j.institution_id
          and c.archive_year_id = ${yearId})::int as copies
        from report_jobs j where j.institution_id = ${institutionId} and j.kind = 'year-archive'
          and (j.params->>'yearId')::int = ${yearId}
        order by j.id desc limit 1`,
  );
  return row ? { jobId: row.id, status: row.status, copies: row.copies } : null;
}

const retentionOf = (actor: Actor, year: typeof academicYears.$inferSelect) =>
  yearRetention(
    {
      name: year.name,
      endsOn: year.endsOn,
      closed: year.closedAt !== null,
      purgedOn: year.journalPurgedAt ? todayIn(actor.timeZone, year.journalPurgedAt) : null,
    },
    todayOf(actor),
  );

/** The college's academic years, newest first, with what each holds and until when it is kept. */
export async function retentionOverview(db: Db, actor: Actor): Promise<RetentionYear[]> {
  const institutionId = institutionOf(actor, PERMISSION);
  const years = await db
    .select()
    .from(academicYears)
    .where(eq(academicYears.institutionId, institutionId))
    .orderBy(desc(academicYears.startsOn));
  return Promise.all(
    years.map(async (year) => ({
      id: year.id,
      name: year.name,
      endsOn: year.endsOn,
      closedAt: year.closedAt,
      purgedAt: year.journalPurgedAt,
      ...retentionOf(actor, year),
      holdings: await holdings(db, institutionId, year.id),
      archive: await archiveOf(db, institutionId, year.id),
    })),
  );
}

/**
 * Destroys the year's journal data, or (dry run) says what would be destroyed. Refused (400) for a year still kept, not
 * closed or already purged, and for a real run without the year's name typed; 403 for another college's year.
 */
export async function purgeJournalData(
  db: Db,
  actor: Actor,
  input: PurgeInput,
): Promise<{ holdings: YearHoldings; message: string }> {
  const institutionId = institutionOf(actor, PERMISSION);
  const [year] = await db
    .select()
    .from(academicYears)
    .where(and(eq(academicYears.institutionId, institutionId), eq(academicYears.id, input.yearId)));
  if (!year) throw outOfScope();
  const refusal = retentionOf(actor, year).purgeRefusal;
  if (refusal) throw badInput(refusal);
  const found = await holdings(db, institutionId, year.id);
  const what = `занятий — ${found.lessons}, ячеек с отметками и пропусками — ${found.cells}, строк журнала изменений — ${found.logRows}, заверенных распечаток журнала — ${found.journalCopies}`;
  const kept = `остаются результаты аттестации (${found.results}) и заверенные сводные ведомости (${found.sheetCopies})`;
  if (input.dryRun) return { holdings: found, message: `Проверка: будет удалено ${what}; ${kept}` };
  if (input.confirm !== year.name)
    throw badInput(`Подтверждение: введите название учебного года «${year.name}», чтобы удалить его данные журнала`);
  await inTransaction(db, async (tx) => {
    // The logs refuse deletion except in a transaction that says it is this one (migration 0021).
    await tx.execute(sql`set local ezh.retention_purge = 'on'`);
    await tx.execute(sql`delete from cell_changes where institution_id = ${institutionId}
      and lesson_id in (${lessonsOf(institutionId, year.id)})`);
    await tx.execute(sql`delete from change_log where institution_id = ${institutionId}
      and lesson_id in (${lessonsOf(institutionId, year.id)})`);
    // Journal cells go with their lessons (on delete cascade).
    await tx.execute(sql`delete from lessons where institution_id = ${institutionId}
      and id in (${lessonsOf(institutionId, year.id)})`);
    await tx.execute(sql`delete from certified_copies where institution_id = ${institutionId}
      and id in (${copiesOf(institutionId, year.id, 'journal')})`);
    await tx
      .update(academicYears)
      .set({ journalPurgedAt: new Date() })
      .where(and(eq(academicYears.institutionId, institutionId), eq(academicYears.id, year.id)));
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'retention',
      { yearId: year.id, name: year.name, ...found },
      { yearId: year.id, purged: true },
      `Уничтожение данных журнала ${year.name} по истечении 5 лет (п. 6.1 Положения)`,
    );
  });
  return { holdings: found, message: `Данные журнала ${year.name} удалены: ${what}; ${kept}` };
}
