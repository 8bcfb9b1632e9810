/**
 * Transfer from course to course by the director's order (regulation §5.2): every current group of the institution (or
 * the chosen ones) moves on to its next course for the new academic year, final-year groups graduate. The preview and
 * the transfer are computed by the same function; the transfer is one transaction. A group keeps its identity (its
 * students, curator and curriculum); the name and course it had last year are kept in `group_year_names`, so last
 * year's journals read as they were.
 */
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { q } from '../../db/sql';
import { academicYears, groupMemberships, groups, groupYearNames, specialties, userRoles } from '../../db/schema';
import { nameOnNextCourse, transferActionFor, type TransferAction } from '../../domain/course-transfer';
import { addDays, formatDate } from '../../domain/dates';
import type { Actor } from '../policy/actor';
import { logAdminChange } from './admin-log';
import { badInput, institutionOf, outOfScope } from './refusals';

const isoDate = (field: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${field}: ожидается дата`);

export const transferPreviewInput = z.object({
  targetYearId: z.number().int().positive(),
  /** The groups to move; all current groups of the institution when omitted. */
  groupIds: z.array(z.number().int().positive()).max(2000).optional(),
});

export const transferInput = transferPreviewInput.extend({
  orderNo: z.string().trim().min(1, 'Номер приказа: заполните').max(50, 'Номер приказа: не длиннее 50 знаков'),
  orderDate: isoDate('Дата приказа'),
});

export interface TransferRow {
  groupId: number;
  name: string;
  specialty: string;
  course: number;
  action: TransferAction;
  newName: string | null;
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


async function plan(db: Db, institutionId: number, input: z.infer<typeof transferPreviewInput>): Promise<TransferPreview> {
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
    .innerJoin(specialties, and(eq(specialties.institutionId, groups.institutionId), eq(specialties.id, groups.specialtyId)))
    .leftJoin(
      groupYearNames,
      and(eq(groupYearNames.institutionId, groups.institutionId), eq(groupYearNames.groupId, groups.id), eq(groupYearNames.academicYearId, fromYear.id)),
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
    if (input.groupIds.some((id) => !found.has(id))) throw badInput('Перевод: среди выбранных групп есть выпущенные, новые или чужие');
  }

  const taken = await db
    .select({ name: groups.name, admissionYear: groups.admissionYear, id: groups.id })
    .from(groups)
    .where(eq(groups.institutionId, institutionId));
  const moving = rows.filter((r) => r.movedOrderNo === null);
  // A name is freed by a group that moves on under a new name in this same transfer.
  const renamedAway = new Set(
    moving.filter((r) => transferActionFor(r.course, r.durationMonths) === 'transfer' && nameOnNextCourse(r.name, r.course) !== r.name).map((r) => r.groupId),
  );
  const result: TransferRow[] = moving.map((r) => {
    const action = transferActionFor(r.course, r.durationMonths);
    const newName = action === 'transfer' ? nameOnNextCourse(r.name, r.course) : null;
    const clash =
      newName !== null && newName !== r.name
        ? taken.find((g) => g.id !== r.groupId && g.name === newName && g.admissionYear === r.admissionYear && !renamedAway.has(g.id))
        : undefined;
    return {
      groupId: r.groupId,
      name: r.name,
      specialty: r.specialty,
      course: r.course,
      action,
      newName,
      newCourse: action === 'transfer' ? r.course + 1 : null,
      students: r.students,
      problem: clash ? `Группа ${newName} набора ${r.admissionYear} г. уже есть: переименуйте одну из них` : null,
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

export async function previewTransfer(db: Db, actor: Actor, input: z.infer<typeof transferPreviewInput>): Promise<TransferPreview> {
  return plan(db, institutionOf(actor, 'contingent.manage'), input);
}

/** Does what the preview shows, in one transaction; refuses the whole transfer when any group has a problem. */
export async function runTransfer(db: Db, actor: Actor, input: z.infer<typeof transferInput>) {
  const institutionId = institutionOf(actor, 'contingent.manage');
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const preview = await plan(tx, institutionId, input);
    if (preview.rows.length === 0) {
      throw badInput(`Перевод: выбранные группы уже переведены в ${preview.toYear.name}, переводить нечего`);
    }
    const problem = preview.rows.find((r) => r.problem);
    if (problem) throw badInput(`Группа ${problem.name}: ${problem.problem}`);
    if (input.orderDate > preview.effectiveOn) {
      throw badInput(`Дата приказа: ${formatDate(input.orderDate)} позже начала учебного года ${formatDate(preview.effectiveOn)}`);
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
        .where(and(eq(groupMemberships.institutionId, institutionId), inArray(groupMemberships.groupId, graduating), isNull(groupMemberships.toDate)));
      // A graduated group has no curator any more; its journals stay readable to the administration.
      await tx
        .delete(userRoles)
        .where(and(eq(userRoles.institutionId, institutionId), eq(userRoles.role, 'curator'), inArray(userRoles.groupId, graduating)));
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
        groups: preview.rows.map((r) => ({ groupId: r.groupId, from: r.name, to: r.newName, action: r.action, students: r.students })),
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
