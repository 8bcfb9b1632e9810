import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { q } from '../../../db/sql';
import { groupMemberships, students, subgroupMembers } from '../../../db/schema';
import { compareByName, fullName, shortName } from '../../../domain/names';
import type { AssignmentContext } from './context';

export interface RosterStudent {
  id: number;
  name: string;
  fullName: string;
  /** Spans of membership inside the term; cells outside them are closed. */
  spans: { from: string; to: string | null }[];
}

/** Students of the page's group (or subgroup) who belonged to it at any time in the term, alphabetically. */
export async function loadRoster(db: Db, a: AssignmentContext): Promise<RosterStudent[]> {
  const rows = await db
    .select({
      id: students.id,
      lastName: students.lastName,
      firstName: students.firstName,
      middleName: students.middleName,
      from: groupMemberships.fromDate,
      to: groupMemberships.toDate,
    })
    .from(groupMemberships)
    .innerJoin(
      students,
      and(eq(students.institutionId, groupMemberships.institutionId), eq(students.id, groupMemberships.studentId)),
    )
    .where(
      and(
        eq(groupMemberships.institutionId, a.institutionId),
        eq(groupMemberships.groupId, a.groupId),
        lte(groupMemberships.fromDate, a.termEndsOn),
        or(isNull(groupMemberships.toDate), gte(groupMemberships.toDate, a.termStartsOn)),
        a.subgroupId === null
          ? undefined
          : sql`exists (select 1 from ${subgroupMembers} where ${q(subgroupMembers.institutionId)} = ${q(groupMemberships.institutionId)}
              and ${q(subgroupMembers.subgroupId)} = ${a.subgroupId} and ${q(subgroupMembers.studentId)} = ${q(groupMemberships.studentId)})`,
      ),
    );
  return rosterFromRows(rows, a);
}

export interface MembershipRow {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  from: string;
  to: string | null;
}

/** Membership rows → the page's students, alphabetically, with their spans clipped to the term. */
export function rosterFromRows(
  rows: MembershipRow[],
  term: { termStartsOn: string; termEndsOn: string },
): RosterStudent[] {
  const byStudent = new Map<
    number,
    RosterStudent & { person: { lastName: string; firstName: string; middleName: string | null } }
  >();
  for (const r of rows) {
    const person = { lastName: r.lastName, firstName: r.firstName, middleName: r.middleName };
    const entry = byStudent.get(r.id) ?? {
      id: r.id,
      name: shortName(person),
      fullName: fullName(person),
      spans: [],
      person,
    };
    entry.spans.push({
      from: r.from < term.termStartsOn ? term.termStartsOn : r.from,
      to: r.to && r.to > term.termEndsOn ? term.termEndsOn : r.to,
    });
    byStudent.set(r.id, entry);
  }
  return [...byStudent.values()]
    .sort((x, y) => compareByName(x.person, y.person))
    .map(({ person: _person, ...s }) => ({ ...s, spans: s.spans.sort((p, q2) => p.from.localeCompare(q2.from)) }));
}
