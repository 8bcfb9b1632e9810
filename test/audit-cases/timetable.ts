/** The audit walk's cases (test/audit-cases/shared.ts): the timetable — setup, the week, dated changes, publishing. */
import { desc, eq, isNotNull, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { lessons, timetableChanges } from '../../db/schema';
import type { AuditArea } from './shared';

/** A Saturday of the autumn term: the fixtures' draft placements are on its pair 1. */
const SATURDAY = '2026-12-12';

export const timetableCases: AuditArea = (fx, made) => {
  const db = () => fx.database.db;
  const lastChange = async () =>
    (
      await db().select({ id: timetableChanges.id }).from(timetableChanges).orderBy(desc(timetableChanges.id)).limit(1)
    )[0]!.id;
  /** Two pairs of one weekday, both free for the journal's group and teacher (and not marked unavailable), on a day the group has at most 3 pairs. */
  const freePairs = () =>
    queryRows<{ weekday: number; pair: number }>(
      db(),
      sql`with j as (select group_id, teacher_user_id, term_id from teaching_assignments where id = ${fx.journalId}),
        taken as (select e.weekday, e.pair_no, ta.group_id = j.group_id as own from timetable_entries e
          join teaching_assignments ta on ta.institution_id = e.institution_id and ta.id = e.teaching_assignment_id
          join j on ta.term_id = j.term_id and (ta.group_id = j.group_id or ta.teacher_user_id = j.teacher_user_id)
          where e.removed_at is null
          union all select u.weekday, u.pair_no, false from teacher_unavailability u join j on u.user_id = j.teacher_user_id),
        day as (select d as weekday from generate_series(1, 5) d
          where (select count(distinct pair_no) from taken t where t.weekday = d and t.own) <= 3
          order by d limit 1)
        select day.weekday, p as pair from day, generate_series(1, 6) p
        where not exists (select 1 from taken t where t.weekday = day.weekday and t.pair_no = p)
        order by p limit 2`,
    );
  return [
    {
      name: 'saveBellsAction (Saturday)',
      role: 'methodist',
      form: () => ({ dayKind: 'saturday', start1: '08:30', end1: '10:00', start2: '10:10', end2: '11:40' }),
    },
    {
      name: 'saveRoomAction (a new room)',
      role: 'methodist',
      form: () => ({ number: '501', building: '2', seats: '30', kind: 'computer', inUse: 'on' }),
    },
    {
      name: 'setCalendarAction (May holidays)',
      role: 'methodist',
      form: () => ({ fromDate: '2027-05-01', toDate: '2027-05-03', kind: 'holiday' }),
    },
    {
      name: 'setGroupPeriodAction (practice)',
      role: 'methodist',
      form: () => ({
        groupId: String(fx.curatorGroupId),
        fromDate: '2027-04-05',
        toDate: '2027-04-17',
        kind: 'practice',
      }),
    },
    {
      name: 'saveUnavailabilityAction',
      role: 'methodist',
      form: () => ({ userId: String(fx.actors.teacher.userId), p1_1: 'on' }),
    },
    {
      name: 'timetable.place',
      role: 'methodist',
      // The demo's week is full (issue #29, item 1): two pairs of a weekday its group and teacher have free.
      prepare: async () => {
        const [first, second] = await freePairs();
        Object.assign(made, { weekday: first!.weekday, pair: first!.pair, movedPair: second!.pair });
      },
      call: (c) =>
        c.timetable.place({ assignmentId: fx.journalId, weekday: made.weekday!, pairNo: made.pair!, roomId: null }),
      keep: (r) => (made.entry = (r as { entryId: number }).entryId),
    },
    {
      name: 'timetable.move',
      role: 'methodist',
      call: (c) =>
        c.timetable.move({ entryId: made.entry!, weekday: made.weekday!, pairNo: made.movedPair!, roomId: null }),
      keep: (r) => (made.entry = (r as { entryId: number }).entryId),
    },
    { name: 'timetable.remove', role: 'methodist', call: (c) => c.timetable.remove({ entryId: made.entry! }) },
    { name: 'publishTimetableAction (the drafts)', role: 'methodist', form: () => ({}) },
    {
      name: 'changeTimetableAction (an extra lesson)',
      role: 'methodist',
      form: () => ({
        kind: 'extra',
        assignmentId: String(fx.journalId),
        toDate: SATURDAY,
        toPairNo: '2',
        reason: 'Отработка',
      }),
    },
    {
      name: 'changeTimetableAction (undone)',
      role: 'methodist',
      prepare: async () => void (made.change = await lastChange()),
      form: () => ({ kind: 'revert', changeId: String(made.change), reason: 'Отработка не нужна' }),
    },
    {
      name: 'changeTimetableAction (a substitute)',
      role: 'head',
      prepare: async () => {
        // A teacher of the college with nothing in the timetable (free on that pair).
        const [free] = await queryRows<{ id: number }>(
          db(),
          sql`select distinct ta.teacher_user_id as id from teaching_assignments ta
              where ta.teacher_user_id is not null and ta.teacher_user_id <> ${fx.actors.teacher.userId}
                and not exists (select 1 from timetable_entries te join teaching_assignments t2
                                  on t2.id = te.teaching_assignment_id where t2.teacher_user_id = ta.teacher_user_id)
              order by 1 limit 1`,
        );
        made.substitute = free!.id;
      },
      form: () => ({
        kind: 'substitute',
        targetKey: `e${fx.ownPlacement}@${SATURDAY}`,
        substituteId: String(made.substitute),
        reason: 'Преподаватель на курсах',
      }),
    },
    {
      name: 'changeTimetableAction (cancelled)',
      role: 'methodist',
      form: () => ({ kind: 'cancel', targetKey: `e${fx.ownPlacement}@2026-12-19`, reason: 'Преподаватель болен' }),
    },
    {
      name: 'changeTimetableAction (moved)',
      role: 'methodist',
      form: () => ({
        kind: 'move',
        targetKey: `e${fx.ownPlacement}@2026-12-26`,
        toDate: '2026-12-21',
        toPairNo: '5',
        reason: 'Аудитория занята',
      }),
    },
    {
      name: 'timetable.generateLessons (a lesson of the timetable deleted by hand comes back)',
      role: 'methodist',
      prepare: async () => {
        const [lesson] = await db()
          .select({ id: lessons.id })
          .from(lessons)
          .where(
            sql`${isNotNull(lessons.timetableKey)} and not exists (select 1 from journal_cells c where c.lesson_id = ${lessons.id})`,
          )
          .limit(1);
        await db().delete(lessons).where(eq(lessons.id, lesson!.id));
      },
      call: (c) => c.timetable.generateLessons({ termId: fx.termId, after: 0 }),
    },
    { name: 'createCalendarFeedAction', role: 'teacher', form: () => ({}) },
    { name: 'revokeCalendarFeedAction', role: 'teacher', form: () => ({}) },
  ];
};
