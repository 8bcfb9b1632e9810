/**
 * Teaching load (нагрузка) per term: teacher × group or subgroup × curriculum line, with planned hours. These are the
 * journal pages. The term's load is created from the groups' curricula in one action (journals without teachers yet),
 * then teachers are assigned line by line. Every change is logged.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, queryRows, type Db } from '../../../db/client';
import { q } from '../../../db/sql';
import {
  academicYears,
  curricula,
  curriculumItems,
  curriculumItemTerms,
  groups,
  lessons,
  subgroups,
  teachingAssignments,
  terms,
  userRoles,
  users,
} from '../../../db/schema';
import { shortName } from '../../../domain/names';
import { todayOf, type Actor } from '../../policy/actor';
import { groupScope, institutionsFor } from '../../policy/scope';
import { openTerms } from '../../queries/terms';
import { logAdminChange } from '../admin-log';
import { badInput, outOfScope } from '../refusals';
import { idSchema as id } from '../../../domain/ids';
import { JOIN } from '../../../db/joins';

export const loadTermInput = z.object({ termId: id.optional() });
export const createLoadInput = z.object({ termId: id, groupIds: z.array(id).max(500).optional() });
export const updateAssignmentInput = z.object({
  assignmentId: id,
  teacherUserId: id.nullable(),
  plannedHours: z
    .number()
    .int('Часы нагрузки: целое число')
    .min(0, 'Часы нагрузки: не меньше 0')
    .max(2000, 'Часы нагрузки: не больше 2000'),
});
export const assignmentInput = z.object({ assignmentId: id });

export interface LoadLine {
  assignmentId: number | null;
  itemId: number;
  code: string;
  name: string;
  planHours: number | null;
  attestationForm: string | null;
  subgroup: string | null;
  teacherUserId: number | null;
  teacherName: string | null;
  plannedHours: number | null;
  lessons: number;
}

export interface TermLoad {
  term: { id: number; name: string; locked: boolean };
  terms: { id: number; name: string }[];
  teachers: { id: number; name: string }[];
  groups: { id: number; name: string; semester: number; curriculum: string | null; lines: LoadLine[] }[];
}

async function termFor(db: Db, actor: Actor, termId: number | undefined) {
  const list = await openTerms(db, institutionsFor(actor, 'load.manage'));
  const today = todayOf(actor);
  const term =
    termId !== undefined
      ? list.find((t) => t.id === termId)
      : (list.find((t) => t.startsOn <= today && today <= t.endsOn) ??
        list.find((t) => t.startsOn > today) ??
        list.at(-1));
  if (!term) throw termId !== undefined ? outOfScope() : badInput('Нет открытого учебного года');
  return { term, list: list.filter((t) => t.institutionId === term.institutionId) };
}

/** Groups in scope that study in the term (admitted by then, not graduated before it), with their semester. */
async function groupsOfTerm(
  db: Db,
  actor: Actor,
  term: { institutionId: number; number: number; yearStart: string; startsOn: string },
  groupIds?: number[],
) {
  const yearStart = Number(term.yearStart.slice(0, 4));
  const rows = await db
    .select({
      id: groups.id,
      name: groups.name,
      specialtyId: groups.specialtyId,
      admissionYear: groups.admissionYear,
      graduatedOn: groups.graduatedOn,
    })
    .from(groups)
    .where(
      and(
        eq(groups.institutionId, term.institutionId),
        groupScope(actor, 'load.manage'),
        sql`${q(groups.admissionYear)} <= ${yearStart}`,
        sql`(${q(groups.graduatedOn)} is null or ${q(groups.graduatedOn)} >= ${term.startsOn})`,
        groupIds ? inArray(groups.id, groupIds.length ? groupIds : [-1]) : undefined,
      ),
    )
    .orderBy(asc(groups.name));
  return rows.map((g) => ({ ...g, semester: (yearStart - g.admissionYear) * 2 + term.number }));
}

/** Plan lines with hours in the semester, per group (from the curriculum of the group's specialty and admission year). */
async function planLines(
  db: Db,
  institutionId: number,
  group: { specialtyId: number; admissionYear: number; semester: number },
) {
  return db
    .select({
      itemId: curriculumItems.id,
      code: curriculumItems.code,
      name: curriculumItems.name,
      curriculum: curricula.name,
      hours: curriculumItemTerms.hoursTotal,
      form: curriculumItemTerms.attestationForm,
    })
    .from(curriculumItemTerms)
    .innerJoin(
      curriculumItems,
      and(
        eq(curriculumItems.institutionId, curriculumItemTerms.institutionId),
        eq(curriculumItems.id, curriculumItemTerms.curriculumItemId),
      ),
    )
    .innerJoin(
      curricula,
      and(eq(curricula.institutionId, curriculumItems.institutionId), eq(curricula.id, curriculumItems.curriculumId)),
    )
    .where(
      and(
        eq(curricula.institutionId, institutionId),
        eq(curricula.specialtyId, group.specialtyId),
        eq(curricula.admissionYear, group.admissionYear),
        eq(curriculumItemTerms.semester, group.semester),
        sql`${q(curriculumItemTerms.hoursTotal)} > 0`,
      ),
    )
    .orderBy(asc(curriculumItems.sortOrder));
}

export async function loadTerm(db: Db, actor: Actor, input: z.infer<typeof loadTermInput>): Promise<TermLoad> {
  const { term, list } = await termFor(db, actor, input.termId);
  const groupRows = await groupsOfTerm(db, actor, term);
  const assignments = groupRows.length
    ? await db
        .select({
          id: teachingAssignments.id,
          groupId: teachingAssignments.groupId,
          itemId: teachingAssignments.curriculumItemId,
          code: curriculumItems.code,
          name: curriculumItems.name,
          subgroup: subgroups.name,
          teacherUserId: teachingAssignments.teacherUserId,
          teacherLast: users.lastName,
          teacherFirst: users.firstName,
          teacherMiddle: users.middleName,
          plannedHours: teachingAssignments.plannedHours,
          lessons: sql<number>`(select count(*)::int from ${lessons} where ${q(lessons.institutionId)} = ${q(teachingAssignments.institutionId)}
            and ${q(lessons.teachingAssignmentId)} = ${q(teachingAssignments.id)})`,
        })
        .from(teachingAssignments)
        .innerJoin(curriculumItems, JOIN.assignmentItem)
        .leftJoin(subgroups, JOIN.assignmentSubgroup)
        .leftJoin(users, eq(users.id, teachingAssignments.teacherUserId))
        .where(
          and(
            eq(teachingAssignments.institutionId, term.institutionId),
            eq(teachingAssignments.termId, term.id),
            inArray(
              teachingAssignments.groupId,
              groupRows.map((g) => g.id),
            ),
          ),
        )
        .orderBy(asc(curriculumItems.sortOrder), asc(subgroups.name))
    : [];
  const teacherRows = await db
    .selectDistinct({
      id: users.id,
      lastName: users.lastName,
      firstName: users.firstName,
      middleName: users.middleName,
    })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(eq(userRoles.institutionId, term.institutionId), eq(userRoles.role, 'teacher'), eq(users.isActive, true)),
    )
    .orderBy(asc(users.lastName), asc(users.firstName));
  const result: TermLoad['groups'] = [];
  for (const g of groupRows) {
    const plan = await planLines(db, term.institutionId, { ...g, semester: g.semester });
    const own = assignments.filter((a) => a.groupId === g.id);
    const lines: LoadLine[] = [];
    for (const p of plan) {
      const matching = own.filter((a) => a.itemId === p.itemId);
      if (matching.length === 0) {
        lines.push({
          assignmentId: null,
          itemId: p.itemId,
          code: p.code,
          name: p.name,
          planHours: p.hours,
          attestationForm: p.form,
          subgroup: null,
          teacherUserId: null,
          teacherName: null,
          plannedHours: null,
          lessons: 0,
        });
      }
      for (const a of matching) lines.push(lineOf(a, p.hours, p.form));
    }
    for (const a of own.filter((x) => !plan.some((p) => p.itemId === x.itemId))) lines.push(lineOf(a, null, null));
    result.push({ id: g.id, name: g.name, semester: g.semester, curriculum: plan[0]?.curriculum ?? null, lines });
  }
  return {
    term: { id: term.id, name: term.name, locked: term.locked },
    terms: list.map((t) => ({ id: t.id, name: t.name })),
    teachers: teacherRows.map((t) => ({ id: t.id, name: shortName(t) })),
    groups: result,
  };
}

function lineOf(
  a: {
    id: number;
    itemId: number;
    code: string;
    name: string;
    subgroup: string | null;
    teacherUserId: number | null;
    teacherLast: string | null;
    teacherFirst: string | null;
    teacherMiddle: string | null;
    plannedHours: number;
    lessons: number;
  },
  planHours: number | null,
  form: string | null,
): LoadLine {
  return {
    assignmentId: a.id,
    itemId: a.itemId,
    code: a.code,
    name: a.name,
    planHours,
    attestationForm: form,
    subgroup: a.subgroup,
    teacherUserId: a.teacherUserId,
    teacherName:
      a.teacherLast === null
        ? null
        : shortName({ lastName: a.teacherLast, firstName: a.teacherFirst!, middleName: a.teacherMiddle }),
    plannedHours: a.plannedHours,
    lessons: a.lessons,
  };
}

/** Creates the term's missing journals from the curricula: one per group and plan line with hours, no teacher yet. */
export async function createLoadFromCurriculum(db: Db, actor: Actor, input: z.infer<typeof createLoadInput>) {
  const { term } = await termFor(db, actor, input.termId);
  if (term.locked) throw badInput(`${term.name} закрыт для изменений`);
  const groupRows = await groupsOfTerm(db, actor, term, input.groupIds);
  if (input.groupIds && groupRows.length !== new Set(input.groupIds).size) throw outOfScope();
  return inTransaction(db, async (tx) => {
    const created: { group: string; code: string }[] = [];
    const withoutPlan: string[] = [];
    for (const g of groupRows) {
      const plan = await planLines(tx, term.institutionId, g);
      if (plan.length === 0) withoutPlan.push(g.name);
      const existing = await tx
        .select({ itemId: teachingAssignments.curriculumItemId })
        .from(teachingAssignments)
        .where(
          and(
            eq(teachingAssignments.institutionId, term.institutionId),
            eq(teachingAssignments.termId, term.id),
            eq(teachingAssignments.groupId, g.id),
          ),
        );
      const missing = plan.filter((p) => !existing.some((e) => e.itemId === p.itemId));
      if (missing.length) {
        await tx.insert(teachingAssignments).values(
          missing.map((p) => ({
            institutionId: term.institutionId,
            termId: term.id,
            groupId: g.id,
            curriculumItemId: p.itemId,
            teacherUserId: null,
            plannedHours: p.hours,
          })),
        );
        created.push(...missing.map((p) => ({ group: g.name, code: p.code })));
      }
    }
    if (created.length) {
      await logAdminChange(
        tx,
        actor,
        term.institutionId,
        'load',
        null,
        { termId: term.id, created },
        `Нагрузка из учебного плана: ${term.name}`,
      );
    }
    return { created: created.length, groups: groupRows.length, withoutPlan };
  });
}

async function assignmentInScope(db: Db, actor: Actor, assignmentId: number) {
  const [row] = await db
    .select({
      a: teachingAssignments,
      termLocked: terms.locked,
      yearClosed: academicYears.closedAt,
      termStartsOn: terms.startsOn,
      termNumber: terms.number,
    })
    .from(teachingAssignments)
    .innerJoin(groups, JOIN.assignmentGroup)
    .innerJoin(terms, JOIN.assignmentTerm)
    .innerJoin(academicYears, JOIN.termYear)
    .where(and(eq(teachingAssignments.id, assignmentId), groupScope(actor, 'load.manage')));
  if (!row) throw outOfScope();
  if (row.yearClosed) throw badInput('Учебный год закрыт: нагрузка его архива не меняется');
  if (row.termLocked) throw badInput('Семестр закрыт для изменений: нагрузка в нём не меняется');
  return row;
}

async function lessonCount(db: Db, institutionId: number, assignmentId: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(lessons)
    .where(and(eq(lessons.institutionId, institutionId), eq(lessons.teachingAssignmentId, assignmentId)));
  return row!.n;
}

/**
 * Why a journal cannot go away (be deleted or split): it stands in the timetable (its placements and dated changes are
 * the timetable's history) or has a КТП; null when nothing holds it. Its lessons are checked by the callers.
 */
async function heldBy(db: Db, institutionId: number, assignmentId: number): Promise<string | null> {
  const [row] = await queryRows<{ timetable: boolean; ktp: boolean }>(
    db,
    sql`select exists (select 1 from timetable_entries where institution_id = ${institutionId} and teaching_assignment_id = ${assignmentId})
          or exists (select 1 from timetable_changes where institution_id = ${institutionId} and teaching_assignment_id = ${assignmentId}) as timetable,
        exists (select 1 from work_programs where institution_id = ${institutionId} and teaching_assignment_id = ${assignmentId}) as ktp`,
  );
  if (row?.timetable) return 'журнал есть в расписании (в том числе снятые занятия — это история расписания)';
  if (row?.ktp) return 'у журнала есть КТП';
  return null;
}

export async function updateAssignment(db: Db, actor: Actor, input: z.infer<typeof updateAssignmentInput>) {
  const { a } = await assignmentInScope(db, actor, input.assignmentId);
  if (input.teacherUserId !== null) {
    const [teacher] = await db
      .select({ id: userRoles.userId })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(
        and(
          eq(userRoles.userId, input.teacherUserId),
          eq(userRoles.institutionId, a.institutionId),
          eq(userRoles.role, 'teacher'),
          eq(users.isActive, true),
        ),
      );
    if (!teacher) throw badInput('Преподаватель: это не действующий преподаватель колледжа');
  }
  return inTransaction(db, async (tx) => {
    await tx
      .update(teachingAssignments)
      .set({ teacherUserId: input.teacherUserId, plannedHours: input.plannedHours })
      .where(and(eq(teachingAssignments.institutionId, a.institutionId), eq(teachingAssignments.id, a.id)));
    await logAdminChange(
      tx,
      actor,
      a.institutionId,
      'assignment',
      { assignmentId: a.id, teacherUserId: a.teacherUserId, plannedHours: a.plannedHours },
      { assignmentId: a.id, teacherUserId: input.teacherUserId, plannedHours: input.plannedHours },
      'Распределение нагрузки',
    );
    return { ok: true as const };
  });
}

/** One journal of the whole group → one per subgroup of the term (before any lesson is held). */
export async function splitAssignmentBySubgroups(db: Db, actor: Actor, input: z.infer<typeof assignmentInput>) {
  const { a } = await assignmentInScope(db, actor, input.assignmentId);
  if (a.subgroupId !== null) throw badInput('Журнал уже ведётся по подгруппе');
  if ((await lessonCount(db, a.institutionId, a.id)) > 0)
    throw badInput('В журнале уже есть занятия: делить его на подгруппы нельзя');
  const held = await heldBy(db, a.institutionId, a.id);
  if (held) throw badInput(`Делить журнал на подгруппы нельзя: ${held}`);
  const parts = await db
    .select({ id: subgroups.id, name: subgroups.name })
    .from(subgroups)
    .where(
      and(
        eq(subgroups.institutionId, a.institutionId),
        eq(subgroups.groupId, a.groupId),
        eq(subgroups.termId, a.termId),
      ),
    )
    .orderBy(asc(subgroups.name));
  if (parts.length < 2) throw badInput('У группы нет подгрупп в этом семестре: сначала разделите её на подгруппы');
  return inTransaction(db, async (tx) => {
    await tx
      .delete(teachingAssignments)
      .where(and(eq(teachingAssignments.institutionId, a.institutionId), eq(teachingAssignments.id, a.id)));
    const created = await tx
      .insert(teachingAssignments)
      .values(
        parts.map((p) => ({
          institutionId: a.institutionId,
          termId: a.termId,
          groupId: a.groupId,
          subgroupId: p.id,
          curriculumItemId: a.curriculumItemId,
          teacherUserId: a.teacherUserId,
          plannedHours: a.plannedHours,
        })),
      )
      .returning({ id: teachingAssignments.id });
    await logAdminChange(
      tx,
      actor,
      a.institutionId,
      'assignment',
      { assignmentId: a.id },
      { split: created.map((c) => c.id), subgroups: parts.map((p) => p.name) },
      'Нагрузка по подгруппам',
    );
    return { assignments: created.length };
  });
}

export async function deleteAssignment(db: Db, actor: Actor, input: z.infer<typeof assignmentInput>) {
  const { a } = await assignmentInScope(db, actor, input.assignmentId);
  const held = await lessonCount(db, a.institutionId, a.id);
  if (held > 0) throw badInput(`В журнале есть занятия (${held}): удалить его нельзя`);
  const holder = await heldBy(db, a.institutionId, a.id);
  if (holder) throw badInput(`Удалить журнал нельзя: ${holder}`);
  await inTransaction(db, async (tx) => {
    await tx
      .delete(teachingAssignments)
      .where(and(eq(teachingAssignments.institutionId, a.institutionId), eq(teachingAssignments.id, a.id)));
    await logAdminChange(
      tx,
      actor,
      a.institutionId,
      'assignment',
      { assignmentId: a.id, groupId: a.groupId, itemId: a.curriculumItemId, teacherUserId: a.teacherUserId },
      null,
      'Удаление журнала из нагрузки',
    );
  });
  return { ok: true as const };
}
