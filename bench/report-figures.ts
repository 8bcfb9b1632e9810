/**
 * The reports' figures (issue #12) on the college seed, over HTTP as the signed-in methodist:
 * - `printoutMs`: «Распечатка классного журнала» of the group with the most journals, all subjects, the autumn term
 *   (GET /api/reports/journal-printout: load, lay out, render the PDF) — target under 5 s; `printoutPages` its pages;
 * - `consolidatedSheetMs`: the consolidated sheet's figures of that group for the term (tRPC `reports.consolidated`:
 *   results, missed hours, indicators) next to `consolidatedSheetRawMs` — one hand-written SQL statement that
 *   aggregates the same figures (each student's result per item in the form's field, missed hours valid and not);
 *   `consolidatedSheetRatio` — target ≤ 3.
 */
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { queryRows, type Database } from '../db/client';
import type { HttpSession } from './app-server';
import { median } from './server-figures';
import { loadActor } from '../server/policy/actor';
import { appRouter } from '../server/routers';
import { createCallerFactory } from '../server/trpc/init';

export interface ReportFigures {
  printoutMs: number;
  printoutPages: number;
  printoutJournals: number;
  consolidatedSheetMs: number;
  /** The same query through the tRPC router in-process (no HTTP, no session): where the time goes. */
  consolidatedSheetServerMs: number;
  consolidatedSheetRawMs: number;
  consolidatedSheetRatio: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function measureReports(
  database: Database,
  url: string,
  methodist: HttpSession,
  runs: number,
): Promise<ReportFigures> {
  const [pick] = await queryRows<{ group_id: number; term_id: number; institution_id: number; journals: number }>(
    database.db,
    sql`select ta.group_id, ta.term_id, ta.institution_id, count(*)::int as journals
        from teaching_assignments ta join terms t on t.institution_id = ta.institution_id and t.id = ta.term_id
        where t.starts_on = '2026-09-01'
        group by ta.group_id, ta.term_id, ta.institution_id order by count(*) desc, ta.group_id limit 1`,
  );
  if (!pick) throw new Error('в базе нет журналов осеннего семестра');
  const query = `groupId=${pick.group_id}&termId=${pick.term_id}`;

  let pdf: Uint8Array = new Uint8Array();
  const printRuns = Math.min(runs, 3);
  const printTimes: number[] = [];
  for (let i = 0; i < printRuns; i++)
    printTimes.push(await time(async () => (pdf = await methodist.download(`/api/reports/journal-printout?${query}`))));
  const { totalPages } = await extractText(pdf, { mergePages: true });

  const input = { groupId: pick.group_id, termId: pick.term_id };
  await methodist.query('reports.consolidated', input);
  const sheetTimes: number[] = [];
  for (let i = 0; i < runs; i++) sheetTimes.push(await time(() => methodist.query('reports.consolidated', input)));

  const [m] = await queryRows<{ id: number }>(database.db, sql`select id from users where login = 'metodist'`);
  const caller = createCallerFactory(appRouter)({ db: database.db, actor: (await loadActor(database.db, m!.id))! });
  for (let i = 0; i < 3; i++) await caller.reports.consolidated(input); // warmed, as the HTTP figure's server is
  const serverTimes: number[] = [];
  for (let i = 0; i < runs; i++) serverTimes.push(await time(() => caller.reports.consolidated(input)));

  const raw = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rawSheet = () => raw`
      with j as (
        select ta.id, ta.curriculum_item_id, cit.attestation_form as form
        from teaching_assignments ta
        join terms t on t.institution_id = ta.institution_id and t.id = ta.term_id
        join academic_years y on y.institution_id = t.institution_id and y.id = t.academic_year_id
        join groups g on g.institution_id = ta.institution_id and g.id = ta.group_id
        left join curriculum_item_terms cit on cit.institution_id = ta.institution_id
          and cit.curriculum_item_id = ta.curriculum_item_id
          and cit.semester = (extract(year from y.starts_on)::int - g.admission_year) * 2 + t.number
        where ta.institution_id = ${pick.institution_id} and ta.group_id = ${pick.group_id} and ta.term_id = ${pick.term_id}
      ), res as (
        select r.student_id, json_object_agg(j.curriculum_item_id, r.value) as results
        from attestation_results r join j on j.id = r.teaching_assignment_id
        where r.institution_id = ${pick.institution_id}
          and r.field = case j.form when 'Э' then 'exam' when 'ЭК' then 'qual' when 'ДЗ' then 'dz' when 'З' then 'credit'
            when 'КП' then 'kp' else 'sem' end
        group by r.student_id
      ), missed as (
        select c.student_id, sum(l.hours) as missed, sum(l.hours) filter (where a.is_valid) as missed_valid
        from lessons l join journal_cells c on c.institution_id = l.institution_id and c.lesson_id = l.id
        join attendance_codes a on a.institution_id = c.institution_id and a.code = c.attendance and a.is_absence
        where l.institution_id = ${pick.institution_id} and l.teaching_assignment_id in (select id from j)
        group by c.student_id
      )
      select m.student_id, res.results, missed.missed, missed.missed_valid
      from (select distinct student_id from group_memberships where institution_id = ${pick.institution_id}
        and group_id = ${pick.group_id}) m
      left join res on res.student_id = m.student_id left join missed on missed.student_id = m.student_id`;
    await rawSheet();
    const rawTimes: number[] = [];
    for (let i = 0; i < runs; i++) rawTimes.push(await time(() => rawSheet()));
    const sheetMs = round(median(sheetTimes));
    const rawMs = round(median(rawTimes));
    return {
      printoutMs: Math.round(median(printTimes)),
      printoutPages: totalPages,
      printoutJournals: pick.journals,
      consolidatedSheetMs: sheetMs,
      consolidatedSheetServerMs: round(median(serverTimes)),
      consolidatedSheetRawMs: rawMs,
      consolidatedSheetRatio: round(sheetMs / rawMs),
    };
  } finally {
    await raw.end();
  }
}
