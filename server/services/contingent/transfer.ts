/**
 * Transfer from course to course by the director's order (regulation §5.2): every current group of the institution (or
 * the chosen ones) moves on to its next course for the new academic year, final-year groups graduate. The preview and
 * the transfer are computed by the same function; the transfer is one transaction. A group keeps its identity (its
 * students, curator and curriculum); the name and course it had last year are kept in `group_year_names`, so last
 * year's journals read as they were.
 */
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { q } from '../../../db/sql';
import { academicYears, groupMemberships, groups, groupYearNames, specialties, userRoles } from '../../../db/schema';
import {
  namingOnTransfer,
  newGroupNameProblem,
  transferActionFor,
  type Naming,
  type TransferAction,
} from '../../../domain/course-transfer';
import { addDays, formatDate } from '../../../domain/dates';
import type { Actor } from '../../policy/actor';
import { logAdminChange } from '../admin-log';
import { badInput, institutionOf, outOfScope } from '../refusals';
import { idSchema, isoDateSchema } from '../../../domain/ids';

export const transferPreviewInput = z.object({
  targetYearId: idSchema,
  /** The groups to move; all current groups of the institution when omitted. */
  groupIds: z.array(idSchema).max(2000).optional(),
  /** The administrator's names for the next course, in place of the proposed ones (checked per group, see plan). */
  newNames: z
    .array(z.object({ groupId: idSchema, name: z.string().max(200, 'Новое название: не длиннее 30 знаков') }))
    .max(2000)
    .optional(),
});

export const transferInput = transferPreviewInput.extend({
  orderNo: z.string().trim().min(1, 'Номер приказа: заполните').max(50, 'Номер приказа: не длиннее 50 знаков'),
  orderDate: isoDateSchema('Дата приказа'),
});

export interface TransferRow {
  groupId: number;
  name: string;
  specialty: string;
  course: number;
  action: TransferAction;
  /** Whether the name carries the course, why, and whether that is a guess; null for a group that graduates. */
  naming: Omit<Naming, 'proposedName'> | null;
  /** The name by the rule, and the name the group will have: the administrator's when given, else the proposed one. */
  proposedName: string | null;
  newName: string | null;
  /** The administrator gave the new name. */
  nameEdited: boolean;
  newCourse: number | null;
  /** Students in the group on the last day before the transfer takes effect. */
  students: number;
  /** Why the group cannot be moved as planned; the transfer is refused while any row has one. */
  problem: string | null;
}

export interface TransferPreview {
  fromYear: { id: number; name: string };
  toYear: { id: number; name: string };
  effectiveOn: string;
  rows: TransferRow[];
  /** Groups of the choice that already moved on into this year (by an earlier order). */
  alreadyMoved: { groupId: number; name: string; orderNo: string; orderDate: string }[];
}

async function plan(
  db: Db,
  institutionId: number,
  input: z.infer<typeof transferPreviewInput>,
): Promise<TransferPreview> {
  const [toYear] = await db
    .select()
    .from(academicYears)
    .where(and(eq(academicYears.institutionId, institutionId), eq(academicYears.id, input.targetYearId)));
  if (!toYear) throw outOfScope();
  if (toYear.closedAt) throw badInput(`Учебный год ${toYear.name} закрыт: перевести в него нельзя`);
  const [fromYear] = await db
    .select()
    .from(academicYears)
    .where(and(eq(academicYears.institutionId, institutionId), lt(academicYears.startsOn, toYear.startsOn)))
    .orderBy(desc(academicYears.startsOn))
    .limit(1);
  if (!fromYear) throw badInput(`Перевод: перед учебным годом ${toYear.name} нет года, из которого переводить`);
  const effectiveOn = toYear.startsOn;
  const lastDay = addDays(effectiveOn, -1);
  const fromStartYear = Number(fromYear.startsOn.slice(0, 4));

  const rows = await db
    .select({
      groupId: groups.id,
      name: groups.name,
      course: groups.course,
      admissionYear: groups.admissionYear,
      specialty: sql<string>`${q(specialties.code)} || ' ' || ${q(specialties.name)}`,
      durationMonths: specialties.durationMonths,
      students: sql<number>`(select count(distinct ${q(groupMemberships.studentId)})::int from ${groupMemberships}
        where ${q(groupMemberships.institutionId)} = ${q(groups.institutionId)} and ${q(groupMemberships.groupId)} = ${q(groups.id)}
          and ${q(groupMemberships.fromDate)} <= ${lastDay} and (${q(groupMemberships.toDate)} is null or ${q(groupMemberships.toDate)} >= ${lastDay}))`,
      movedOrderNo: groupYearNames.orderNo,
      movedOrderDate: groupYearNames.orderDate,
    })
    .from(groups)
    .innerJoin(
      specialties,
      and(eq(specialties.institutionId, groups.institutionId), eq(specialties.id, groups.specialtyId)),
    )
    .leftJoin(
      groupYearNames,
      and(
        eq(groupYearNames.institutionId, groups.institutionId),
        eq(groupYearNames.groupId, groups.id),
        eq(groupYearNames.academicYearId, fromYear.id),
      ),
    )
    .where(
      and(
        eq(groups.institutionId, institutionId),
        isNull(groups.graduatedOn),
        // Groups admitted for the new year have nothing to move on from.
        sql`${q(groups.admissionYear)} <= ${fromStartYear}`,
        input.groupIds ? inArray(groups.id, input.groupIds.length ? input.groupIds : [-1]) : undefined,
      ),
    )
    .orderBy(asc(groups.course), asc(groups.name));
  if (input.groupIds) {
    const found = new Set(rows.map((r) => r.groupId));
    if (input.groupIds.some((id) => !found.has(id)))
      throw badInput('Перевод: среди выбранных групп есть выпущенные, новые или чужие');
  }

  const taken = await db
    .select({
      id: groups.id,
      name: groups.name,
      course: groups.course,
      admissionYear: groups.admissionYear,
      graduatedOn: groups.graduatedOn,
    })
    .from(groups)
    .where(eq(groups.institutionId, institutionId));
  const moving = rows.filter((r) => r.movedOrderNo === null);
  const actionOf = new Map(moving.map((r) => [r.groupId, transferActionFor(r.course, r.durationMonths)]));

  const edits = new Map<number, string>();
  for (const { groupId, name } of input.newNames ?? []) {
    const group = taken.find((g) => g.id === groupId);
    if (!group) throw badInput('Перевод: новое название задано для группы не из вашей организации');
    if (edits.has(groupId)) throw badInput(`Группа ${group.name}: новое название задано дважды`);
    if (!actionOf.has(groupId))
      throw badInput(`Группа ${group.name}: не переводится этим приказом, новое название ей не задать`);
    if (actionOf.get(groupId) === 'graduate')
      throw badInput(`Группа ${group.name} выпускается: новое название ей не нужно`);
    edits.set(groupId, name.trim());
  }

  // The group's name before its last transfer (the latest of the past years' names) and the intakes, to read names by.
  const history = await db
    .select({ groupId: groupYearNames.groupId, name: groupYearNames.name, course: groupYearNames.course })
    .from(groupYearNames)
    .innerJoin(
      academicYears,
      and(
        eq(academicYears.institutionId, groupYearNames.institutionId),
        eq(academicYears.id, groupYearNames.academicYearId),
      ),
    )
    .where(and(eq(groupYearNames.institutionId, institutionId), lt(academicYears.startsOn, fromYear.startsOn)))
    .orderBy(desc(academicYears.startsOn));
  const previous = new Map<number, { name: string; course: number }>();
  for (const h of history) if (!previous.has(h.groupId)) previous.set(h.groupId, h);

  const planned = moving.map((r) => {
    const action = actionOf.get(r.groupId)!;
    if (action === 'graduate') return { r, action, naming: null, proposedName: null, newName: null, nameProblem: null };
    const naming = namingOnTransfer(r, {
      previous: previous.get(r.groupId),
      intake: taken.filter((g) => g.id !== r.groupId && g.admissionYear === r.admissionYear),
    });
    const edit = edits.get(r.groupId);
    const newName = edit ?? naming.proposedName;
    return {
      r,
      action,
      naming,
      proposedName: naming.proposedName,
      newName,
      nameProblem: edit === undefined ? null : newGroupNameProblem(edit, r.name),
    };
  });

  // Every group's name in the new year: moving groups by the plan, the rest as they are now; and who is still there.
  const newNameOf = new Map(planned.filter((p) => p.newName !== null).map((p) => [p.r.groupId, p.newName]));
  const graduating = new Set(planned.filter((p) => p.action === 'graduate').map((p) => p.r.groupId));
  const inNewYear = taken
    .filter((g) => g.graduatedOn === null && !graduating.has(g.id))
    .map((g) => ({ ...g, newName: newNameOf.get(g.id) ?? g.name }));
  const key = (name: string) => name.trim().toLocaleLowerCase('ru');

  const result: TransferRow[] = planned.map(({ r, action, naming, proposedName, newName, nameProblem }) => {
    let problem = nameProblem;
    if (!problem && newName !== null && newName !== r.name) {
      // The database keeps names unique within an intake, graduated groups included.
      const sameIntake = taken.find(
        (g) => g.id !== r.groupId && g.admissionYear === r.admissionYear && (newNameOf.get(g.id) ?? g.name) === newName,
      );
      const sameYear = inNewYear.find((g) => g.id !== r.groupId && key(g.newName) === key(newName));
      if (sameIntake) problem = `Группа ${newName} набора ${r.admissionYear} г. уже есть: переименуйте одну из них`;
      else if (sameYear && sameYear.newName === sameYear.name) {
        problem = `Группа ${sameYear.name} (набор ${sameYear.admissionYear} г.) уже есть в ${toYear.name}: выберите другое название`;
      } else if (sameYear) {
        problem = `В ${toYear.name} так же будет называться группа ${sameYear.name} (набор ${sameYear.admissionYear} г.): выберите другое название`;
      }
    }
    return {
      groupId: r.groupId,
      name: r.name,
      specialty: r.specialty,
      course: r.course,
      action,
      naming: naming && { carriesCourse: naming.carriesCourse, guess: naming.guess, why: naming.why },
      proposedName,
      newName,
      nameEdited: edits.has(r.groupId),
      newCourse: action === 'transfer' ? r.course + 1 : null,
      students: r.students,
      problem,
    };
  });
  return {
    fromYear: { id: fromYear.id, name: fromYear.name },
    toYear: { id: toYear.id, name: toYear.name },
    effectiveOn,
    rows: result,
    alreadyMoved: rows
      .filter((r) => r.movedOrderNo !== null)
      .map((r) => ({ groupId: r.groupId, name: r.name, orderNo: r.movedOrderNo!, orderDate: r.movedOrderDate! })),
  };
}

export async function previewTransfer(
  db: Db,
  actor: Actor,
  input: z.infer<typeof transferPreviewInput>,
): Promise<TransferPreview> {
  return plan(db, institutionOf(actor, 'contingent.manage'), input);
}

/** Does what the preview shows, in one transaction; refuses the whole transfer when any group has a problem. */
export async function runTransfer(db: Db, actor: Actor, input: z.infer<typeof transferInput>) {
  const institutionId = institutionOf(actor, 'contingent.manage');
  return inTransaction(db, async (tx) => {
    const preview = await plan(tx, institutionId, input);
    if (preview.rows.length === 0) {
      throw badInput(`Перевод: выбранные группы уже переведены в ${preview.toYear.name}, переводить нечего`);
    }
    const problem = preview.rows.find((r) => r.problem);
    if (problem) throw badInput(`Группа ${problem.name}: ${problem.problem}`);
    if (input.orderDate > preview.effectiveOn) {
      throw badInput(
        `Дата приказа: ${formatDate(input.orderDate)} позже начала учебного года ${formatDate(preview.effectiveOn)}`,
      );
    }
    const lastDay = addDays(preview.effectiveOn, -1);
    await tx.insert(groupYearNames).values(
      preview.rows.map((r) => ({
        institutionId,
        groupId: r.groupId,
        academicYearId: preview.fromYear.id,
        name: r.name,
        course: r.course,
        orderNo: input.orderNo,
        orderDate: input.orderDate,
      })),
    );
    for (const r of preview.rows.filter((row) => row.action === 'transfer')) {
      await tx
        .update(groups)
        .set({ course: r.newCourse!, name: r.newName! })
        .where(and(eq(groups.institutionId, institutionId), eq(groups.id, r.groupId)));
    }
    const graduating = preview.rows.filter((r) => r.action === 'graduate').map((r) => r.groupId);
    if (graduating.length) {
      await tx
        .update(groups)
        .set({ graduatedOn: lastDay })
        .where(and(eq(groups.institutionId, institutionId), inArray(groups.id, graduating)));
      await tx
        .update(groupMemberships)
        .set({ toDate: lastDay, endReason: 'выпуск', endOrderNo: input.orderNo, endOrderDate: input.orderDate })
        .where(
          and(
            eq(groupMemberships.institutionId, institutionId),
            inArray(groupMemberships.groupId, graduating),
            isNull(groupMemberships.toDate),
          ),
        );
      // A graduated group has no curator any more; its journals stay readable to the administration.
      await tx
        .delete(userRoles)
        .where(
          and(
            eq(userRoles.institutionId, institutionId),
            eq(userRoles.role, 'curator'),
            inArray(userRoles.groupId, graduating),
          ),
        );
    }
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'transfer',
      null,
      {
        fromYearId: preview.fromYear.id,
        toYearId: preview.toYear.id,
        orderNo: input.orderNo,
        orderDate: input.orderDate,
        groups: preview.rows.map((r) => ({
          groupId: r.groupId,
          from: r.name,
          to: r.newName,
          action: r.action,
          students: r.students,
          ...(r.naming && {
            carriesCourse: r.naming.carriesCourse,
            proposed: r.proposedName,
            nameEdited: r.nameEdited,
          }),
        })),
      },
      `Приказ № ${input.orderNo} от ${formatDate(input.orderDate)}: перевод на следующий курс`,
    );
    return {
      transferred: preview.rows.filter((r) => r.action === 'transfer').length,
      graduated: graduating.length,
      students: preview.rows.reduce((sum, r) => sum + r.students, 0),
    };
  });
}
