/**
 * The timetable's figures (issue #11) on the college seed, over HTTP as the signed-in methodist:
 * - `timetablePlaceMs`: placing one lesson with every conflict check (tRPC `timetable.place`), next to
 *   `timetablePlaceRawMs` — the same checks (teacher, room, group on the pair, the group's pairs that day, a free room
 *   that seats the group) and the same insert with its change-log rows as hand-written SQL in one transaction;
 * - `timetableWeekCheckMs`: the whole college's collision scan of the term's week (tRPC `timetable.collisions`);
 * - `termLessonsGenerateMs`: generating the term's lessons of every journal from the published timetable (tRPC
 *   `timetable.generateLessons`, step after step as the page runs it), once; undone afterwards.
 * Each placement is taken back (untimed) before the next, so every run places into the same free Saturday pair.
 */
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client';
import { median } from './server-figures';
import type { HttpSession } from './app-server';
import { loadActor } from '../server/policy/actor';
import { createCallerFactory } from '../server/trpc/init';
import { appRouter } from '../server/routers';

export interface TimetableFigures {
  timetablePlaceMs: number;
  /** The same placement through the tRPC router in-process (no HTTP, no session): where the time goes. */
  timetablePlaceServerMs: number;
  timetablePlaceRawMs: number;
  timetablePlaceRatio: number;
  timetableWeekCheckMs: number;
  timetableEntries: number;
  timetableCollisions: number;
  /** Generating the term's journal lessons from the published timetable, whole college, step by step over HTTP. */
  termLessonsGenerateMs: number;
  termLessonsGenerateSteps: number;
  termLessonsCreated: number;
}

/**
 * Takes the journals back to before any generation (untimed): lessons made from the timetable and still empty are
 * deleted, the others unlinked. Bench database only: it bypasses the change log.
 */
async function resetGenerated(raw: postgres.Sql, termId: number) {
  await raw`delete from lessons l using teaching_assignments ta
    where ta.institution_id = l.institution_id and ta.id = l.teaching_assignment_id and ta.term_id = ${termId}
      and l.timetable_key is not null and l.topic is null and l.homework is null
      and not exists (select 1 from journal_cells c where c.institution_id = l.institution_id and c.lesson_id = l.id
        and (c.attendance is not null or c.grade1 is not null or c.grade2 is not null))`;
  await raw`update lessons l set timetable_key = null, taught_by = null from teaching_assignments ta
    where ta.institution_id = l.institution_id and ta.id = l.teaching_assignment_id and ta.term_id = ${termId}
      and l.timetable_key is not null`;
}

const round = (x: number) => Math.round(x * 100) / 100;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function measureTimetable(
  database: Database,
  url: string,
  methodist: HttpSession,
  runs: number,
): Promise<TimetableFigures> {
  const db = database.db;
  // A whole-group journal of the current autumn term with a teacher; Saturday's first pair is free in the seed.
  const [pick] = await queryRows<{
    id: number;
    institution_id: number;
    term_id: number;
    group_id: number;
    teacher_user_id: number;
    methodist: number;
  }>(
    db,
    sql`select ta.id, ta.institution_id, ta.term_id, ta.group_id, ta.teacher_user_id,
          (select id from users where login = 'metodist') as methodist
        from teaching_assignments ta join terms t on t.institution_id = ta.institution_id and t.id = ta.term_id
        where t.starts_on = '2026-09-01' and ta.subgroup_id is null and ta.teacher_user_id is not null
          and exists (select 1 from timetable_entries e where e.teaching_assignment_id = ta.id)
        order by ta.id limit 1`,
  );
  if (!pick) throw new Error('в базе нет расписания: заполните её масштабом college');
  const slot = { weekday: 6, pairNo: 1 };
  const raw = postgres(url, { max: 2, onnotice: () => {} });

  const place = async () => {
    let entryId = 0;
    const ms = await time(async () => {
      const placed = await methodist.mutate<{ entryId: number }>('timetable.place', {
        assignmentId: pick.id,
        ...slot,
        parity: 'every',
      });
      entryId = placed.entryId;
    });
    await methodist.mutate('timetable.remove', { entryId });
    return ms;
  };

  const actor = (await loadActor(db, pick.methodist))!;
  const caller = createCallerFactory(appRouter)({ db, actor });
  const serverPlace = async () => {
    let entryId = 0;
    const ms = await time(async () => {
      entryId = (await caller.timetable.place({ assignmentId: pick.id, ...slot, parity: 'every' })).entryId;
    });
    await caller.timetable.remove({ entryId });
    return ms;
  };

  const rawPlace = async () => {
    let entryId = 0;
    const ms = await time(() =>
      raw.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(1101, ${pick.institution_id})`;
        const [check] = await tx<{ teacher: number; group_busy: number; day_pairs: number; room: number | null }[]>`
          with slot as (
            select e.pair_no, e.room_id, ta.group_id, ta.teacher_user_id from timetable_entries e
            join teaching_assignments ta on ta.institution_id = e.institution_id and ta.id = e.teaching_assignment_id
            where e.institution_id = ${pick.institution_id} and ta.term_id = ${pick.term_id} and e.removed_at is null
              and e.weekday = ${slot.weekday} and (e.pair_no = ${slot.pairNo} or ta.group_id = ${pick.group_id})
          ), size as (
            select count(*) as n from group_memberships m where m.institution_id = ${pick.institution_id}
              and m.group_id = ${pick.group_id} and m.to_date is null
          )
          select
            (select count(*) from slot where pair_no = ${slot.pairNo} and teacher_user_id = ${pick.teacher_user_id})::int as teacher,
            (select count(*) from slot where pair_no = ${slot.pairNo} and group_id = ${pick.group_id})::int as group_busy,
            (select count(distinct pair_no) from slot where group_id = ${pick.group_id})::int as day_pairs,
            (select r.id from rooms r, size where r.institution_id = ${pick.institution_id} and r.in_use and r.seats >= size.n
               and r.id not in (select room_id from slot where pair_no = ${slot.pairNo} and room_id is not null)
             order by r.seats, r.id limit 1) as room`;
        if (check!.teacher || check!.group_busy) throw new Error('пара занята');
        const [entry] = await tx<{ id: number }[]>`
          insert into timetable_entries (institution_id, teaching_assignment_id, weekday, pair_no, parity, room_id, created_by)
          values (${pick.institution_id}, ${pick.id}, ${slot.weekday}, ${slot.pairNo}, 'every', ${check!.room}, ${pick.methodist})
          returning id`;
        const [batch] = await tx<{ id: number }[]>`
          insert into edit_batches (institution_id, user_id, source, reason)
          values (${pick.institution_id}, ${pick.methodist}, 'admin', 'Расписание: занятие поставлено') returning id`;
        await tx`insert into change_log (institution_id, batch_id, entity, before, after, user_id)
          values (${pick.institution_id}, ${batch!.id}, 'timetable_entry', null, ${tx.json({ id: entry!.id })}, ${pick.methodist})`;
        entryId = entry!.id;
      }),
    );
    await raw`update timetable_entries set removed_at = now(), removed_by = ${pick.methodist} where id = ${entryId}`;
    return ms;
  };

  for (let i = 0; i < 3; i++) {
    await place();
    await serverPlace();
    await rawPlace();
  }
  const http: number[] = [];
  const inProcess: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < runs; i++) {
    http.push(await place());
    inProcess.push(await serverPlace());
    direct.push(await rawPlace());
  }
  const checks: number[] = [];
  let collisions = 0;
  for (let i = 0; i < Math.max(5, Math.ceil(runs / 3)); i++)
    checks.push(
      await time(async () => {
        const r = await methodist.query<{ collisions: unknown[] }>('timetable.collisions', { termId: pick.term_id });
        collisions = r.collisions.length;
      }),
    );
  // The whole term's generation, once: the steps the methodist's page makes, one after another, as it shows progress.
  await resetGenerated(raw, pick.term_id);
  let steps = 0;
  let created = 0;
  const generateMs = await time(async () => {
    let after: number | null = 0;
    while (after !== null) {
      const step: { next: number | null; created: number } = await methodist.mutate('timetable.generateLessons', {
        termId: pick.term_id,
        after,
      });
      steps += 1;
      created += step.created;
      after = step.next;
    }
  });
  await resetGenerated(raw, pick.term_id);
  const [count] = await raw<{ n: number }[]>`
    select count(*)::int as n from timetable_entries e join teaching_assignments ta on ta.id = e.teaching_assignment_id
    where ta.term_id = ${pick.term_id} and e.removed_at is null`;
  await raw.end();
  const placeMs = median(http);
  const rawMs = median(direct);
  return {
    timetablePlaceMs: round(placeMs),
    timetablePlaceServerMs: round(median(inProcess)),
    timetablePlaceRawMs: round(rawMs),
    timetablePlaceRatio: round(placeMs / rawMs),
    timetableWeekCheckMs: round(median(checks)),
    timetableEntries: count!.n,
    timetableCollisions: collisions,
    termLessonsGenerateMs: Math.round(generateMs),
    termLessonsGenerateSteps: steps,
    termLessonsCreated: created,
  };
}
