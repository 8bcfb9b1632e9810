/**
 * The region's view (issue #27, item 3): one row of aggregates per college for a period — students, успеваемость,
 * качество, СОУ, journal-keeping flags by kind, hours delivered against the plan, journals — and no person's data.
 * Scope: `region.indicators` (the regional administrator: every college; an inspector: the colleges of the grants),
 * filtered in SQL by `institutionScope`.
 *
 * The period: by default each college's current term of its open year, as its own pages pick it (`pickOpenTerm`) on
 * the college's own «today» (its time zone: a deployment spans Kaliningrad…Kamchatka); or the term of an academic
 * year and number (`2026-1`) in every college. Everything is aggregated in the database, over all the colleges at
 * once: a handful of statements whatever their number, each college with its own term and day as a row of `p`.
 *
 * The figures are those the college's own pages give for the same term and day (server/services/region/
 * indicators.test.ts compares them):
 * - успеваемость, качество: the consolidated sheets' group totals (domain/indicators.ts `standingOf`,
 *   `standingTotals`) over every group with a journal in the term, pooled: students by standing, N their sum;
 * - СОУ: the sheets' graded columns pooled (`tallyIndicators` of the summed tallies);
 * - flags: the monitoring's violations (domain/monitoring.ts; risks are not counted) over every journal of the term,
 *   counted per college —
 *   `unfilledLesson`, `noTopic`, `lateEntry`, `shortOfGrades`, `noAttestation`. Their SQL restates the rules'
 *   conditions with the rules' own constants; `hoursBehind` is left out: its «due» is the published timetable laid
 *   out into dates in the application (`scheduledHours`, ≈0.25 s a college), which no statement over the region
 *   can do — the hours columns stand for it;
 * - hours: the hours report's total row (server/services/timetable/hours.ts): plan, held (`lessonFilled` lessons of
 *   the term up to the college's today), `deliveredPercent`.
 *
 * Small cells: a college with fewer than `SMALL_CELL` students counted gets its student-derived figures (the
 * indicators, `shortOfGrades`, `noAttestation`) withheld (domain/region-view.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../../../db/client';
import { FORM_COLUMNS } from '../../../domain/attestation';
import { todayIn, type IsoDate } from '../../../domain/dates';
import { deliveredPercent } from '../../../domain/hours-delivered';
import {
  emptyStandings,
  emptyTally,
  EXEMPT,
  FAIL_CREDITS,
  NOT_ATTESTED,
  PASS_CREDITS,
  standingOf,
  standingTotals,
  tallyIndicators,
  type ResultTally,
} from '../../../domain/indicators';
import { MIN_GRADES_PER_TERM } from '../../../domain/journal-stats';
import { FILL_DAYS } from '../../../domain/monitoring';
import {
  periodLabel,
  REGION_RULES,
  SMALL_CELL,
  STUDENT_RULES,
  type RegionCollegeRow,
  type RegionReport,
  type RegionRule,
} from '../../../domain/region-view';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/actor';
import { institutionScope } from '../../policy/scope';
import { lessonFilled } from '../../queries/lesson-filled';
import { pickOpenTerm, type OpenTerm } from '../../queries/terms';
import { forbidden } from '../refusals';

export const PERMISSION = 'region.indicators';

export const regionInput = z.object({
  /** «2026-1»: the academic year starting in 2026, its 1st term; absent — each college's current term. */
  period: z
    .string()
    .regex(/^\d{4}-[1-4]$/, 'Период: учебный год и номер семестра, например 2026-1')
    .optional(),
});
export type RegionInput = z.infer<typeof regionInput>;

interface TermRow {
  inst: number;
  short_name: string;
  city: string | null;
  time_zone: string;
  term_id: number | null;
  term_name: string | null;
  number: number | null;
  starts_on: string | null;
  ends_on: string | null;
  locked: boolean | null;
  year_starts_on: string | null;
  year_name: string | null;
  closed: boolean | null;
}

/** One college's term and day: a row of the statements' `p`. */
interface CollegePeriod {
  inst: number;
  term: OpenTerm & { yearName: string };
  today: IsoDate;
}

const periodKey = (yearStartsOn: string, number: number) => `${yearStartsOn.slice(0, 4)}-${number}`;

/** The region's rows for the actor's colleges; 403 without the permission. `now` decides each college's today. */
export async function regionIndicators(
  db: Db,
  actor: Actor,
  input: RegionInput,
  now: Date = new Date(),
): Promise<RegionReport> {
  if (!can(actor, PERMISSION)) throw forbidden();
  const terms = await queryRows<TermRow>(
    db,
    sql`select institutions.id as inst, institutions.short_name, institutions.city, institutions.time_zone,
          t.id as term_id, t.name as term_name, t.number, t.starts_on::text as starts_on, t.ends_on::text as ends_on,
          t.locked, y.starts_on::text as year_starts_on, y.name as year_name, y.closed_at is not null as closed
        from institutions
        left join terms t on t.institution_id = institutions.id
        left join academic_years y on y.institution_id = t.institution_id and y.id = t.academic_year_id
        where ${institutionScope(actor, PERMISSION)}
        order by institutions.short_name, institutions.id, t.starts_on`,
  );
  const colleges = new Map<number, { row: TermRow; terms: (OpenTerm & { yearName: string; closed: boolean })[] }>();
  for (const r of terms) {
    const inst = Number(r.inst);
    const college = colleges.get(inst) ?? { row: r, terms: [] };
    colleges.set(inst, college);
    if (r.term_id === null) continue;
    college.terms.push({
      id: Number(r.term_id),
      institutionId: inst,
      name: r.term_name!,
      number: Number(r.number),
      startsOn: r.starts_on!,
      endsOn: r.ends_on!,
      locked: Boolean(r.locked),
      yearStart: r.year_starts_on!,
      yearName: r.year_name!,
      closed: Boolean(r.closed),
    });
  }

  const periods: CollegePeriod[] = [];
  const todayOf = new Map<number, IsoDate>();
  for (const [inst, { row, terms: list }] of colleges) {
    const today = todayIn(row.time_zone, now);
    todayOf.set(inst, today);
    const open = list.filter((t) => !t.closed);
    const term = input.period
      ? list.find((t) => periodKey(t.yearStart, t.number) === input.period)
      : open.length
        ? (pickOpenTerm(open, today, undefined) as (typeof open)[number])
        : undefined;
    if (term) periods.push({ inst, term, today });
  }

  const [hours, students, results] = periods.length
    ? await Promise.all([hoursAndLessons(db, periods), journalStudents(db, periods), attestation(db, periods)])
    : [[], [], []];
  const hoursOf = new Map(hours.map((h) => [Number(h.inst), h]));
  const studentsOf = new Map(students.map((s) => [Number(s.inst), s]));
  const resultsOf = foldAttestation(results);
  const periodOf = new Map(periods.map((p) => [p.inst, p]));

  const rows: RegionCollegeRow[] = [...colleges.entries()].map(([inst, { row }]) => {
    const p = periodOf.get(inst);
    const h = hoursOf.get(inst);
    const s = studentsOf.get(inst);
    const r = resultsOf.get(inst);
    const counted = r?.students ?? 0;
    const withheld = p !== undefined && counted < SMALL_CELL;
    const totals = r ? standingTotals(r.byStanding) : null;
    const flags = Object.fromEntries(
      REGION_RULES.map((rule) => {
        if (!p || (withheld && STUDENT_RULES.includes(rule))) return [rule, null];
        const value =
          rule === 'unfilledLesson'
            ? h?.unfilled
            : rule === 'noTopic'
              ? h?.no_topic
              : rule === 'lateEntry'
                ? h?.late
                : rule === 'shortOfGrades'
                  ? s?.short
                  : s?.no_attestation;
        return [rule, Number(value ?? 0)];
      }),
    ) as Record<RegionRule, number | null>;
    const planned = Number(h?.planned ?? 0);
    const delivered = Number(h?.held ?? 0);
    return {
      institutionId: inst,
      college: row.short_name,
      city: row.city,
      timeZone: row.time_zone,
      today: todayOf.get(inst)!,
      term: p
        ? { name: p.term.name, yearName: p.term.yearName, startsOn: p.term.startsOn, endsOn: p.term.endsOn }
        : null,
      journals: Number(h?.journals ?? 0),
      students: counted,
      withheld,
      progress: withheld ? null : (totals?.progress ?? null),
      quality: withheld ? null : (totals?.quality ?? null),
      sou: withheld || !r ? null : tallyIndicators(r.graded).sou,
      incomplete: withheld || !p ? null : (totals?.byStanding.incomplete ?? 0),
      flags,
      flagsTotal: REGION_RULES.reduce((sum, rule) => sum + (flags[rule] ?? 0), 0),
      plannedHours: planned,
      deliveredHours: delivered,
      deliveredPercent: deliveredPercent(delivered, planned),
    };
  });

  const keys = new Set<string>();
  for (const { terms: list } of colleges.values()) for (const t of list) keys.add(periodKey(t.yearStart, t.number));
  return {
    period: input.period ?? null,
    periodLabel: input.period ? periodLabel(input.period) : 'текущий семестр каждого колледжа',
    periods: [...keys].sort((a, b) => b.localeCompare(a)).map((key) => ({ key, label: periodLabel(key) })),
    rows,
  };
}

/** `p`: each college's term and day as a row, typed, for the statements below. */
function periodsTable(periods: readonly CollegePeriod[]): SQL {
  const rows = periods.map((p) => {
    const ended = p.today > p.term.endsOn;
    // The monitoring's last day: today, or the term's end once it is over.
    const lastDay = ended ? p.term.endsOn : p.today;
    return sql`(${p.inst}::int, ${p.term.id}::int, ${p.term.startsOn}::date, ${p.term.endsOn}::date, ${p.today}::date,
      ${lastDay}::date, ${ended}::boolean, ${Number(p.term.yearStart.slice(0, 4))}::int, ${p.term.number}::int)`;
  });
  return sql`p(inst, term_id, starts_on, ends_on, today, last_day, ended, year_start, term_no) as (values ${sql.join(rows, sql`, `)})`;
}

/**
 * The journal's own attestation column (the term's form of attestation, domain/attestation.ts `FORM_COLUMNS`), null
 * for a term closed by the semester mark alone; `form` is the curriculum's form of the journal's item in its semester.
 */
function ownField(form: SQL): SQL {
  const cases = Object.entries(FORM_COLUMNS).map(([f, c]) => sql`when ${f}::text then ${c.field}::text`);
  return sql`(case ${form} ${sql.join(cases, sql` `)} else null end)`;
}

/**
 * The curriculum's form of attestation of `ta`'s item in the semester of group `g` in the term: the term's number of
 * the academic year starting in `yearStart` (columns of the outer query).
 */
function formOf(yearStart: SQL, termNo: SQL): SQL {
  return sql`(select cit.attestation_form from curriculum_item_terms cit
    where cit.institution_id = ta.institution_id and cit.curriculum_item_id = ta.curriculum_item_id
      and cit.semester = (${yearStart} - g.admission_year) * 2 + ${termNo})`;
}
const FORM = formOf(sql`p.year_start`, sql`p.term_no`);

interface HoursRow {
  inst: number;
  journals: number;
  planned: number;
  held: number;
  unfilled: number;
  no_topic: number;
  late: number;
}

/**
 * Per college: the term's journals and planned hours; hours held (the hours report: filled lessons of the term dated
 * up to today); the lesson rules of domain/monitoring.ts on the lessons up to the monitoring's last day — empty on
 * the 4th day (`unfilledLesson`), marks without a topic (`noTopic`), first entry after `FILL_DAYS` (`lateEntry`, the
 * college's day of the first logged cell change).
 */
async function hoursAndLessons(db: Db, periods: readonly CollegePeriod[]): Promise<HoursRow[]> {
  return queryRows<HoursRow>(
    db,
    sql`with ${periodsTable(periods)},
        j as (select ta.institution_id as inst, ta.id, ta.planned_hours
          from teaching_assignments ta join p on ta.institution_id = p.inst and ta.term_id = p.term_id),
        jt as (select inst, count(*)::int as journals, coalesce(sum(planned_hours), 0)::int as planned from j group by inst),
        ls as (
          select lessons.institution_id as inst, lessons.id, lessons.date, lessons.hours, p.today, p.starts_on,
            lessons.topic is not null as has_topic,
            exists (select 1 from journal_cells c where c.institution_id = lessons.institution_id and c.lesson_id = lessons.id
              and (c.attendance is not null or c.grade1 is not null or c.grade2 is not null)) as marked,
            ${lessonFilled} as filled,
            (select min(cc.at) from cell_changes cc
              where cc.institution_id = lessons.institution_id and cc.lesson_id = lessons.id) as first_at
          from lessons join j on lessons.institution_id = j.inst and lessons.teaching_assignment_id = j.id
          join p on p.inst = lessons.institution_id
          where lessons.date <= p.last_day),
        lt as (
          select ls.inst,
            coalesce(sum(ls.hours) filter (where ls.filled and ls.date >= ls.starts_on and ls.date <= ls.today), 0)::int as held,
            count(*) filter (where ls.today > ls.date + ${FILL_DAYS}::int and not ls.has_topic and not ls.marked)::int as unfilled,
            count(*) filter (where ls.today > ls.date + ${FILL_DAYS}::int and not ls.has_topic and ls.marked)::int as no_topic,
            count(*) filter (where (ls.first_at at time zone i.time_zone)::date > ls.date + ${FILL_DAYS}::int)::int as late
          from ls join institutions i on i.id = ls.inst
          group by ls.inst)
        select p.inst, coalesce(jt.journals, 0) as journals, coalesce(jt.planned, 0) as planned,
          coalesce(lt.held, 0) as held, coalesce(lt.unfilled, 0) as unfilled, coalesce(lt.no_topic, 0) as no_topic,
          coalesce(lt.late, 0) as late
        from p left join jt on jt.inst = p.inst left join lt on lt.inst = p.inst`,
  );
}

interface StudentRuleRow {
  inst: number;
  short: number;
  no_attestation: number;
}

/**
 * Per college: the student rules of domain/monitoring.ts over every journal's students (its subgroup's, where it
 * has one), as violations — after the term, fewer than 5 grades (`shortOfGrades`; while the term lasts a shortage is
 * only a risk, issue #29 item 2, and the region counts violations) and a result missing in an attestation column
 * (`noAttestation`); both only for a student in the group on its last day and not exempt (осв.) in the journal.
 */
async function journalStudents(db: Db, periods: readonly CollegePeriod[]): Promise<StudentRuleRow[]> {
  const grade = (c: string) => sql.raw(`coalesce(c.${c} in ('5','4','3','2'), false)::int`);
  return queryRows<StudentRuleRow>(
    db,
    sql`with ${periodsTable(periods)},
        j as (
          select ta.institution_id as inst, ta.id, ta.group_id, ta.subgroup_id, ${ownField(FORM)} as own_field
          from teaching_assignments ta join p on ta.institution_id = p.inst and ta.term_id = p.term_id
          join groups g on g.institution_id = ta.institution_id and g.id = ta.group_id),
        gr as (
          select j.inst, j.id as ta, c.student_id, sum(${grade('grade1')} + ${grade('grade2')})::int as grades
          from j join lessons l on l.institution_id = j.inst and l.teaching_assignment_id = j.id
          join journal_cells c on c.institution_id = l.institution_id and c.lesson_id = l.id
          where c.grade1 is not null or c.grade2 is not null
          group by 1, 2, 3),
        r as (
          select j.inst, j.id as ta, j.own_field, m.student_id,
            greatest(least(min(m.from_date), p.ends_on), p.starts_on) as start, p.today, p.ends_on, p.ended,
            bool_or(m.from_date <= case when p.ended then p.ends_on else p.today end
              and (m.to_date is null or m.to_date >= case when p.ended then p.ends_on else p.today end)) as in_group
          from j join p on p.inst = j.inst
          join group_memberships m on m.institution_id = j.inst and m.group_id = j.group_id
            and m.from_date <= p.ends_on and (m.to_date is null or m.to_date >= p.starts_on)
          where j.subgroup_id is null or exists (select 1 from subgroup_members sm
            where sm.institution_id = j.inst and sm.subgroup_id = j.subgroup_id and sm.student_id = m.student_id)
          group by j.inst, j.id, j.own_field, m.student_id, p.starts_on, p.ends_on, p.today, p.ended),
        ar as (
          select j.inst, j.id as ta, a.student_id, count(*)::int as results, bool_or(a.value = ${EXEMPT}) as exempt
          from j join attestation_results a on a.institution_id = j.inst and a.teaching_assignment_id = j.id
          where a.field = 'sem' or a.field = j.own_field
          group by 1, 2, 3),
        -- One row per journal and student from the three sources by one grouping, not joins of derived sets (whose
        -- sizes the planner cannot know): the roster's row decides who is judged.
        facts as (
          select inst, ta, student_id, true as member, start, today, ends_on, ended, in_group,
            1 + (own_field is not null)::int as columns, 0 as grades, 0 as results, false as exempt from r
          union all
          select inst, ta, student_id, false, null, null, null, null, false, 0, grades, 0, false from gr
          union all
          select inst, ta, student_id, false, null, null, null, null, false, 0, 0, results, exempt from ar),
        x as (
          select inst, max(start) as start, max(today) as today, max(ends_on) as ends_on, bool_or(ended) as ended,
            bool_or(in_group) as in_group, max(columns) as columns, sum(grades)::int as grades,
            sum(results)::int as results, bool_or(exempt) as exempt
          from facts group by inst, ta, student_id having bool_or(member))
        select inst,
          (count(*) filter (where ended and in_group and not exempt and grades < ${MIN_GRADES_PER_TERM}::int))::int as short,
          coalesce(sum(columns - results) filter (where ended and in_group and not exempt), 0)::int as no_attestation
        from x
        group by inst`,
  );
}

interface AttestationRow {
  inst: number;
  kind: 'standing' | 'tally';
  /** standing: the students with this tally. */
  n: number;
  not_attested: number;
  failed: number;
  missing: number;
  threes: number;
  fours: number;
  fives: number;
  twos: number;
  passed_credits: number;
}

/**
 * Per college, from the consolidated sheets of every group with a journal in the term (server/reports/consolidated/
 * load.ts): the sheet's columns are the group's curriculum items of the term, each with its field (the form's, else
 * the semester mark); its students those in the group during the term, counted unless gone before its end. Returned:
 * the counted students grouped by what their standing depends on (`StandingTally`, threes capped at 2), and the
 * summed tally of the graded columns (those with a grade among the counted).
 */
async function attestation(db: Db, periods: readonly CollegePeriod[]): Promise<AttestationRow[]> {
  const list = (values: readonly string[]) =>
    sql.join(
      values.map((v) => sql`${v}::text`),
      sql`, `,
    );
  return queryRows<AttestationRow>(
    db,
    sql`with ${periodsTable(periods)},
        st as (
          select m.institution_id as inst, m.group_id, m.student_id, p.term_id, p.year_start, p.term_no
          from group_memberships m join p on p.inst = m.institution_id
          where m.from_date <= p.ends_on and (m.to_date is null or m.to_date >= p.starts_on)
            and exists (select 1 from teaching_assignments ta where ta.institution_id = m.institution_id
              and ta.group_id = m.group_id and ta.term_id = p.term_id)
          group by m.institution_id, m.group_id, m.student_id, p.term_id, p.year_start, p.term_no, p.ends_on
          having bool_or(m.to_date is null) or max(m.to_date) >= p.ends_on),
        -- Each student's value in each column of the group's sheet: index probes per student, no join of derived sets.
        v as (
          select st.inst, st.group_id, st.student_id, c.item,
            (select max(ar.value) from teaching_assignments t2 join attestation_results ar
                on ar.institution_id = t2.institution_id and ar.teaching_assignment_id = t2.id
              where t2.institution_id = st.inst and t2.group_id = st.group_id and t2.term_id = st.term_id
                and t2.curriculum_item_id = c.item and ar.student_id = st.student_id and ar.field = c.field) as value
          from st cross join lateral (
            select distinct ta.curriculum_item_id as item,
              coalesce(${ownField(formOf(sql`st.year_start`, sql`st.term_no`))}, 'sem') as field
            from teaching_assignments ta join groups g on g.institution_id = ta.institution_id and g.id = ta.group_id
            where ta.institution_id = st.inst and ta.group_id = st.group_id and ta.term_id = st.term_id) c),
        own as (
          select inst, group_id, student_id,
            count(*) filter (where value = ${NOT_ATTESTED}) as not_attested,
            count(*) filter (where value in ('2', ${list(FAIL_CREDITS)})) as failed,
            count(*) filter (where value is null) as missing,
            least(count(*) filter (where value = '3'), 2) as threes,
            count(*) filter (where value = '4') as fours
          from v group by 1, 2, 3),
        tally as (
          select inst, group_id, item,
            count(*) as n,
            count(*) filter (where value = '5') as fives, count(*) filter (where value = '4') as fours,
            count(*) filter (where value = '3') as threes, count(*) filter (where value = '2') as twos,
            count(*) filter (where value in (${list(PASS_CREDITS)})) as passed_credits,
            count(*) filter (where value = ${NOT_ATTESTED}) as not_attested
          from v where value is distinct from ${EXEMPT} group by 1, 2, 3)
        select inst, 'standing' as kind, count(*)::int as n, (not_attested > 0)::int as not_attested,
          (failed > 0)::int as failed, (missing > 0)::int as missing, threes::int as threes, (fours > 0)::int as fours,
          0 as fives, 0 as twos, 0 as passed_credits
        from own group by inst, 4, 5, 6, 7, 8
        union all
        select inst, 'tally', sum(n)::int, sum(not_attested)::int, 0, 0, sum(threes)::int, sum(fours)::int,
          sum(fives)::int, sum(twos)::int, sum(passed_credits)::int
        from tally where fives + fours + threes + twos > 0 group by inst`,
  );
}

/** The rows of `attestation` folded per college: students by standing, their number, the graded columns' tally. */
function foldAttestation(rows: readonly AttestationRow[]) {
  const out = new Map<
    number,
    { students: number; byStanding: ReturnType<typeof emptyStandings>; graded: ResultTally }
  >();
  const of = (inst: number) => {
    let c = out.get(inst);
    if (!c) out.set(inst, (c = { students: 0, byStanding: emptyStandings(), graded: emptyTally() }));
    return c;
  };
  for (const r of rows) {
    const c = of(Number(r.inst));
    if (r.kind === 'standing') {
      const standing = standingOf({
        notAttested: Number(r.not_attested),
        failed: Number(r.failed),
        missing: Number(r.missing),
        threes: Number(r.threes),
        fours: Number(r.fours),
      });
      c.byStanding[standing] += Number(r.n);
      c.students += Number(r.n);
    } else
      c.graded = {
        counted: Number(r.n),
        fives: Number(r.fives),
        fours: Number(r.fours),
        threes: Number(r.threes),
        twos: Number(r.twos),
        passedCredits: Number(r.passed_credits),
        notAttested: Number(r.not_attested),
      };
  }
  return out;
}
