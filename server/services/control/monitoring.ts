/**
 * Monitoring of journal keeping for a term (issue #13, item 1; regulation §5.2–5.4): every journal in the controller's
 * scope — the administrator and the methodist the college, the head of department the department — judged by the
 * rules of `domain/monitoring.ts`, with the counts per journal and per teacher, each teacher's last sign-in and last
 * entry. The facts are read in a handful of set-based statements that keep only what a rule could flag (lessons
 * lacking something or filled late, students short of grades, missing results once the term is over); the rules
 * themselves decide.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../../../db/client';
import { addDays, type IsoDate } from '../../../domain/dates';
import { attestationColumns } from '../../../domain/attestation';
import { dueHours } from '../../../domain/hours-delivered';
import { idSchema } from '../../../domain/ids';
import { MIN_GRADES_PER_TERM } from '../../../domain/journal-stats';
import {
  bySeverity,
  countFlags,
  emptyCounts,
  FILL_DAYS,
  isIssuable,
  monitoringFlags,
  type MonitoredJournal,
  type MonitoredStudent,
  type MonitoringFlag,
  type RuleCounts,
} from '../../../domain/monitoring';
import { compareByName, fullName, shortName } from '../../../domain/names';
import { todayOf, type Actor } from '../../policy/actor';
import { assignmentScope, institutionsFor } from '../../policy/scope';
import { openTerms, pickOpenTerm, type OpenTerm } from '../../queries/terms';
import { forbidden } from '../refusals';
import { scheduledHours } from '../timetable/hours';

export const PERMISSION = 'control.monitor';

export const monitoringInput = z.object({
  termId: idSchema.optional(),
  departmentId: idSchema.optional(),
  teacherId: idSchema.optional(),
  groupId: idSchema.optional(),
});
export type MonitoringInput = z.infer<typeof monitoringInput>;

export interface MonitoringJournalRow {
  assignmentId: number;
  title: string;
  groupId: number;
  group: string;
  departmentId: number | null;
  teacherId: number | null;
  teacher: string | null;
  plannedHours: number;
  heldHours: number;
  dueHours: number;
  lastEntryAt: string | null;
  /** Violations per rule. */
  counts: RuleCounts;
  /** Risks (rules judged at the term's end, while it lasts). */
  risks: number;
}

export interface MonitoringTeacherRow {
  teacherId: number | null;
  teacher: string;
  lastSignInAt: string | null;
  lastEntryAt: string | null;
  journals: number;
  /** Violations per rule. */
  counts: RuleCounts;
  /** Risks (rules judged at the term's end, while it lasts). */
  risks: number;
}

export type MonitoringFlagRow = MonitoringFlag & { subject: string; group: string; teacher: string | null };

export interface MonitoringReport {
  institutionId: number;
  timeZone: string;
  today: IsoDate;
  term: { id: number; name: string; startsOn: IsoDate; endsOn: IsoDate };
  terms: { id: number; name: string }[];
  /** The choices of the filters: everything in the actor's scope for the term. */
  departments: { id: number; name: string }[];
  teacherChoices: { id: number; name: string }[];
  groups: { id: number; name: string }[];
  journals: MonitoringJournalRow[];
  teachers: MonitoringTeacherRow[];
  /** Counts per rule over everything found, violations and risks. */
  totals: RuleCounts;
  /** Of `totals`, the risks per rule. */
  riskTotals: RuleCounts;
  /** The heat map: violations (and risks) per teacher (whom they concern; null — no teacher) and group. */
  heat: { teacherId: number | null; groupId: number; count: number; risks: number }[];
  /** Violations found in all; `flags` may hold only the first of them (see `shownFlags`). */
  flagCount: number;
  /** Of them, those a remark can be issued for. */
  fixableCount: number;
  /** The violations, the oldest first. */
  flags: MonitoringFlagRow[];
  /** Risks found in all; `risks` may hold only the first of them. */
  riskCount: number;
  /** The risks (domain/monitoring.ts `TERM_END_RULES` while the term lasts), the oldest first. */
  risks: MonitoringFlagRow[];
}

/** Flags a screen shows at once; the whole list is in the XLSX, and «all found» remarks are issued on the server. */
export const FLAGS_SHOWN = 300;

/** The report as the screen needs it: the counts whole, the flags cut to the oldest `FLAGS_SHOWN`. */
export function shownFlags(report: MonitoringReport): MonitoringReport {
  return { ...report, flags: report.flags.slice(0, FLAGS_SHOWN), risks: report.risks.slice(0, FLAGS_SHOWN) };
}

interface JournalFact {
  id: number;
  group_id: number;
  group_name: string;
  department_id: number | null;
  subgroup_id: number | null;
  subgroup_name: string | null;
  item_code: string;
  item_name: string;
  teacher_id: number | null;
  last_name: string | null;
  first_name: string | null;
  middle_name: string | null;
  planned_hours: number;
  form: string | null;
}

/** The term's monitoring for the actor's scope, filtered; a term outside the open year is refused (400). */
export async function monitoring(db: Db, actor: Actor, input: MonitoringInput): Promise<MonitoringReport> {
  const colleges = institutionsFor(actor, PERMISSION);
  if (colleges.length === 0) throw forbidden();
  const today = todayOf(actor);
  const list = await openTerms(db, colleges);
  const term = pickOpenTerm(list, today, input.termId);
  return monitorTerm(db, term, list, today, actor.timeZone, assignmentScope(actor, PERMISSION), input);
}

/**
 * The monitoring of the term's journals that `where` admits (a condition on `teaching_assignments`), filtered by
 * department, teacher and group; the filters' choices come from all the admitted journals.
 */
export async function monitorTerm(
  db: Db,
  term: OpenTerm,
  list: readonly OpenTerm[],
  today: IsoDate,
  timeZone: string,
  where: SQL,
  input: MonitoringInput = {},
): Promise<MonitoringReport> {
  const inst = term.institutionId;

  const all = await queryRows<JournalFact>(
    db,
    sql`select teaching_assignments.id, g.id as group_id, g.name as group_name, g.department_id,
          teaching_assignments.subgroup_id, sg.name as subgroup_name, ci.code as item_code, ci.name as item_name,
          teaching_assignments.teacher_user_id as teacher_id, u.last_name, u.first_name, u.middle_name,
          teaching_assignments.planned_hours,
          (select cit.attestation_form from curriculum_item_terms cit
           where cit.institution_id = g.institution_id and cit.curriculum_item_id = teaching_assignments.curriculum_item_id
             and cit.semester = (${Number(term.yearStart.slice(0, 4))} - g.admission_year) * 2 + ${term.number}) as form
        from teaching_assignments
        join groups g on g.institution_id = teaching_assignments.institution_id and g.id = teaching_assignments.group_id
        join curriculum_items ci on ci.institution_id = teaching_assignments.institution_id and ci.id = teaching_assignments.curriculum_item_id
        left join subgroups sg on sg.institution_id = teaching_assignments.institution_id and sg.id = teaching_assignments.subgroup_id
        left join users u on u.id = teaching_assignments.teacher_user_id
        where teaching_assignments.institution_id = ${inst} and teaching_assignments.term_id = ${term.id}
          and ${where}`,
  );
  const journals = all.filter(
    (j) =>
      (input.departmentId === undefined || j.department_id === input.departmentId) &&
      (input.teacherId === undefined || j.teacher_id === input.teacherId) &&
      (input.groupId === undefined || j.group_id === input.groupId),
  );
  const ids = journals.map((j) => j.id);
  // One text parameter, not a list of a thousand ids: the statements stay small and cheap to plan.
  const idList = sql`(select unnest(string_to_array(${ids.join(',')}, ',')::int[]))`;
  const termEnded = today > term.endsOn;
  const lastDay = termEnded ? term.endsOn : today;
  const hoursUntil = addDays(lastDay, -FILL_DAYS);
  const teacherOf = new Map(journals.map((j) => [j.id, j.teacher_id]));

  const [lessons, students, results, entries, signIns, extra, schedule] = await Promise.all([
    // Every lesson up to the last day, with what the rules and the held hours need (one probe of its cells each).
    queryRows<{
      id: number;
      assignment_id: number;
      date: string;
      hours: number;
      has_topic: boolean;
      has_homework: boolean;
      marked: boolean;
      taught_by: number | null;
      first_entry_on: string | null;
    }>(
      db,
      sql`with f as (select cc.lesson_id, min(cc.at) as at from cell_changes cc
            where cc.institution_id = ${inst} and cc.lesson_id in (select id from lessons
              where institution_id = ${inst} and teaching_assignment_id in ${idList} and date <= ${lastDay})
            group by cc.lesson_id)
          select l.id, l.teaching_assignment_id as assignment_id, l.date::text as date, l.hours,
            l.topic is not null as has_topic, l.homework is not null as has_homework, l.taught_by,
            exists (select 1 from journal_cells c where c.institution_id = l.institution_id and c.lesson_id = l.id
              and (c.attendance is not null or c.grade1 is not null or c.grade2 is not null)) as marked,
            (f.at at time zone i.time_zone)::date::text as first_entry_on
          from lessons l join institutions i on i.id = l.institution_id left join f on f.lesson_id = l.id
          where l.institution_id = ${inst} and l.teaching_assignment_id in ${idList} and l.date <= ${lastDay}`,
    ),
    // Students of each journal (its subgroup's, where it has one) with their grades, when short of 5 or, after the
    // term, for the attestation rule.
    queryRows<{
      assignment_id: number;
      id: number;
      last_name: string;
      first_name: string;
      middle_name: string | null;
      spans: { from: string; to: string | null }[] | string;
      grades: number;
    }>(
      db,
      sql`with g as (
            select l.teaching_assignment_id as ta, c.student_id,
              sum(coalesce(c.grade1 in ('5','4','3','2'), false)::int + coalesce(c.grade2 in ('5','4','3','2'), false)::int)::int as grades
            from lessons l join journal_cells c on c.institution_id = l.institution_id and c.lesson_id = l.id
            where l.institution_id = ${inst} and l.teaching_assignment_id in ${idList}
              and (c.grade1 is not null or c.grade2 is not null)
            group by 1, 2),
          r as (
            select ta.id as ta, m.student_id, json_agg(json_build_object('from', m.from_date, 'to', m.to_date)) as spans
            from teaching_assignments ta
            join group_memberships m on m.institution_id = ta.institution_id and m.group_id = ta.group_id
              and m.from_date <= ${term.endsOn} and (m.to_date is null or m.to_date >= ${term.startsOn})
            where ta.institution_id = ${inst} and ta.id in ${idList}
              and (ta.subgroup_id is null or exists (select 1 from subgroup_members sm
                where sm.institution_id = ta.institution_id and sm.subgroup_id = ta.subgroup_id and sm.student_id = m.student_id))
            group by ta.id, m.student_id)
          select r.ta as assignment_id, s.id, s.last_name, s.first_name, s.middle_name, r.spans, coalesce(g.grades, 0) as grades
          from r join students s on s.institution_id = ${inst} and s.id = r.student_id
          left join g on g.ta = r.ta and g.student_id = r.student_id
          where ${termEnded ? sql`true` : sql`false`} or coalesce(g.grades, 0) < ${MIN_GRADES_PER_TERM}`,
    ),
    queryRows<{ assignment_id: number; student_id: number; field: string; value: string }>(
      db,
      sql`select teaching_assignment_id as assignment_id, student_id, field, value from attestation_results
          where institution_id = ${inst} and teaching_assignment_id in ${idList}`,
    ),
    queryRows<{ assignment_id: number; at: string }>(
      db,
      sql`select teaching_assignment_id as assignment_id, max(created_at)::text as at from edit_batches
          where institution_id = ${inst} and teaching_assignment_id in ${idList} group by 1`,
    ),
    queryRows<{ id: number; last_sign_in_at: string | null; last_entry_at: string | null }>(
      db,
      sql`with teachers as (select distinct teacher_user_id as id from teaching_assignments
            where institution_id = ${inst} and id in ${idList} and teacher_user_id is not null),
          entries as (select user_id, max(created_at) as at from edit_batches
            where institution_id = ${inst} and user_id in (select id from teachers) group by user_id)
          select u.id, u.last_sign_in_at::text as last_sign_in_at, e.at::text as last_entry_at
          from users u join teachers t on t.id = u.id left join entries e on e.user_id = u.id`,
    ),
    queryRows<{ id: number; name: string; kind: 'department' }>(
      db,
      sql`select id, name, 'department' as kind from departments where institution_id = ${inst}`,
    ),
    scheduledHours(db, term, ids, term.startsOn, term.endsOn, hoursUntil, (id) => teacherOf.get(id) ?? null),
  ]);

  // Hours held: filled lessons whose date has come (server/queries/lesson-filled.ts).
  const heldOf = new Map<number, number>();
  for (const l of lessons)
    if (l.has_topic || l.has_homework || l.marked)
      heldOf.set(l.assignment_id, (heldOf.get(l.assignment_id) ?? 0) + Number(l.hours));
  const entryOf = new Map(entries.map((e) => [e.assignment_id, e.at]));
  const resultsOf = new Map<string, Record<string, string>>();
  const columnsOf = new Map(journals.map((j) => [j.id, attestationColumns(j.form)]));
  for (const r of results) {
    const header = columnsOf.get(r.assignment_id)?.find((c) => c.field === r.field)?.header;
    if (!header) continue;
    const key = `${r.assignment_id}:${r.student_id}`;
    resultsOf.set(key, { ...resultsOf.get(key), [header]: r.value });
  }
  const lessonsOf = groupBy(lessons, (l) => l.assignment_id);
  const studentsOf = groupBy(students, (s) => s.assignment_id);
  const titleOf = (j: JournalFact) => `${j.item_code} ${j.item_name}${j.subgroup_name ? ` (${j.subgroup_name})` : ''}`;
  const teacherName = (j: JournalFact) =>
    j.last_name ? shortName({ lastName: j.last_name, firstName: j.first_name ?? '', middleName: j.middle_name }) : null;
  const due = (j: JournalFact) =>
    dueHours(
      j.planned_hours,
      schedule.scheduled.get(j.id)?.until ?? 0,
      schedule.withTimetable.has(j.id),
      term,
      term.startsOn,
      hoursUntil,
    );

  const monitored: MonitoredJournal[] = journals.map((j) => ({
    assignmentId: j.id,
    title: titleOf(j),
    groupId: j.group_id,
    group: j.group_name,
    teacherId: j.teacher_id,
    lessons: (lessonsOf.get(j.id) ?? []).map((l) => ({
      id: l.id,
      date: l.date,
      hasTopic: l.has_topic,
      marked: l.marked,
      taughtBy: l.taught_by,
      firstEntryOn: l.first_entry_on,
    })),
    students: (studentsOf.get(j.id) ?? []).map((s): MonitoredStudent => ({
      id: s.id,
      name: shortName({ lastName: s.last_name, firstName: s.first_name, middleName: s.middle_name }),
      spans: (typeof s.spans === 'string'
        ? (JSON.parse(s.spans) as { from: string; to: string | null }[])
        : s.spans
      ).map((p) => ({ from: String(p.from).slice(0, 10), to: p.to === null ? null : String(p.to).slice(0, 10) })),
      grades: Number(s.grades),
      results: resultsOf.get(`${j.id}:${s.id}`) ?? {},
    })),
    attestation: (columnsOf.get(j.id) ?? []).map((c) => c.header),
    heldHours: heldOf.get(j.id) ?? 0,
    dueHours: due(j),
  }));
  const flags = monitoringFlags(monitored, term, today);

  const byId = new Map(journals.map((j) => [j.id, j]));
  const names = new Map<number, string>();
  for (const j of all) if (j.teacher_id !== null) names.set(j.teacher_id, teacherName(j)!);
  const heat = new Map<string, { teacherId: number | null; groupId: number; count: number; risks: number }>();
  for (const f of flags) {
    const groupId = byId.get(f.assignmentId)!.group_id;
    const key = `${f.teacherId}:${groupId}`;
    const cell = heat.get(key) ?? { teacherId: f.teacherId, groupId, count: 0, risks: 0 };
    if (f.severity === 'risk') cell.risks += 1;
    else cell.count += 1;
    heat.set(key, cell);
  }
  const flagRows: MonitoringFlagRow[] = flags.map((f) => {
    const j = byId.get(f.assignmentId)!;
    return {
      ...f,
      subject: titleOf(j),
      group: j.group_name,
      teacher: f.teacherId === null ? null : (names.get(f.teacherId) ?? null),
    };
  });
  const flagsOf = groupBy(flags, (f) => f.assignmentId);
  const journalRows: MonitoringJournalRow[] = monitored.map((m) => {
    const j = byId.get(m.assignmentId)!;
    const own = bySeverity(flagsOf.get(m.assignmentId) ?? []);
    return {
      assignmentId: m.assignmentId,
      title: m.title,
      groupId: m.groupId,
      group: m.group,
      departmentId: j.department_id,
      teacherId: j.teacher_id,
      teacher: teacherName(j),
      plannedHours: j.planned_hours,
      heldHours: m.heldHours,
      dueHours: m.dueHours,
      lastEntryAt: entryOf.get(m.assignmentId) ?? null,
      counts: countFlags(own.violations),
      risks: own.risks.length,
    };
  });

  // Per teacher: a flag counts for whom it concerns (a substitute's lesson for the substitute).
  const activity = new Map(signIns.map((s) => [s.id, s]));
  const teacherRows = new Map<number | null, MonitoringTeacherRow>();
  const rowOf = (id: number | null) => {
    let row = teacherRows.get(id);
    if (!row) {
      row = {
        teacherId: id,
        teacher: id === null ? 'Без преподавателя' : (names.get(id) ?? `№ ${id}`),
        lastSignInAt: id === null ? null : (activity.get(id)?.last_sign_in_at ?? null),
        lastEntryAt: id === null ? null : (activity.get(id)?.last_entry_at ?? null),
        journals: 0,
        counts: emptyCounts(),
        risks: 0,
      };
      teacherRows.set(id, row);
    }
    return row;
  };
  for (const j of journals) rowOf(j.teacher_id).journals += 1;
  for (const f of flags)
    if (f.severity === 'risk') rowOf(f.teacherId).risks += 1;
    else rowOf(f.teacherId).counts[f.rule] += 1;
  const oldestFirst = (a: MonitoringFlagRow, b: MonitoringFlagRow) =>
    a.since < b.since ? -1 : a.since > b.since ? 1 : 0;
  const { violations, risks } = bySeverity(flagRows.sort(oldestFirst));

  const departmentIds = new Set(all.map((j) => j.department_id));
  const unique = <T extends { id: number }>(items: T[]) => [...new Map(items.map((i) => [i.id, i])).values()];
  return {
    institutionId: inst,
    timeZone,
    today,
    term: { id: term.id, name: term.name, startsOn: term.startsOn, endsOn: term.endsOn },
    terms: list.filter((t) => t.institutionId === inst).map((t) => ({ id: t.id, name: t.name })),
    departments: extra.filter((d) => departmentIds.has(d.id)).map((d) => ({ id: d.id, name: d.name })),
    teacherChoices: unique(
      all
        .filter((j) => j.teacher_id !== null)
        .map((j) => ({
          id: j.teacher_id!,
          name: fullName({ lastName: j.last_name!, firstName: j.first_name ?? '', middleName: j.middle_name }),
          lastName: j.last_name!,
          firstName: j.first_name ?? '',
          middleName: j.middle_name,
        })),
    )
      .sort(compareByName)
      .map(({ id, name }) => ({ id, name })),
    groups: unique(all.map((j) => ({ id: j.group_id, name: j.group_name }))).sort((a, b) =>
      a.name.localeCompare(b.name, 'ru'),
    ),
    journals: journalRows.sort((a, b) => a.group.localeCompare(b.group, 'ru') || a.title.localeCompare(b.title, 'ru')),
    teachers: [...teacherRows.values()].sort((a, b) => a.teacher.localeCompare(b.teacher, 'ru')),
    totals: countFlags(flags),
    riskTotals: countFlags(risks),
    heat: [...heat.values()],
    flagCount: violations.length,
    fixableCount: violations.filter(isIssuable).length,
    flags: violations,
    riskCount: risks.length,
    risks,
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
