/**
 * Contingent movement by the director's order (regulation §5.2): enrolment, transfer to another group, academic leave,
 * expulsion, reinstatement. Each closes and/or opens a group membership at the date the order takes effect, so journals
 * show the student exactly for the dates in the group. Membership history is never rewritten, only ended and added.
 */
import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { q } from '../../../db/sql';
import { groupMemberships, groups, journalCells, lessons, students, teachingAssignments } from '../../../db/schema';
import { addDays, formatDate } from '../../../domain/dates';
import { MOVEMENT_LABELS } from '../../../domain/movement-kinds';
import { cleanName, fullName, personKey } from '../../../domain/names';
import type { Actor } from '../../policy/actor';
import { institutionsFor, studentScope } from '../../policy/scope';
import { logAdminChange } from '../admin-log';
import { badInput, outOfScope } from '../refusals';
import { countOf, NOUNS } from '../../../domain/plural';
import { groupMembersFrom } from '../../queries/people';
import { idSchema as id, isoDateSchema } from '../../../domain/ids';

const order = {
  effectiveOn: isoDateSchema('Дата вступления в силу'),
  orderNo: z.string().trim().min(1, 'Номер приказа: заполните').max(50, 'Номер приказа: не длиннее 50 знаков'),
  orderDate: isoDateSchema('Дата приказа'),
};

export const movementInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('move'), studentId: id, toGroupId: id, ...order }),
  z.object({ kind: z.literal('leave'), studentId: id, ...order }),
  z.object({
    kind: z.literal('expel'),
    studentId: id,
    reason: z.string().trim().min(3, 'Основание отчисления: укажите').max(200),
    ...order,
  }),
  z.object({ kind: z.literal('reinstate'), studentId: id, toGroupId: id, ...order }),
]);

export const enrolInput = z.object({
  groupId: id,
  lastName: z.string().overwrite(cleanName).min(1, 'Фамилия: заполните').max(100),
  firstName: z.string().overwrite(cleanName).min(1, 'Имя: заполните').max(100),
  middleName: z.string().overwrite(cleanName).max(100).optional(),
  birthDate: isoDateSchema('Дата рождения').optional(),
  recordBookNo: z.string().trim().max(30).optional(),
  ...order,
});

async function currentGroup(db: Db, institutionId: number, groupId: number) {
  const [group] = await db
    .select({ id: groups.id, name: groups.name, graduatedOn: groups.graduatedOn })
    .from(groups)
    .where(and(eq(groups.institutionId, institutionId), eq(groups.id, groupId)));
  if (!group) throw outOfScope();
  if (group.graduatedOn)
    throw badInput(`Группа ${group.name} выпущена ${formatDate(group.graduatedOn)}: в неё нельзя зачислить`);
  return group;
}

/** Marks of the student in the group's journals on or after `from`: they would fall outside the membership. */
async function marksFrom(db: Db, institutionId: number, studentId: number, groupId: number, from: string) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, last: sql<string | null>`max(${q(lessons.date)})::text` })
    .from(journalCells)
    .innerJoin(
      lessons,
      and(eq(lessons.institutionId, journalCells.institutionId), eq(lessons.id, journalCells.lessonId)),
    )
    .innerJoin(
      teachingAssignments,
      and(
        eq(teachingAssignments.institutionId, lessons.institutionId),
        eq(teachingAssignments.id, lessons.teachingAssignmentId),
      ),
    )
    .where(
      and(
        eq(journalCells.institutionId, institutionId),
        eq(journalCells.studentId, studentId),
        eq(teachingAssignments.groupId, groupId),
        gte(lessons.date, from),
        sql`(${q(journalCells.grade1)} is not null or ${q(journalCells.grade2)} is not null or ${q(journalCells.attendance)} is not null)`,
      ),
    );
  return row!;
}

export async function moveStudent(db: Db, actor: Actor, input: z.infer<typeof movementInput>) {
  const [student] = await db
    .select()
    .from(students)
    .where(and(eq(students.id, input.studentId), studentScope(actor, 'contingent.manage')));
  if (!student) throw outOfScope();
  const institutionId = student.institutionId;
  if (input.orderDate > addDays(input.effectiveOn, 366))
    throw badInput('Дата приказа: слишком далеко от даты вступления в силу');
  return inTransaction(db, async (tx) => {
    const [open] = await tx
      .select({
        id: groupMemberships.id,
        groupId: groupMemberships.groupId,
        fromDate: groupMemberships.fromDate,
        groupName: groups.name,
      })
      .from(groupMemberships)
      .innerJoin(
        groups,
        and(eq(groups.institutionId, groupMemberships.institutionId), eq(groups.id, groupMemberships.groupId)),
      )
      .where(
        and(
          eq(groupMemberships.institutionId, institutionId),
          eq(groupMemberships.studentId, student.id),
          isNull(groupMemberships.toDate),
        ),
      );
    const name = fullName(student);
    const lastDay = addDays(input.effectiveOn, -1);
    let before: unknown = open ?? null;
    let target: { id: number; name: string } | null = null;

    if (input.kind === 'reinstate') {
      if (open) throw badInput(`${name}: уже числится в группе ${open.groupName} — восстанавливать некого`);
      target = await currentGroup(tx, institutionId, input.toGroupId);
      const [overlap] = await tx
        .select({ toDate: groupMemberships.toDate })
        .from(groupMemberships)
        .where(
          and(
            eq(groupMemberships.institutionId, institutionId),
            eq(groupMemberships.studentId, student.id),
            gte(groupMemberships.toDate, input.effectiveOn),
          ),
        );
      if (overlap)
        throw badInput(
          `Дата вступления в силу: ${name} числился в группе до ${formatDate(overlap.toDate)}, восстановить можно с ${formatDate(addDays(overlap.toDate!, 1))}`,
        );
    } else {
      if (!open) throw badInput(`${name}: не числится ни в одной группе`);
      if (input.effectiveOn <= open.fromDate) {
        throw badInput(
          `Дата вступления в силу: ${name} в группе ${open.groupName} с ${formatDate(open.fromDate)}, дата должна быть позже`,
        );
      }
      const marks = await marksFrom(tx, institutionId, student.id, open.groupId, input.effectiveOn);
      if (marks.count > 0) {
        throw badInput(
          `Дата вступления в силу: с ${formatDate(input.effectiveOn)} у студента есть отметки в журналах группы ${open.groupName} (${countOf(marks.count, NOUNS.mark)}, последняя ${formatDate(marks.last)}) — они оказались бы вне группы`,
        );
      }
      if (input.kind === 'move') {
        target = await currentGroup(tx, institutionId, input.toGroupId);
        if (target.id === open.groupId) throw badInput(`Группа: ${name} уже в группе ${target.name}`);
      }
      const endReason =
        input.kind === 'move'
          ? `перевод в группу ${target!.name}`
          : input.kind === 'leave'
            ? 'академический отпуск'
            : `отчисление: ${input.reason}`;
      await tx
        .update(groupMemberships)
        .set({ toDate: lastDay, endReason, endOrderNo: input.orderNo, endOrderDate: input.orderDate })
        .where(and(eq(groupMemberships.institutionId, institutionId), eq(groupMemberships.id, open.id)));
      before = { membershipId: open.id, group: open.groupName, from: open.fromDate };
    }
    if (target) {
      const reason = input.kind === 'move' ? `перевод из группы ${open!.groupName}` : 'восстановление';
      await tx.insert(groupMemberships).values({
        institutionId,
        studentId: student.id,
        groupId: target.id,
        fromDate: input.effectiveOn,
        orderNo: input.orderNo,
        orderDate: input.orderDate,
        reason,
      });
    }
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'movement',
      before,
      { studentId: student.id, kind: input.kind, group: target?.name ?? null, effectiveOn: input.effectiveOn },
      `Приказ № ${input.orderNo} от ${formatDate(input.orderDate)}: ${MOVEMENT_LABELS[input.kind]}, ${name}`,
    );
    return { ok: true as const };
  });
}

/** A new student's membership of the group from the order's effective date (reason «зачисление»). */
export async function enrolMembership(
  db: Db,
  institutionId: number,
  studentId: number,
  groupId: number,
  order: { effectiveOn: string; orderNo: string; orderDate: string },
) {
  await db.insert(groupMemberships).values({
    institutionId,
    studentId,
    groupId,
    fromDate: order.effectiveOn,
    orderNo: order.orderNo,
    orderDate: order.orderDate,
    reason: 'зачисление',
  });
}

export async function enrolStudent(db: Db, actor: Actor, input: z.infer<typeof enrolInput>) {
  const [institutionId] = institutionsFor(actor, 'contingent.manage');
  if (institutionId === undefined) throw outOfScope();
  return inTransaction(db, async (tx) => {
    const group = await currentGroup(tx, institutionId, input.groupId);
    if (input.recordBookNo) {
      const [same] = await tx
        .select({ id: students.id })
        .from(students)
        .where(and(eq(students.institutionId, institutionId), eq(students.recordBookNo, input.recordBookNo)));
      if (same) throw badInput(`№ зачётной книжки: ${input.recordBookNo} уже выдан другому студенту`);
    }
    // The same student already in the group (as the list import checks it): the same name, ё as е and any case, and the
    // same birth date when one is given.
    const members = await groupMembersFrom(tx, institutionId, group.id, input.effectiveOn);
    const key = personKey({
      lastName: input.lastName,
      firstName: input.firstName,
      middleName: input.middleName || null,
    });
    if (members.some((m) => personKey(m) === key && (!input.birthDate || m.birthDate === input.birthDate))) {
      throw badInput(`${fullName(input)}: уже в группе ${group.name}`);
    }
    const [student] = await tx
      .insert(students)
      .values({
        institutionId,
        lastName: input.lastName,
        firstName: input.firstName,
        middleName: input.middleName || null,
        birthDate: input.birthDate ?? null,
        recordBookNo: input.recordBookNo || null,
      })
      .returning({ id: students.id });
    await enrolMembership(tx, institutionId, student!.id, group.id, input);
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'movement',
      null,
      { studentId: student!.id, kind: 'enrol', group: group.name, effectiveOn: input.effectiveOn },
      `Приказ № ${input.orderNo} от ${formatDate(input.orderDate)}: зачисление, ${fullName(input)}`,
    );
    return { studentId: student!.id, groupName: group.name };
  });
}
