/**
 * The data of «Сводная ведомость учета успеваемости» (issue #12, item 2) for a group and a term or the academic year:
 * the curriculum items with a journal in the period and their form of attestation, each student's result in each,
 * missed hours (valid / not valid) over all the group's journals of the period. Scope: `reports.group` (the college's
 * administration, the head of the department, the group's curator); anyone else is refused as out of scope.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../../../db/client';
import {
  buildConsolidatedSheet,
  sheetColumn,
  type ConsolidatedSheet,
  type SheetItem,
  type SheetStudent,
} from '../../../domain/consolidated-sheet';
import type { IsoDate } from '../../../domain/dates';
import { idSchema } from '../../../domain/ids';
import { numberParam, parseReportQuery } from '../query-params';
import { compareByName, fullName } from '../../../domain/names';
import type { Actor } from '../../policy/actor';
import { outOfScope } from '../../policy/refusal';
import { loadGroupHeader, type GroupHeader } from '../group-header';

export const consolidatedInput = z.object({
  groupId: idSchema,
  termId: idSchema,
  /** `year`: both terms of the term's academic year. */
  period: z.enum(['term', 'year'], { error: 'Период: семестр или учебный год' }).default('term'),
});
export type ConsolidatedInput = z.infer<typeof consolidatedInput>;

export function consolidatedInputFromQuery(params: URLSearchParams): ConsolidatedInput {
  return parseReportQuery(consolidatedInput, {
    groupId: numberParam(params, 'groupId'),
    termId: numberParam(params, 'termId'),
    period: params.get('period') || undefined,
  });
}

export interface ConsolidatedReport {
  header: GroupHeader;
  period: 'term' | 'year';
  from: IsoDate;
  to: IsoDate;
  /** «1 семестр 2026/2027 (3-й семестр)» or «2026/2027 учебный год». */
  periodLabel: string;
  sheet: ConsolidatedSheet;
}

/** The sheet for the actor's scope; 403 for a group outside it. */
export async function loadConsolidatedSheet(
  db: Db,
  actor: Actor,
  input: ConsolidatedInput,
): Promise<ConsolidatedReport> {
  const header = await loadGroupHeader(db, actor, input.groupId, input.termId, 'reports.group');
  if (!header) throw outOfScope();
  const terms = input.period === 'year' ? header.terms : [header.term];
  const from = terms[0]!.startsOn;
  const to = terms.at(-1)!.endsOn;
  const inst = header.institutionId;
  const termIds = sql.join(
    terms.map((t) => sql`${t.id}`),
    sql`, `,
  );
  const journalsOfPeriod = sql`select ta.id from teaching_assignments ta
    where ta.institution_id = ${inst} and ta.group_id = ${input.groupId} and ta.term_id in (${termIds})`;
  const [items, results, members, missed] = await Promise.all([
    queryRows<{
      item_id: number;
      term_id: number;
      code: string;
      short_name: string;
      name: string;
      kind: string;
      sort_order: number;
      form: string | null;
    }>(
      db,
      sql`select distinct ci.id as item_id, ta.term_id, ci.code, ci.short_name, ci.name, ci.kind, ci.sort_order,
            (select cit.attestation_form from curriculum_item_terms cit join terms t on t.institution_id = ta.institution_id
               and t.id = ta.term_id join academic_years y on y.institution_id = t.institution_id and y.id = t.academic_year_id
             where cit.institution_id = ta.institution_id and cit.curriculum_item_id = ci.id
               and cit.semester = (extract(year from y.starts_on)::int - g.admission_year) * 2 + t.number) as form
          from teaching_assignments ta
          join curriculum_items ci on ci.institution_id = ta.institution_id and ci.id = ta.curriculum_item_id
          join groups g on g.institution_id = ta.institution_id and g.id = ta.group_id
          where ta.id in (${journalsOfPeriod}) and ta.institution_id = ${inst}`,
    ),
    queryRows<{ item_id: number; term_id: number; student_id: number; field: string; value: string }>(
      db,
      sql`select ta.curriculum_item_id as item_id, ta.term_id, r.student_id, r.field, r.value
          from attestation_results r join teaching_assignments ta on ta.institution_id = r.institution_id
            and ta.id = r.teaching_assignment_id
          where r.institution_id = ${inst} and r.teaching_assignment_id in (${journalsOfPeriod})`,
    ),
    queryRows<{
      id: number;
      last_name: string;
      first_name: string;
      middle_name: string | null;
      from_date: string;
      to_date: string | null;
    }>(
      db,
      sql`select s.id, s.last_name, s.first_name, s.middle_name, m.from_date::text as from_date, m.to_date::text as to_date
          from group_memberships m join students s on s.institution_id = m.institution_id and s.id = m.student_id
          where m.institution_id = ${inst} and m.group_id = ${input.groupId}
            and m.from_date <= ${to} and (m.to_date is null or m.to_date >= ${from})`,
    ),
    queryRows<{ student_id: number; missed: number; valid: number }>(
      db,
      sql`select c.student_id, sum(l.hours)::int as missed, sum(case when a.is_valid then l.hours else 0 end)::int as valid
          from journal_cells c
          join lessons l on l.institution_id = c.institution_id and l.id = c.lesson_id
          join attendance_codes a on a.institution_id = c.institution_id and a.code = c.attendance and a.is_absence
          where c.institution_id = ${inst} and l.teaching_assignment_id in (${journalsOfPeriod})
            and l.date between ${from} and ${to}
          group by c.student_id`,
    ),
  ]);
  const termNumber = new Map(terms.map((t) => [t.id, t.number]));
  const sheetItems: SheetItem[] = items.map((i) => ({
    key: `${i.item_id}@${i.term_id}`,
    itemId: i.item_id,
    termId: i.term_id,
    termNumber: termNumber.get(i.term_id) ?? 1,
    code: i.code,
    shortName: i.short_name,
    name: i.name,
    kind: i.kind,
    form: i.form,
    sortOrder: i.sort_order,
  }));
  const fieldOf = new Map(sheetItems.map((i) => [i.key, sheetColumn(i).field]));
  const resultsOf = new Map<number, Map<string, string>>();
  for (const r of results) {
    const key = `${r.item_id}@${r.term_id}`;
    if (fieldOf.get(key) !== r.field) continue;
    const own = resultsOf.get(r.student_id) ?? new Map<string, string>();
    own.set(key, r.value);
    resultsOf.set(r.student_id, own);
  }
  const missedOf = new Map(missed.map((m) => [m.student_id, m]));
  const byStudent = new Map<number, (typeof members)[number][]>();
  for (const m of members) byStudent.set(m.id, [...(byStudent.get(m.id) ?? []), m]);
  const students: SheetStudent[] = [...byStudent.values()]
    .map((spans) => {
      const p = spans[0]!;
      const lastTo = spans.some((s) => s.to_date === null)
        ? null
        : spans
            .map((s) => s.to_date!)
            .sort()
            .at(-1)!;
      return {
        id: p.id,
        person: { lastName: p.last_name, firstName: p.first_name, middleName: p.middle_name },
        leftOn: lastTo !== null && lastTo < to ? lastTo : null,
      };
    })
    .sort((a, b) => compareByName(a.person, b.person))
    .map((s) => ({
      id: s.id,
      name: fullName(s.person),
      leftOn: s.leftOn,
      results: resultsOf.get(s.id) ?? new Map(),
      missedHours: missedOf.get(s.id)?.missed ?? 0,
      missedValidHours: missedOf.get(s.id)?.valid ?? 0,
    }));
  return {
    header,
    period: input.period,
    from,
    to,
    periodLabel:
      input.period === 'year'
        ? `${header.year.name} учебный год`
        : `${header.term.name} (${header.term.semester}-й семестр по учебному плану)`,
    sheet: buildConsolidatedSheet(sheetItems, students),
  };
}
