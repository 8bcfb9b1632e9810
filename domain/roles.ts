/** Roles of the regulation (§1.5, §4.2, §5). Code names in English, labels in Russian. */
export const ROLES = ['admin', 'head', 'methodist', 'curator', 'teacher', 'student', 'parent', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

/** A region-level role, outside any institution: creates institutions and their first administrators. */
export const REGIONAL = 'regional' as const;
export type AnyRole = Role | typeof REGIONAL;

export const ROLE_LABELS: Record<AnyRole, string> = {
  regional: 'Региональный администратор',
  admin: 'Администратор',
  head: 'Заведующий отделением',
  methodist: 'Методист',
  curator: 'Куратор',
  teacher: 'Преподаватель',
  student: 'Студент',
  parent: 'Родитель',
  inspector: 'Инспектор',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
