/**
 * User activity (issue #13, item 7; regulation §5.2–5.4: «активность пользователей в работе с ЭЖ»): for the
 * administrator, each active account of the college with its roles and departments, its last sign-in and its last
 * entry in a journal, and whether it has been idle longer than the chosen number of days — by role and department.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../../../db/client';
import { addDays } from '../../../domain/dates';
import { idSchema } from '../../../domain/ids';
import { compareByName, fullName } from '../../../domain/names';
import { isRole, ROLE_LABELS, ROLES, type Role } from '../../../domain/roles';
import { todayOf, type Actor } from '../../policy/actor';
import { institutionOf } from '../refusals';

export const activityInput = z.object({
  role: z.enum(ROLES, { error: 'Роль: выберите из списка' }).optional(),
  departmentId: idSchema.optional(),
  days: z.number({ error: 'Дней: введите число' }).int().min(1, 'Дней: от 1').max(365, 'Дней: до 365').default(14),
});

/** Roles whose work is entering the journal: for them the last entry counts as activity too. */
const KEEPERS: readonly Role[] = ['teacher'];

export interface ActivityRow {
  userId: number;
  name: string;
  roles: string[];
  departments: string[];
  lastSignInAt: string | null;
  lastEntryAt: string | null;
  /** Not signed in (or, for a teacher, nothing entered) since `since`. */
  idle: boolean;
}

export interface ActivityReport {
  today: string;
  since: string;
  days: number;
  departments: { id: number; name: string }[];
  /** Per role: accounts and idle ones (before the role and department filters). */
  byRole: { role: Role; label: string; total: number; idle: number }[];
  rows: ActivityRow[];
}

export async function userActivity(
  db: Db,
  actor: Actor,
  input: z.infer<typeof activityInput>,
): Promise<ActivityReport> {
  const inst = institutionOf(actor, 'control.activity');
  const today = todayOf(actor);
  const since = addDays(today, -input.days);
  const rows = await queryRows<{
    id: number;
    last_name: string;
    first_name: string;
    middle_name: string | null;
    last_sign_in_at: string | null;
    last_entry_at: string | null;
    idle_sign_in: boolean;
    idle_entry: boolean;
    roles: string[];
    departments: { id: number; name: string }[] | string | null;
  }>(
    db,
    sql`with entries as (select user_id, max(created_at) as at from edit_batches where institution_id = ${inst} group by user_id),
        dept as (
          select r.user_id, r.department_id as id from user_roles r where r.institution_id = ${inst} and r.department_id is not null
          union select r.user_id, g.department_id from user_roles r join groups g on g.institution_id = r.institution_id and g.id = r.group_id
            where r.institution_id = ${inst}
          union select ta.teacher_user_id, g.department_id from teaching_assignments ta
            join groups g on g.institution_id = ta.institution_id and g.id = ta.group_id
            join terms t on t.institution_id = ta.institution_id and t.id = ta.term_id
            where ta.institution_id = ${inst} and ta.teacher_user_id is not null and t.starts_on <= ${today} and t.ends_on >= ${since}
          union select sg.user_id, g.department_id from guardians sg
            join student_guardians l on l.institution_id = sg.institution_id and l.guardian_id = sg.id
            join group_memberships m on m.institution_id = l.institution_id and m.student_id = l.student_id and m.to_date is null
            join groups g on g.institution_id = m.institution_id and g.id = m.group_id
            where sg.institution_id = ${inst} and sg.user_id is not null
          union select s.user_id, g.department_id from students s
            join group_memberships m on m.institution_id = s.institution_id and m.student_id = s.id and m.to_date is null
            join groups g on g.institution_id = m.institution_id and g.id = m.group_id
            where s.institution_id = ${inst} and s.user_id is not null)
        select u.id, u.last_name, u.first_name, u.middle_name, u.last_sign_in_at::text as last_sign_in_at,
          e.at::text as last_entry_at,
          (u.last_sign_in_at is null or (u.last_sign_in_at at time zone i.time_zone)::date < ${since}::date) as idle_sign_in,
          (e.at is null or (e.at at time zone i.time_zone)::date < ${since}::date) as idle_entry,
          (select array_agg(distinct r.role) from user_roles r where r.user_id = u.id and r.institution_id = ${inst}) as roles,
          (select json_agg(json_build_object('id', d.id, 'name', d.name)) from departments d
            where d.institution_id = ${inst} and d.id in (select id from dept where dept.user_id = u.id)) as departments
        from users u join institutions i on i.id = ${inst}
        left join entries e on e.user_id = u.id
        where u.is_active and exists (select 1 from user_roles r where r.user_id = u.id and r.institution_id = ${inst})`,
  );
  const all = rows.map((r) => {
    const roles = (r.roles ?? []).filter(isRole);
    const departments =
      (typeof r.departments === 'string'
        ? (JSON.parse(r.departments) as { id: number; name: string }[])
        : r.departments) ?? [];
    const keeper = roles.some((role) => KEEPERS.includes(role));
    return {
      roles,
      departments,
      row: {
        userId: r.id,
        name: fullName({ lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name }),
        lastName: r.last_name,
        firstName: r.first_name,
        middleName: r.middle_name,
        roles: roles.map((role) => ROLE_LABELS[role]),
        departments: departments.map((d) => d.name).sort((a, b) => a.localeCompare(b, 'ru')),
        lastSignInAt: r.last_sign_in_at,
        lastEntryAt: r.last_entry_at,
        idle: r.idle_sign_in || (keeper && r.idle_entry),
      },
    };
  });
  const departments = new Map<number, string>();
  for (const a of all) for (const d of a.departments) departments.set(d.id, d.name);
  const byRole = ROLES.map((role) => {
    const holders = all.filter((a) => a.roles.includes(role));
    return { role, label: ROLE_LABELS[role], total: holders.length, idle: holders.filter((a) => a.row.idle).length };
  }).filter((r) => r.total > 0);
  const shown = all
    .filter(
      (a) =>
        (input.role === undefined || a.roles.includes(input.role)) &&
        (input.departmentId === undefined || a.departments.some((d) => d.id === input.departmentId)),
    )
    .map((a) => a.row)
    .sort((a, b) => Number(b.idle) - Number(a.idle) || compareByName(a, b))
    .map(({ lastName: _l, firstName: _f, middleName: _m, ...row }) => row);
  return {
    today,
    since,
    days: input.days,
    departments: [...departments]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru')),
    byRole,
    rows: shown,
  };
}
