/**
 * Scope: which records a permission reaches for this actor, as SQL conditions, so that lists are filtered in the
 * database and never "loaded, then filtered in the page". Each function returns `false` when no grant applies.
 */
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { inline, type Bind } from '../../db/prepared';
import { q } from '../../db/sql';
import {
  groupMemberships,
  groups,
  institutions,
  lessons,
  specialties,
  students,
  teachingAssignments,
} from '../../db/schema';
import { grantsFor, type Actor } from './actor';
import type { Permission } from './permissions';

const NOTHING = sql`false`;

function anyOf(conditions: (SQL | undefined)[]): SQL {
  const list = conditions.filter((c): c is SQL => Boolean(c));
  if (list.length === 0) return NOTHING;
  return list.length === 1 ? list[0]! : or(...list)!;
}

function idList(ids: number[]): SQL {
  return ids.length
    ? sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )
    : sql`NULL`;
}

/** Institutions where the permission holds for the actor, whatever its narrower scope. */
export function institutionsFor(actor: Actor, permission: Permission): number[] {
  return [...new Set(grantsFor(actor, permission).map((g) => g.institutionId))];
}

/**
 * Institutions of `institutions` a region-level permission reaches: every one for the regional administrator (whose
 * grant is the region's, `REGION`), the grant's own for an inspector; none for anyone else.
 */
export function institutionScope(actor: Actor, permission: Permission): SQL {
  return anyOf(
    grantsFor(actor, permission).map((g) => {
      switch (g.role) {
        case 'regional':
          return sql`true`;
        case 'inspector':
          return eq(institutions.id, g.institutionId);
        default:
          return NOTHING;
      }
    }),
  );
}

/** Groups of `groups`. */
export function groupScope(actor: Actor, permission: Permission): SQL {
  return anyOf(
    grantsFor(actor, permission).map((g) => {
      const inInstitution = eq(groups.institutionId, g.institutionId);
      switch (g.role) {
        case 'admin':
        case 'methodist':
        case 'inspector':
          return inInstitution;
        case 'head':
          return g.departmentId === null ? NOTHING : and(inInstitution, eq(groups.departmentId, g.departmentId));
        case 'curator':
          return g.groupId === null ? NOTHING : and(inInstitution, eq(groups.id, g.groupId));
        case 'teacher':
          return and(
            inInstitution,
            sql`exists (select 1 from ${teachingAssignments} where ${q(teachingAssignments.institutionId)} = ${q(groups.institutionId)}
              and ${q(teachingAssignments.groupId)} = ${q(groups.id)} and ${q(teachingAssignments.teacherUserId)} = ${actor.userId})`,
          );
        case 'student':
        case 'parent': {
          const ids = (g.role === 'student' ? actor.ownStudentIds : actor.childStudentIds).filter(
            (s) => s.institutionId === g.institutionId,
          );
          return and(
            inInstitution,
            sql`exists (select 1 from ${groupMemberships} where ${q(groupMemberships.institutionId)} = ${q(groups.institutionId)}
              and ${q(groupMemberships.groupId)} = ${q(groups.id)} and ${q(groupMemberships.studentId)} in (${idList(ids.map((s) => s.studentId))}))`,
          );
        }
      }
    }),
  );
}

/**
 * Journal pages of `teaching_assignments`. Values go through `bind` (see db/prepared.ts); the SQL's text depends on
 * the actor only through `assignmentScopeShape`.
 */
export function assignmentScope(actor: Actor, permission: Permission, bind: Bind = inline): SQL {
  return anyOf(
    grantsFor(actor, permission).map((g) => {
      const inInstitution = eq(teachingAssignments.institutionId, bind(g.institutionId));
      switch (g.role) {
        case 'admin':
        case 'methodist':
        case 'inspector':
          return inInstitution;
        case 'head':
          return g.departmentId === null
            ? NOTHING
            : and(
                inInstitution,
                sql`exists (select 1 from ${groups} where ${q(groups.institutionId)} = ${q(teachingAssignments.institutionId)}
                  and ${q(groups.id)} = ${q(teachingAssignments.groupId)} and ${q(groups.departmentId)} = ${bind(g.departmentId)})`,
              );
        case 'curator':
          return g.groupId === null ? NOTHING : and(inInstitution, eq(teachingAssignments.groupId, bind(g.groupId)));
        case 'teacher':
          // Their own journals, and those where they taught a lesson as a substitute (issue #11, item 5).
          return and(
            inInstitution,
            or(
              eq(teachingAssignments.teacherUserId, bind(actor.userId)),
              sql`exists (select 1 from ${lessons} where ${q(lessons.institutionId)} = ${q(teachingAssignments.institutionId)}
                and ${q(lessons.taughtBy)} = ${bind(actor.userId)} and ${q(lessons.teachingAssignmentId)} = ${q(teachingAssignments.id)})`,
            ),
          );
        default:
          return NOTHING;
      }
    }),
  );
}

/** What the text of `assignmentScope`'s SQL depends on: the grants' roles and which of them lack their department or group. */
export function assignmentScopeShape(actor: Actor, permission: Permission): string {
  return grantsFor(actor, permission)
    .map((g) => `${g.role}${g.departmentId === null ? '' : '+d'}${g.groupId === null ? '' : '+g'}`)
    .join(',');
}

/** Students of `students`: through the groups they belong or belonged to, or as oneself / one's child. */
export function studentScope(actor: Actor, permission: Permission): SQL {
  return anyOf(
    grantsFor(actor, permission).map((g) => {
      const inInstitution = eq(students.institutionId, g.institutionId);
      const inGroups = (groupCondition: SQL) =>
        and(
          inInstitution,
          sql`exists (select 1 from ${groupMemberships} join ${groups} on ${q(groups.institutionId)} = ${q(groupMemberships.institutionId)}
            and ${q(groups.id)} = ${q(groupMemberships.groupId)}
            where ${q(groupMemberships.institutionId)} = ${q(students.institutionId)} and ${q(groupMemberships.studentId)} = ${q(students.id)} and ${groupCondition})`,
        );
      switch (g.role) {
        case 'admin':
        case 'methodist':
        case 'inspector':
          return inInstitution;
        case 'head':
          return g.departmentId === null ? NOTHING : inGroups(sql`${q(groups.departmentId)} = ${g.departmentId}`);
        case 'curator':
          return g.groupId === null ? NOTHING : inGroups(sql`${q(groups.id)} = ${g.groupId}`);
        case 'teacher':
          return inGroups(
            sql`exists (select 1 from ${teachingAssignments} where ${q(teachingAssignments.institutionId)} = ${q(groups.institutionId)}
              and ${q(teachingAssignments.groupId)} = ${q(groups.id)} and ${q(teachingAssignments.teacherUserId)} = ${actor.userId})`,
          );
        case 'student':
        case 'parent': {
          const ids = (g.role === 'student' ? actor.ownStudentIds : actor.childStudentIds).filter(
            (s) => s.institutionId === g.institutionId,
          );
          return and(inInstitution, sql`${q(students.id)} in (${idList(ids.map((s) => s.studentId))})`);
        }
      }
    }),
  );
}

/** Specialties of `specialties`: the whole institution, or for a head of department those taught in the department. */
export function specialtyScope(actor: Actor, permission: Permission): SQL {
  return anyOf(
    grantsFor(actor, permission).map((g) => {
      const inInstitution = eq(specialties.institutionId, g.institutionId);
      switch (g.role) {
        case 'admin':
        case 'methodist':
        case 'inspector':
          return inInstitution;
        case 'head':
          return g.departmentId === null
            ? NOTHING
            : and(
                inInstitution,
                sql`exists (select 1 from ${groups} where ${q(groups.institutionId)} = ${q(specialties.institutionId)}
                  and ${q(groups.specialtyId)} = ${q(specialties.id)} and ${q(groups.departmentId)} = ${g.departmentId})`,
              );
        default:
          return NOTHING;
      }
    }),
  );
}
