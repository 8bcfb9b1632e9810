/**
 * The notice board's audience rule (issue #13, item 3; regulation §5.2: the results of the checks go on the board
 * inside the system): a post is for the roles, departments and groups it names — an empty list means any — and reaches
 * a reader who matches every list it fills (one of the roles, and one of the departments, and one of the groups).
 */
import type { Role } from './roles';

export interface NoticeAudience {
  roles: readonly string[];
  departmentIds: readonly number[];
  groupIds: readonly number[];
}

/** Where a reader stands: their roles and the departments and groups they belong to through them. */
export interface NoticeReader {
  roles: readonly Role[];
  departmentIds: readonly number[];
  groupIds: readonly number[];
}

export function noticeReaches(audience: NoticeAudience, reader: NoticeReader): boolean {
  const meets = <T>(wanted: readonly T[], held: readonly T[]) =>
    wanted.length === 0 || wanted.some((w) => held.includes(w));
  return (
    meets(audience.roles, reader.roles as readonly string[]) &&
    meets(audience.departmentIds, reader.departmentIds) &&
    meets(audience.groupIds, reader.groupIds)
  );
}

/** «Для: преподаватели, заведующие; отделение …; группы …» — whom a post is for, in words. */
export function audienceText(
  audience: NoticeAudience,
  names: { roles: (r: string) => string; department: (id: number) => string; group: (id: number) => string },
): string {
  const parts = [
    audience.roles.length ? audience.roles.map(names.roles).join(', ') : 'все',
    ...(audience.departmentIds.length ? [`отделение: ${audience.departmentIds.map(names.department).join(', ')}`] : []),
    ...(audience.groupIds.length ? [`группы: ${audience.groupIds.map(names.group).join(', ')}`] : []),
  ];
  return parts.join('; ');
}
