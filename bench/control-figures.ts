/**
 * Control and family figures (issue #13) on the college seed, over HTTP:
 * - `monitoringMs`: the monitoring of the whole college — every rule, every journal of the current term — as the
 *   signed-in methodist (tRPC `control.monitoring`), target under 1 s; `monitoringServerMs` the same call in-process;
 *   `monitoringRawMs`: one hand-written SQL statement counting the same per journal (lessons left empty or without a
 *   topic after 3 days, lessons filled late, students short of their scaled 5 grades, hours held) — the hours due by the
 *   published timetable are left to the application, as no single statement expands a timetable into dates;
 *   `monitoringRatio` — target ≤ 3. `monitoringFlags`: how many flags it found.
 * - `familyPageHttpMs`: the family portal (`/family`, HTML: the first child's subjects for the term) as the signed-in
 *   demo parent, target < 100 ms.
 */
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client';
import { todayIn } from '../domain/dates';
import { loadActor } from '../server/policy/actor';
import { appRouter } from '../server/routers';
import { createCallerFactory } from '../server/trpc/init';
import type { HttpSession } from './app-server';
import { median } from './server-figures';

export interface ControlFigures {
  monitoringMs: number;
  monitoringServerMs: number;
  monitoringRawMs: number;
  monitoringRatio: number;
  monitoringJournals: number;
  monitoringFlags: number;
  familyPageHttpMs: number | null;
}

const round = (x: number) => Math.round(x * 100) / 100;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function measureControl(
  database: Database,
  url: string,
  methodist: HttpSession,
  parent: HttpSession | null,
  runs: number,
): Promise<ControlFigures> {
  type Report = { journals: unknown[]; flagCount: number; term: { id: number; startsOn: string; endsOn: string } };
  const first = await methodist.query<Report>('control.monitoring', {});
  const httpTimes: number[] = [];
  for (let i = 0; i < runs; i++) httpTimes.push(await time(() => methodist.query('control.monitoring', {})));

  const [m] = await queryRows<{ id: number }>(database.db, sql`select id from users where login = 'metodist'`);
  const actor = (await loadActor(database.db, m!.id))!;
  const caller = createCallerFactory(appRouter)({ db: database.db, actor });
  const serverTimes: number[] = [];
  for (let i = 0; i < runs; i++) serverTimes.push(await time(() => caller.control.monitoring({})));

  const today = todayIn(actor.timeZone);
  const { term } = first;
  const last = today > term.endsOn ? term.endsOn : today;
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rawCounts = () => raw`
      with j as (
        select ta.id, ta.institution_id, ta.group_id, ta.subgroup_id from teaching_assignments ta
        where ta.institution_id = ${actor.institutionId} and ta.term_id = ${term.id}
      ), f as (
        select cc.lesson_id, min(cc.at)::date as first_on from cell_changes cc
        where cc.institution_id = ${actor.institutionId} group by cc.lesson_id
      ), l as (
        select l.teaching_assignment_id as jid, l.date, l.hours, l.topic is not null as topic,
          exists (select 1 from journal_cells c where c.institution_id = l.institution_id and c.lesson_id = l.id
            and (c.attendance is not null or c.grade1 is not null or c.grade2 is not null)) as marked, f.first_on
        from lessons l left join f on f.lesson_id = l.id
        where l.institution_id = ${actor.institutionId} and l.teaching_assignment_id in (select id from j)
          and l.date <= ${last}::date
      ), lc as (
        select jid,
          count(*) filter (where date < ${last}::date - 3 and not topic and not marked) as unfilled,
          count(*) filter (where date < ${last}::date - 3 and not topic and marked) as no_topic,
          count(*) filter (where first_on > date + 3) as late,
          coalesce(sum(hours) filter (where topic or marked), 0) as held
        from l group by jid
      ), g as (
        select l.teaching_assignment_id as jid, c.student_id,
          sum(coalesce(c.grade1 in ('5','4','3','2'), false)::int + coalesce(c.grade2 in ('5','4','3','2'), false)::int) as grades
        from lessons l join journal_cells c on c.institution_id = l.institution_id and c.lesson_id = l.id
        where l.institution_id = ${actor.institutionId} and l.teaching_assignment_id in (select id from j)
          and (c.grade1 is not null or c.grade2 is not null)
        group by 1, 2
      ), s as (
        select j.id as jid, m.student_id, greatest(min(m.from_date), ${term.startsOn}::date) as start
        from j join group_memberships m on m.institution_id = j.institution_id and m.group_id = j.group_id
          and m.from_date <= ${term.endsOn}::date and (m.to_date is null or m.to_date >= ${last}::date)
        where j.subgroup_id is null or exists (select 1 from subgroup_members sm where sm.institution_id = j.institution_id
          and sm.subgroup_id = j.subgroup_id and sm.student_id = m.student_id)
        group by j.id, m.student_id
      ), sc as (
        select s.jid, count(*) filter (where coalesce(g.grades, 0)
          < floor(5.0 * (${last}::date - s.start + 1) / (${term.endsOn}::date - s.start + 1))) as short
        from s left join g on g.jid = s.jid and g.student_id = s.student_id group by s.jid
      )
      select j.id, lc.unfilled, lc.no_topic, lc.late, lc.held, sc.short
      from j left join lc on lc.jid = j.id left join sc on sc.jid = j.id`;
    await rawCounts();
    const rawTimes: number[] = [];
    for (let i = 0; i < runs; i++) rawTimes.push(await time(() => rawCounts()));

    let familyPageHttpMs: number | null = null;
    if (parent) {
      await parent.download('/family');
      const pageTimes: number[] = [];
      for (let i = 0; i < runs; i++) pageTimes.push(await time(() => parent.download('/family')));
      familyPageHttpMs = round(median(pageTimes));
    }
    const httpMs = round(median(httpTimes));
    const rawMs = round(median(rawTimes));
    return {
      monitoringMs: httpMs,
      monitoringServerMs: round(median(serverTimes)),
      monitoringRawMs: rawMs,
      monitoringRatio: round(httpMs / rawMs),
      monitoringJournals: first.journals.length,
      monitoringFlags: first.flagCount,
      familyPageHttpMs,
    };
  } finally {
    await raw.end();
  }
}
