/**
 * Control and family figures (issue #13) on the college seed, over HTTP:
 * - `monitoringMs`: the monitoring of the whole college — every rule, every journal of the current term — as the
 *   signed-in methodist (tRPC `control.monitoring`), target under 1 s; `monitoringServerMs` the same call in-process;
 *   `monitoringRawMs`: one hand-written SQL statement counting the same per journal (lessons left empty or without a
 *   topic after 3 days, lessons filled late, students short of their scaled 5 grades, hours held) — the hours due by the
 *   published timetable are left to the application, as no single statement expands a timetable into dates;
 *   `monitoringRatio` — target ≤ 3. `monitoringFlags`: how many flags it found.
 * - `familyPageHttpMs`: the parent's home page (the family portal, HTML) as the signed-in demo parent, target < 100 ms.
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
  type Report = { journals: unknown[]; flags: unknown[]; term: { id: number; startsOn: string; endsOn: string } };
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
      ), l as (
        select l.teaching_assignment_id as jid, l.date, l.hours, l.topic is not null as topic,
          exists (select 1 from journal_cells c where c.institution_id = l.institution_id and c.lesson_id = l.id
            and (c.attendance is not null or c.grade1 is not null or c.grade2 is not null)) as marked,
          (select min(cc.at)::date from cell_changes cc where cc.institution_id = l.institution_id and cc.lesson_id = l.id) as first_on
        from lessons l join j on j.institution_id = l.institution_id and j.id = l.teaching_assignment_id
        where l.date <= ${last}::date
      ), lc as (
        select jid,
          count(*) filter (where date < ${last}::date - 3 and not topic and not marked) as unfilled,
          count(*) filter (where date < ${last}::date - 3 and not topic and marked) as no_topic,
          count(*) filter (where first_on > date + 3) as late,
          coalesce(sum(hours) filter (where topic or marked), 0) as held
        from l group by jid
      ), s as (
        select j.id as jid, m.student_id,
          greatest(min(m.from_date), ${term.startsOn}::date) as start,
          (select count(*) filter (where c.grade1 in ('5','4','3','2')) + count(*) filter (where c.grade2 in ('5','4','3','2'))
             from journal_cells c join lessons x on x.institution_id = c.institution_id and x.id = c.lesson_id
            where x.institution_id = j.institution_id and x.teaching_assignment_id = j.id and c.student_id = m.student_id) as grades
        from j join group_memberships m on m.institution_id = j.institution_id and m.group_id = j.group_id
          and m.from_date <= ${term.endsOn}::date and (m.to_date is null or m.to_date >= ${last}::date)
        where j.subgroup_id is null or exists (select 1 from subgroup_members sm where sm.institution_id = j.institution_id
          and sm.subgroup_id = j.subgroup_id and sm.student_id = m.student_id)
        group by j.id, j.institution_id, m.student_id
      ), sc as (
        select jid, count(*) filter (where grades < floor(5.0 * (${last}::date - start + 1) / (${term.endsOn}::date - start + 1))) as short
        from s group by jid
      )
      select j.id, lc.unfilled, lc.no_topic, lc.late, lc.held, sc.short
      from j left join lc on lc.jid = j.id left join sc on sc.jid = j.id`;
    await rawCounts();
    const rawTimes: number[] = [];
    for (let i = 0; i < runs; i++) rawTimes.push(await time(() => rawCounts()));

    let familyPageHttpMs: number | null = null;
    if (parent) {
      await parent.download('/');
      const pageTimes: number[] = [];
      for (let i = 0; i < runs; i++) pageTimes.push(await time(() => parent.download('/')));
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
      monitoringFlags: first.flags.length,
      familyPageHttpMs,
    };
  } finally {
    await raw.end();
  }
}
