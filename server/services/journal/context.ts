import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { q } from '../../../db/sql';
import type { Db } from '../../../db/client';
import { runPrepared, type Bind } from '../../../db/prepared';
import {
  academicYears,
  curriculumItems,
  curriculumItemTerms,
  groups,
  journalEditGrants,
  subgroups,
  teachingAssignments,
  terms,
  users,
} from '../../../db/schema';
import { shortName } from '../../../domain/names';
import { can, type Actor } from '../../policy/actor';
import type { Permission } from '../../policy/permissions';
import { groupNameInTermYear, semesterOfTerm } from '../../queries/group-in-year';
import { assignmentScope, assignmentScopeShape } from '../../policy/scope';
import { JOIN } from '../../../db/joins';

export interface AssignmentContext {
  id: number;
  institutionId: number;
  termId: number;
  termName: string;
  termStartsOn: string;
  termEndsOn: string;
  termLocked: boolean;
  yearName: string;
  yearClosed: boolean;
  groupId: number;
  groupName: string;
  subgroupId: number | null;
  subgroupName: string | null;
  itemCode: string;
  itemName: string;
  attestationForm: string | null;
  teacherUserId: number | null;
  teacherName: string;
  plannedHours: number;
  /** Whether the actor's `journal.edit` and `journal.unlock` scopes reach this page (read scope is given). */
  inEditScope: boolean;
  inUnlockScope: boolean;
}

/**
 * More columns read in the same statement as the assignment (correlated to `teaching_assignments` and `terms`), named
 * so that the statement is compiled once: `columns` passes every value through `bind`.
 */
export interface AssignmentExtra<E extends Record<string, SQL>> {
  name: string;
  columns: (bind: Bind) => E;
}

/** The journal page's assignment if the permission's scope reaches it for this actor; null otherwise. */
export async function loadAssignment(
  db: Db,
  actor: Actor,
  assignmentId: number,
  permission: Permission,
): Promise<AssignmentContext | null>;
export async function loadAssignment<E extends Record<string, SQL>>(
  db: Db,
  actor: Actor,
  assignmentId: number,
  permission: Permission,
  extra: AssignmentExtra<E>,
): Promise<(AssignmentContext & { extra: { [K in keyof E]: unknown } }) | null>;
export async function loadAssignment(
  db: Db,
  actor: Actor,
  assignmentId: number,
  permission: Permission,
  extra?: AssignmentExtra<Record<string, SQL>>,
) {
  const shape = [
    permission,
    assignmentScopeShape(actor, permission),
    assignmentScopeShape(actor, 'journal.edit'),
    assignmentScopeShape(actor, 'journal.unlock'),
    extra?.name ?? '',
  ].join('|');
  let extraKeys: string[] = [];
  const [row] = await runPrepared(db, `assignment:${shape}`, (bind) => {
    const columns = extra?.columns(bind) ?? {};
    extraKeys = Object.keys(columns);
    return assignmentQuery(db, actor, bind(assignmentId), permission, columns, bind);
  });
  if (!row) return null;
  const raw = 'extra' in row ? row.extra : undefined;
  const values = (typeof raw === 'string' ? JSON.parse(raw) : raw) as unknown[] | undefined;
  return {
    ...(values ? { extra: Object.fromEntries(extraKeys.map((k, i) => [k, values[i]])) } : {}),
    id: row.id,
    institutionId: row.institutionId,
    termId: row.termId,
    termName: row.termName,
    termStartsOn: row.termStartsOn,
    termEndsOn: row.termEndsOn,
    termLocked: row.termLocked,
    yearName: row.yearName,
    yearClosed: row.yearClosedAt !== null,
    groupId: row.groupId,
    groupName: row.groupName,
    subgroupId: row.subgroupId,
    subgroupName: row.subgroupName,
    itemCode: row.itemCode,
    itemName: row.itemName,
    attestationForm: row.attestationForm ?? null,
    teacherUserId: row.teacherUserId,
    teacherName:
      row.teacherLast === null
        ? 'преподаватель не назначен'
        : shortName({ lastName: row.teacherLast, firstName: row.teacherFirst!, middleName: row.teacherMiddle }),
    plannedHours: row.plannedHours,
    inEditScope: Boolean(row.inEditScope),
    inUnlockScope: Boolean(row.inUnlockScope),
  };
}

function assignmentQuery(
  db: Db,
  actor: Actor,
  assignmentId: SQL,
  permission: Permission,
  extra: Record<string, SQL>,
  bind: Bind,
) {
  return db
    .select({
      ...(Object.keys(extra).length
        ? { extra: sql<unknown>`json_build_array(${sql.join(Object.values(extra), sql`, `)})` }
        : {}),
      id: teachingAssignments.id,
      institutionId: teachingAssignments.institutionId,
      termId: terms.id,
      termName: terms.name,
      termStartsOn: terms.startsOn,
      termEndsOn: terms.endsOn,
      termLocked: terms.locked,
      yearName: academicYears.name,
      yearClosedAt: academicYears.closedAt,
      groupId: groups.id,
      groupName: groupNameInTermYear,
      subgroupId: subgroups.id,
      subgroupName: subgroups.name,
      itemCode: curriculumItems.code,
      itemName: curriculumItems.name,
      teacherUserId: users.id,
      teacherLast: users.lastName,
      teacherFirst: users.firstName,
      teacherMiddle: users.middleName,
      plannedHours: teachingAssignments.plannedHours,
      attestationForm: curriculumItemTerms.attestationForm,
      inEditScope: sql<boolean>`(${assignmentScope(actor, 'journal.edit', bind)})`,
      inUnlockScope: sql<boolean>`(${assignmentScope(actor, 'journal.unlock', bind)})`,
    })
    .from(teachingAssignments)
    .innerJoin(terms, JOIN.assignmentTerm)
    .innerJoin(academicYears, JOIN.termYear)
    .innerJoin(groups, JOIN.assignmentGroup)
    .innerJoin(curriculumItems, JOIN.assignmentItem)
    .leftJoin(users, eq(users.id, teachingAssignments.teacherUserId))
    .leftJoin(subgroups, JOIN.assignmentSubgroup)
    .leftJoin(
      curriculumItemTerms,
      and(
        eq(curriculumItemTerms.institutionId, teachingAssignments.institutionId),
        eq(curriculumItemTerms.curriculumItemId, teachingAssignments.curriculumItemId),
        sql`${q(curriculumItemTerms.semester)} = ${semesterOfTerm}`,
      ),
    )
    .where(and(eq(teachingAssignments.id, assignmentId), assignmentScope(actor, permission, bind)))
    .limit(1);
}

export interface EditAccess {
  canEdit: boolean;
  /** Why the page is read-only, in Russian; null when editable. */
  reason: string | null;
  grant: { id: number; validUntil: Date; reason: string } | null;
  /**
   * The actor is not the journal's teacher but reaches it as a substitute: they fill only the lessons they taught
   * (domain/lesson-teacher.ts), never add or delete lessons or attestation results (issue #11, item 5).
   */
  substitute: boolean;
}

/**
 * May this actor change this journal now? The teacher (or an administrator) within the edit scope, while the term is
 * open and the year not closed; in a closed term only under an unexpired grant made out to this user.
 */
export async function editAccess(db: Db, actor: Actor, assignment: AssignmentContext): Promise<EditAccess> {
  const substitute = assignment.teacherUserId !== actor.userId;
  if (!can(actor, 'journal.edit')) return { canEdit: false, reason: 'Только просмотр', grant: null, substitute: false };
  if (!assignment.inEditScope)
    return {
      canEdit: false,
      reason: 'Только просмотр: журнал ведёт другой преподаватель',
      grant: null,
      substitute: false,
    };
  if (!assignment.termLocked && !assignment.yearClosed) return { canEdit: true, reason: null, grant: null, substitute };
  const [grant] = await db
    .select({ id: journalEditGrants.id, validUntil: journalEditGrants.validUntil, reason: journalEditGrants.reason })
    .from(journalEditGrants)
    .where(
      and(
        eq(journalEditGrants.institutionId, assignment.institutionId),
        eq(journalEditGrants.teachingAssignmentId, assignment.id),
        eq(journalEditGrants.userId, actor.userId),
        isNull(journalEditGrants.revokedAt),
        gt(journalEditGrants.validUntil, new Date()),
      ),
    )
    .orderBy(journalEditGrants.validUntil)
    .limit(1);
  if (grant) return { canEdit: true, reason: null, grant, substitute };
  return {
    canEdit: false,
    reason: assignment.yearClosed
      ? 'Учебный год закрыт: журнал в архиве, только просмотр'
      : 'Семестр закрыт: изменения только по разрешению заведующего отделением',
    grant: null,
    substitute: false,
  };
}
