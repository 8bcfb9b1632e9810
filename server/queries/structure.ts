import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { q } from '../../db/sql';
import type { Db } from '../../db/client';
import {
  departments,
  groupMemberships,
  groups,
  institutions,
  specialties,
  teachingAssignments,
  users,
} from '../../db/schema';
import type { Actor } from '../policy/actor';
import { groupScope, institutionsFor } from '../policy/scope';
import { currentTerms } from './terms';
import { shortName } from '../../domain/names';

export interface GroupSummary {
  id: number;
  institutionId: number;
  name: string;
  course: number;
  specialtyCode: string;
  specialtyName: string;
  departmentId: number;
  departmentName: string;
  curatorName: string | null;
  students: number;
  assignments: number;
}

export interface InstitutionOverview {
  id: number;
  shortName: string;
  termName: string | null;
  departments: { id: number; name: string; groups: GroupSummary[] }[];
  totals: { departments: number; groups: number; students: number; assignments: number };
}

/** Institution structure with counts, limited to what the actor's `structure.read` scope reaches. */
export async function structureOverview(db: Db, actor: Actor, date: string): Promise<InstitutionOverview[]> {
  const institutionIds = institutionsFor(actor, 'structure.read');
  if (institutionIds.length === 0) return [];
  const termByInstitution = await currentTerms(db, institutionIds, date);
  const termIds = [...termByInstitution.values()].map((t) => t.id);
  const rows = await db
    .select({
      id: groups.id,
      institutionId: groups.institutionId,
      name: groups.name,
      course: groups.course,
      specialtyCode: specialties.code,
      specialtyName: specialties.name,
      departmentId: departments.id,
      departmentName: departments.name,
      curatorLast: users.lastName,
      curatorFirst: users.firstName,
      curatorMiddle: users.middleName,
      students: sql<number>`(select count(*)::int from ${groupMemberships} where ${q(groupMemberships.institutionId)} = ${q(groups.institutionId)}
        and ${q(groupMemberships.groupId)} = ${q(groups.id)} and ${q(groupMemberships.fromDate)} <= ${date}
        and (${q(groupMemberships.toDate)} is null or ${q(groupMemberships.toDate)} >= ${date}))`,
      assignments: termIds.length
        ? sql<number>`(select count(*)::int from ${teachingAssignments} where ${q(teachingAssignments.institutionId)} = ${q(groups.institutionId)}
          and ${q(teachingAssignments.groupId)} = ${q(groups.id)} and ${inArray(teachingAssignments.termId, termIds)})`
        : sql<number>`0`,
    })
    .from(groups)
    .innerJoin(
      specialties,
      and(eq(specialties.institutionId, groups.institutionId), eq(specialties.id, groups.specialtyId)),
    )
    .innerJoin(
      departments,
      and(eq(departments.institutionId, groups.institutionId), eq(departments.id, groups.departmentId)),
    )
    .leftJoin(users, eq(users.id, groups.curatorUserId))
    .where(and(groupScope(actor, 'structure.read'), sql`${q(groups.graduatedOn)} is null`))
    .orderBy(asc(departments.name), asc(groups.course), asc(groups.name));
  const insts = await db
    .select()
    .from(institutions)
    .where(inArray(institutions.id, institutionIds))
    .orderBy(asc(institutions.shortName));
  return insts.map((inst) => {
    const mine = rows.filter((r) => r.institutionId === inst.id);
    const byDepartment = new Map<number, InstitutionOverview['departments'][number]>();
    for (const r of mine) {
      const dep = byDepartment.get(r.departmentId) ?? { id: r.departmentId, name: r.departmentName, groups: [] };
      byDepartment.set(r.departmentId, dep);
      dep.groups.push({
        id: r.id,
        institutionId: r.institutionId,
        name: r.name,
        course: r.course,
        specialtyCode: r.specialtyCode,
        specialtyName: r.specialtyName,
        departmentId: r.departmentId,
        departmentName: r.departmentName,
        curatorName: r.curatorLast
          ? shortName({ lastName: r.curatorLast, firstName: r.curatorFirst ?? '', middleName: r.curatorMiddle })
          : null,
        students: r.students,
        assignments: r.assignments,
      });
    }
    const deps = [...byDepartment.values()];
    return {
      id: inst.id,
      shortName: inst.shortName,
      termName: termByInstitution.get(inst.id)?.name ?? null,
      departments: deps,
      totals: {
        departments: deps.length,
        groups: mine.length,
        students: mine.reduce((s, r) => s + r.students, 0),
        assignments: mine.reduce((s, r) => s + r.assignments, 0),
      },
    };
  });
}
