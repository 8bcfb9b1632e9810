/**
 * The journals a printed copy shows (issue #12, items 1 and 4): a group's journals of a term — all subjects («Все») or
 * one — with lessons, cells, attestation results and class lists, read in a handful of statements. Scope: «Все» needs
 * the group in the actor's `reports.group` scope (administration, the group's curator); one journal needs it in the
 * actor's `reports.print` journal scope (a teacher's own). Anything else is refused as out of scope.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../../../db/client';
import { groups, teachingAssignments } from '../../../db/schema';
import { q } from '../../../db/sql';
import { attestationColumns } from '../../../domain/attestation';
import { formatDate, type IsoDate } from '../../../domain/dates';
import { idSchema, isoDateSchema } from '../../../domain/ids';
import { numberParam, parseReportQuery } from '../query-params';
import {
  DEFAULT_LESSONS_PER_PAGE,
  MAX_LESSONS_PER_PAGE,
  MIN_LESSONS_PER_PAGE,
  printedMark,
  type PrintoutStudent,
  type PrintoutSubject,
} from '../../../domain/journal-printout';
import type { AttendanceCodeDef } from '../../../domain/marks';
import { compareByName, fullName, shortName } from '../../../domain/names';
import type { PreflightJournal } from '../../../domain/print-checks';
import { todayOf, type Actor } from '../../policy/actor';
import { badInput, outOfScope } from '../../policy/refusal';
import { loadGroupHeader, type GroupHeader, type ReportTerm } from '../group-header';
import { assignmentScope, groupScope } from '../../policy/scope';

/** The regulation's parameters of «Распечатка классного журнала» (DOMAIN.md «Reports»). */
export const printoutInput = z.object({
  groupId: idSchema,
  termId: idSchema,
  /** One journal; absent: «Все». */
  assignmentId: idSchema.optional(),
  from: isoDateSchema('С').optional(),
  to: isoDateSchema('По').optional(),
  lessonsPerPage: z.coerce
    .number({ error: 'Занятий на странице: нужно число' })
    .int('Занятий на странице: нужно целое число')
    .min(MIN_LESSONS_PER_PAGE, `Занятий на странице: не меньше ${MIN_LESSONS_PER_PAGE}`)
    .max(MAX_LESSONS_PER_PAGE, `Занятий на странице: не больше ${MAX_LESSONS_PER_PAGE}`)
    .default(DEFAULT_LESSONS_PER_PAGE),
  newPage: z.boolean().default(true),
});
export type PrintoutInput = z.infer<typeof printoutInput>;

/** Reads the parameters from a URL's query (`newPage=0` turns packing on); a bad one is refused naming it. */
export function printoutInputFromQuery(params: URLSearchParams): PrintoutInput {
  return parseReportQuery(printoutInput, {
    groupId: numberParam(params, 'groupId'),
    termId: numberParam(params, 'termId'),
    assignmentId: numberParam(params, 'assignmentId'),
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    lessonsPerPage: params.get('lessonsPerPage') || undefined,
    newPage: params.get('newPage') === null ? undefined : params.get('newPage') !== '0',
  });
}

export interface CopyLesson {
  id: number;
  date: IsoDate;
  hours: number;
  topic: string | null;
  homework: string | null;
  taughtBy: number | null;
}

export interface CopyCell {
  lessonId: number;
  studentId: number;
  attendance: string | null;
  grade1: string | null;
  grade2: string | null;
}

export interface CopyJournal {
  assignmentId: number;
  itemCode: string;
  itemName: string;
  subgroupName: string | null;
  teacherId: number | null;
  /** «Петров Пётр Петрович», or «преподаватель не назначен». */
  teacher: string;
  plannedHours: number;
  attestationForm: string | null;
  /** All the term's lessons (the copy prints those in the interval). */
  lessons: CopyLesson[];
  cells: CopyCell[];
  /** field → student → value. */
  attestation: Map<string, Map<number, string>>;
  students: PrintoutStudent[];
}

export interface JournalCopy {
  college: { fullName: string; shortName: string };
  group: GroupHeader['group'];
  year: string;
  term: ReportTerm;
  /** The terms of the term's academic year. */
  terms: ReportTerm[];
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  all: boolean;
  lessonsPerPage: number;
  newPage: boolean;
  codes: AttendanceCodeDef[];
  /** Short names of everyone who taught a lesson, by user id. */
  teachers: Map<number, string>;
  /** Alphabetical by subject, then subgroup. */
  journals: CopyJournal[];
}

type Person = { last_name: string; first_name: string; middle_name: string | null };
const person = (p: Person) => ({ lastName: p.last_name, firstName: p.first_name, middleName: p.middle_name });
const collator = new Intl.Collator('ru', { sensitivity: 'base' });

/** The copy's data, or a refusal: 403 outside the scope, 400 for a period outside the term (naming the field). */
export async function loadJournalCopy(db: Db, actor: Actor, input: PrintoutInput): Promise<JournalCopy> {
  const inScope = input.assignmentId
    ? sql`${q(teachingAssignments.id)} = ${input.assignmentId} and ${assignmentScope(actor, 'reports.print')}`
    : sql`exists (select 1 from ${groups} where ${q(groups.institutionId)} = ${q(teachingAssignments.institutionId)}
        and ${q(groups.id)} = ${q(teachingAssignments.groupId)} and ${groupScope(actor, 'reports.group')})`;
  const journals = await queryRows<{
    id: number;
    institution_id: number;
    subgroup_name: string | null;
    item_code: string;
    item_name: string;
    teacher_id: number | null;
    last_name: string | null;
    first_name: string | null;
    middle_name: string | null;
    planned_hours: number;
    form: string | null;
  }>(
    db,
    sql`select teaching_assignments.id, teaching_assignments.institution_id, sg.name as subgroup_name, ci.code as item_code, ci.name as item_name,
          teaching_assignments.teacher_user_id as teacher_id, u.last_name, u.first_name, u.middle_name, teaching_assignments.planned_hours,
          (select cit.attestation_form from curriculum_item_terms cit join terms t on t.institution_id = teaching_assignments.institution_id and t.id = teaching_assignments.term_id
             join academic_years y on y.institution_id = t.institution_id and y.id = t.academic_year_id
             join groups g on g.institution_id = teaching_assignments.institution_id and g.id = teaching_assignments.group_id
           where cit.institution_id = teaching_assignments.institution_id and cit.curriculum_item_id = teaching_assignments.curriculum_item_id
             and cit.semester = (extract(year from y.starts_on)::int - g.admission_year) * 2 + t.number) as form
        from teaching_assignments
        join curriculum_items ci on ci.institution_id = teaching_assignments.institution_id and ci.id = teaching_assignments.curriculum_item_id
        left join subgroups sg on sg.institution_id = teaching_assignments.institution_id and sg.id = teaching_assignments.subgroup_id
        left join users u on u.id = teaching_assignments.teacher_user_id
        where teaching_assignments.group_id = ${input.groupId} and teaching_assignments.term_id = ${input.termId} and ${inScope}`,
  );
  if (input.assignmentId && journals.length === 0) throw outOfScope();
  const info = await loadGroupHeader(
    db,
    actor,
    input.groupId,
    input.termId,
    input.assignmentId ? 'reports.print' : 'reports.group',
  );
  if (!info) throw outOfScope();
  const { startsOn, endsOn } = info.term;
  const from = input.from ?? startsOn;
  const to = input.to ?? endsOn;
  const span = `${formatDate(startsOn)} — ${formatDate(endsOn)}`;
  if (from < startsOn || from > endsOn) throw badInput(`С: ${formatDate(from)} вне семестра (${span})`);
  if (to < startsOn || to > endsOn) throw badInput(`По: ${formatDate(to)} вне семестра (${span})`);
  if (from > to) throw badInput(`Период: дата «с» (${formatDate(from)}) позже даты «по» (${formatDate(to)})`);

  const inst = info.institutionId;
  const ids = journals.map((j) => j.id);
  const idList = ids.length
    ? sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )
    : sql`null`;
  const [lessons, cells, results, members, codes, taught] = await Promise.all([
    queryRows<{
      assignment_id: number;
      id: number;
      date: string;
      hours: number;
      topic: string | null;
      homework: string | null;
      taught_by: number | null;
    }>(
      db,
      sql`select l.teaching_assignment_id as assignment_id, l.id, l.date::text as date, l.hours, l.topic, l.homework, l.taught_by
          from lessons l where l.institution_id = ${inst} and l.teaching_assignment_id in (${idList})
          order by l.date, l.pair_no nulls last, l.id`,
    ),
    queryRows<{
      assignment_id: number;
      lesson_id: number;
      student_id: number;
      attendance: string | null;
      grade1: string | null;
      grade2: string | null;
    }>(
      db,
      sql`select l.teaching_assignment_id as assignment_id, c.lesson_id, c.student_id, c.attendance, c.grade1, c.grade2
          from journal_cells c join lessons l on l.institution_id = c.institution_id and l.id = c.lesson_id
          where l.institution_id = ${inst} and l.teaching_assignment_id in (${idList})
            and (c.attendance is not null or c.grade1 is not null or c.grade2 is not null)`,
    ),
    queryRows<{ assignment_id: number; student_id: number; field: string; value: string }>(
      db,
      sql`select teaching_assignment_id as assignment_id, student_id, field, value from attestation_results
          where institution_id = ${inst} and teaching_assignment_id in (${idList})`,
    ),
    queryRows<Person & { id: number; from_date: string; to_date: string | null; subgroups: number[] | null }>(
      db,
      sql`select s.id, s.last_name, s.first_name, s.middle_name, m.from_date::text as from_date, m.to_date::text as to_date,
            (select array_agg(sm.subgroup_id) from subgroup_members sm
              where sm.institution_id = s.institution_id and sm.student_id = s.id) as subgroups
          from group_memberships m join students s on s.institution_id = m.institution_id and s.id = m.student_id
          where m.institution_id = ${inst} and m.group_id = ${input.groupId}
            and m.from_date <= ${endsOn} and (m.to_date is null or m.to_date >= ${startsOn})`,
    ),
    queryRows<{ code: string; label: string; is_absence: boolean; is_valid: boolean }>(
      db,
      sql`select code, label, is_absence, is_valid from attendance_codes where institution_id = ${inst}`,
    ),
    queryRows<Person & { id: number }>(
      db,
      sql`select u.id, u.last_name, u.first_name, u.middle_name from users u
          where u.id in (select l.taught_by from lessons l where l.institution_id = ${inst}
            and l.teaching_assignment_id in (${idList}) and l.taught_by is not null)
             or u.id in (select ta.teacher_user_id from teaching_assignments ta where ta.institution_id = ${inst} and ta.id in (${idList}))`,
    ),
  ]);
  const subgroupOf = new Map(
    (
      await queryRows<{ id: number; subgroup_id: number | null }>(
        db,
        sql`select id, subgroup_id from teaching_assignments where institution_id = ${inst} and id in (${idList})`,
      )
    ).map((r) => [r.id, r.subgroup_id]),
  );
  const rosterOf = (subgroupId: number | null): PrintoutStudent[] => {
    const byId = new Map<number, PrintoutStudent & { p: ReturnType<typeof person> }>();
    for (const m of members) {
      if (subgroupId !== null && !(m.subgroups ?? []).includes(subgroupId)) continue;
      const entry = byId.get(m.id) ?? { id: m.id, name: fullName(person(m)), spans: [], p: person(m) };
      entry.spans.push({
        from: m.from_date < startsOn ? startsOn : m.from_date,
        to: m.to_date && m.to_date > endsOn ? endsOn : m.to_date,
      });
      byId.set(m.id, entry);
    }
    return [...byId.values()].sort((a, b) => compareByName(a.p, b.p)).map(({ p: _p, ...s }) => s);
  };
  const group = <T extends { assignment_id: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const r of rows) map.set(r.assignment_id, [...(map.get(r.assignment_id) ?? []), r]);
    return map;
  };
  const lessonsBy = group(lessons);
  const cellsBy = group(cells);
  const resultsBy = group(results);
  const list: CopyJournal[] = journals
    .map((j) => {
      const attestation = new Map<string, Map<number, string>>();
      for (const r of resultsBy.get(j.id) ?? []) {
        const field = attestation.get(r.field) ?? new Map<number, string>();
        field.set(r.student_id, r.value);
        attestation.set(r.field, field);
      }
      return {
        assignmentId: j.id,
        itemCode: j.item_code,
        itemName: j.item_name,
        subgroupName: j.subgroup_name,
        teacherId: j.teacher_id,
        teacher:
          j.last_name === null
            ? 'преподаватель не назначен'
            : fullName({ lastName: j.last_name, firstName: j.first_name ?? '', middleName: j.middle_name }),
        plannedHours: j.planned_hours,
        attestationForm: j.form,
        lessons: (lessonsBy.get(j.id) ?? []).map((l) => ({
          id: l.id,
          date: l.date.slice(0, 10),
          hours: l.hours,
          topic: l.topic,
          homework: l.homework,
          taughtBy: l.taught_by,
        })),
        cells: (cellsBy.get(j.id) ?? []).map((c) => ({
          lessonId: c.lesson_id,
          studentId: c.student_id,
          attendance: c.attendance,
          grade1: c.grade1,
          grade2: c.grade2,
        })),
        attestation,
        students: rosterOf(subgroupOf.get(j.id) ?? null),
      };
    })
    .sort(
      (a, b) =>
        collator.compare(a.itemName, b.itemName) ||
        a.itemCode.localeCompare(b.itemCode) ||
        (a.subgroupName ?? '').localeCompare(b.subgroupName ?? ''),
    );
  return {
    college: info.college,
    group: info.group,
    year: info.year.name,
    term: info.term,
    terms: info.terms,
    from,
    to,
    today: todayOf(actor),
    all: !input.assignmentId,
    lessonsPerPage: input.lessonsPerPage,
    newPage: input.newPage,
    codes: codes.map((c) => ({ code: c.code, label: c.label, isAbsence: c.is_absence, isValid: c.is_valid })),
    teachers: new Map(taught.map((u) => [u.id, shortName(person(u))])),
    journals: list,
  };
}

function journalTitle(j: CopyJournal): string {
  return `${j.itemCode} ${j.itemName}${j.subgroupName ? ` (${j.subgroupName})` : ''}`;
}

function filled(j: CopyJournal): Set<number> {
  return new Set(j.cells.map((c) => c.lessonId));
}

/** The subjects as the printout lays them out: lessons of the interval, marks as printed, held hours up to today. */
export function printoutSubjects(copy: JournalCopy): PrintoutSubject[] {
  return copy.journals.map((j) => {
    const marked = filled(j);
    const lessons = j.lessons.filter((l) => l.date >= copy.from && l.date <= copy.to);
    const marks = new Map<string, string>();
    for (const c of j.cells) marks.set(`${c.lessonId}:${c.studentId}`, printedMark(c, copy.codes));
    const reachesEnd = copy.to >= copy.term.endsOn;
    return {
      assignmentId: j.assignmentId,
      title: journalTitle(j),
      teacher: j.teacher,
      plannedHours: j.plannedHours,
      deliveredHours: lessons
        .filter((l) => l.date <= copy.today && (l.topic || l.homework || marked.has(l.id)))
        .reduce((n, l) => n + l.hours, 0),
      lessons: lessons.map((l) => {
        const who = l.taughtBy ?? j.teacherId;
        return {
          id: l.id,
          date: l.date,
          hours: l.hours,
          topic: l.topic,
          homework: l.homework,
          teacher: who === null ? '' : (copy.teachers.get(who) ?? ''),
          substitute: l.taughtBy !== null && l.taughtBy !== j.teacherId,
        };
      }),
      students: j.students,
      marks,
      attestation: reachesEnd
        ? attestationColumns(j.attestationForm).map((c) => ({
            header: c.header,
            values: j.attestation.get(c.field) ?? new Map<number, string>(),
          }))
        : [],
    };
  });
}

/** The journals as the pre-flight judges them (domain/print-checks.ts). */
export function preflightJournals(copy: JournalCopy): PreflightJournal[] {
  return copy.journals.map((j) => {
    const marked = filled(j);
    const inInterval = new Set(j.lessons.filter((l) => l.date >= copy.from && l.date <= copy.to).map((l) => l.id));
    const gradeCounts = new Map<number, number>();
    for (const c of j.cells) {
      if (!inInterval.has(c.lessonId)) continue;
      const n = [c.grade1, c.grade2].filter((g) => g === '5' || g === '4' || g === '3' || g === '2').length;
      if (n) gradeCounts.set(c.studentId, (gradeCounts.get(c.studentId) ?? 0) + n);
    }
    return {
      assignmentId: j.assignmentId,
      title: journalTitle(j),
      lessons: j.lessons.map((l) => ({ id: l.id, date: l.date, topic: l.topic, marked: marked.has(l.id) })),
      students: j.students,
      gradeCounts,
      attestation: attestationColumns(j.attestationForm).map((c) => ({
        header: c.header,
        values: j.attestation.get(c.field) ?? new Map<number, string>(),
      })),
    };
  });
}
