/**
 * The heading of a group's report (the printed journal, the consolidated sheet): the college, the group as it was named
 * in that academic year, its specialty, department, curator and head of department, the year and its terms. Read only
 * when the group is in the actor's scope for the permission; otherwise null (the caller refuses as out of scope).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { IsoDate } from '../../domain/dates';
import { fullName } from '../../domain/names';
import type { Actor } from '../policy/actor';
import type { Permission } from '../policy/permissions';
import { groupScope } from '../policy/scope';

export interface ReportTerm {
  id: number;
  number: number;
  name: string;
  /** The curriculum's semester (1…8), counted from the group's admission. */
  semester: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export interface GroupHeader {
  institutionId: number;
  college: { fullName: string; shortName: string };
  group: {
    id: number;
    name: string;
    course: number;
    studyForm: string;
    specialty: string;
    department: string;
    /** Names in full: the curator and the head of the group's department (they sign). */
    curator: string | null;
    head: string | null;
  };
  year: { id: number; name: string };
  /** The terms of the year, in order. */
  terms: ReportTerm[];
  /** The term asked for. */
  term: ReportTerm;
}

type RawTerm = { id: number; number: number; name: string; starts_on: string; ends_on: string };
type Person = { last_name: string; first_name: string; middle_name: string | null };
const person = (p: Person) => ({ lastName: p.last_name, firstName: p.first_name, middleName: p.middle_name });
const personJson = (alias: string) =>
  sql.raw(
    `json_build_object('last_name', ${alias}.last_name, 'first_name', ${alias}.first_name, 'middle_name', ${alias}.middle_name)`,
  );

/** The heading for the group and the academic year of `termId`, or null outside the scope / for an unknown term. */
export async function loadGroupHeader(
  db: Db,
  actor: Actor,
  groupId: number,
  termId: number,
  permission: Permission,
): Promise<GroupHeader | null> {
  const [row] = await queryRows<{
    institution_id: number;
    group_name: string;
    course: number;
    admission_year: number;
    study_form: string;
    specialty: string;
    department: string;
    curator: Person | null;
    head: Person | null;
    college_full: string;
    college_short: string;
    year_id: number;
    year_name: string;
    year_start: string;
    terms: RawTerm[] | string;
  }>(
    db,
    sql`select groups.institution_id, coalesce(gy.name, groups.name) as group_name, coalesce(gy.course, groups.course) as course,
          groups.admission_year, groups.study_form, s.code || ' ' || s.name as specialty, d.name as department,
          (select ${personJson('u')} from users u where u.id = groups.curator_user_id) as curator,
          (select ${personJson('u')} from user_roles r join users u on u.id = r.user_id
            where r.institution_id = groups.institution_id and r.role = 'head' and r.department_id = groups.department_id
              and u.is_active order by r.id limit 1) as head,
          i.full_name as college_full, i.short_name as college_short, y.id as year_id, y.name as year_name,
          y.starts_on::text as year_start,
          (select json_agg(json_build_object('id', yt.id, 'number', yt.number, 'name', yt.name,
              'starts_on', yt.starts_on::text, 'ends_on', yt.ends_on::text) order by yt.number)
             from terms yt where yt.institution_id = t.institution_id and yt.academic_year_id = t.academic_year_id) as terms
        from groups
        join terms t on t.institution_id = groups.institution_id and t.id = ${termId}
        join academic_years y on y.institution_id = t.institution_id and y.id = t.academic_year_id
        left join group_year_names gy on gy.institution_id = groups.institution_id and gy.group_id = groups.id
          and gy.academic_year_id = y.id
        join specialties s on s.institution_id = groups.institution_id and s.id = groups.specialty_id
        join departments d on d.institution_id = groups.institution_id and d.id = groups.department_id
        join institutions i on i.id = groups.institution_id
        where groups.id = ${groupId} and ${groupScope(actor, permission)}`,
  );
  if (!row) return null;
  const startYear = Number(row.year_start.slice(0, 4));
  const raw = typeof row.terms === 'string' ? (JSON.parse(row.terms) as RawTerm[]) : row.terms;
  const terms: ReportTerm[] = raw.map((t) => ({
    id: t.id,
    number: t.number,
    name: t.name,
    semester: (startYear - row.admission_year) * 2 + t.number,
    startsOn: t.starts_on.slice(0, 10),
    endsOn: t.ends_on.slice(0, 10),
  }));
  return {
    institutionId: row.institution_id,
    college: { fullName: row.college_full, shortName: row.college_short },
    group: {
      id: groupId,
      name: row.group_name,
      course: row.course,
      studyForm: row.study_form,
      specialty: row.specialty,
      department: row.department,
      curator: row.curator ? fullName(person(row.curator)) : null,
      head: row.head ? fullName(person(row.head)) : null,
    },
    year: { id: row.year_id, name: row.year_name },
    terms,
    term: terms.find((t) => t.id === termId)!,
  };
}
