/**
 * Subgroups of a group for a term (regulation §5.3: the head of department divides a group with its curator), e.g. for
 * foreign languages, computer classes, practicals. The split is saved whole: every student of the group in the term
 * lands in exactly one subgroup. Journals of a subgroup show its members, so moving a student who already has marks in
 * a subgroup's journal needs a confirmation (the marks stay in the database and in the log, hidden from that page).
 */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { q } from '../../../db/sql';
import {
  curriculumItems,
  groupMemberships,
  groups,
  journalCells,
  lessons,
  students,
  subgroupMembers,
  subgroups,
  teachingAssignments,
} from '../../../db/schema';
import { compareByName, shortName } from '../../../domain/names';
import { todayOf, type Actor } from '../../policy/actor';
import { groupScope } from '../../policy/scope';
import { openTerms } from '../../queries/terms';
import { logAdminChange } from '../admin-log';
import { badInput, conflict as conflictRefusal, outOfScope } from '../refusals';
import { idSchema as id } from '../../../domain/ids';
import { JOIN } from '../../../db/joins';

export const subgroupSplitInput = z.object({ groupId: id, termId: id.optional() });

export const saveSubgroupsInput = z.object({
  groupId: id,
  termId: id,
  subgroups: z
    .array(
      z.object({
        id: id.optional(),
        name: z
          .string()
          .trim()
          .min(1, 'Название подгруппы: заполните')
          .max(60, 'Название подгруппы: не длиннее 60 знаков'),
        studentIds: z.array(id).max(200),
      }),
    )
    .min(2, 'Подгруппы: нужно не меньше двух')
    .max(6, 'Подгруппы: не больше шести'),
  /** Move students who have marks in a subgroup's journal anyway. */
  confirm: z.boolean().optional(),
});

export interface SubgroupSplit {
  group: { id: number; name: string };
  term: { id: number; name: string; locked: boolean };
  terms: { id: number; name: string }[];
  students: { id: number; name: string }[];
  subgroups: { id: number; name: string; studentIds: number[]; journals: string[] }[];
}

async function groupInScope(db: Db, actor: Actor, groupId: number) {
  const [group] = await db
    .select({ id: groups.id, institutionId: groups.institutionId, name: groups.name })
    .from(groups)
    .where(and(eq(groups.id, groupId), groupScope(actor, 'subgroups.manage'), isNull(groups.graduatedOn)));
  if (!group) throw outOfScope();
  return group;
}

async function studentsInTerm(
  db: Db,
  institutionId: number,
  groupId: number,
  term: { startsOn: string; endsOn: string },
) {
  const rows = await db
    .selectDistinct({
      id: students.id,
      lastName: students.lastName,
      firstName: students.firstName,
      middleName: students.middleName,
    })
    .from(groupMemberships)
    .innerJoin(
      students,
      and(eq(students.institutionId, groupMemberships.institutionId), eq(students.id, groupMemberships.studentId)),
    )
    .where(
      and(
        eq(groupMemberships.institutionId, institutionId),
        eq(groupMemberships.groupId, groupId),
        lte(groupMemberships.fromDate, term.endsOn),
        or(isNull(groupMemberships.toDate), gte(groupMemberships.toDate, term.startsOn)),
      ),
    );
  return rows.sort(compareByName).map((s) => ({ id: s.id, name: shortName(s) }));
}

async function currentSplit(db: Db, institutionId: number, groupId: number, termId: number) {
  const rows = await db
    .select({ id: subgroups.id, name: subgroups.name })
    .from(subgroups)
    .where(
      and(eq(subgroups.institutionId, institutionId), eq(subgroups.groupId, groupId), eq(subgroups.termId, termId)),
    )
    .orderBy(asc(subgroups.name));
  const ids = rows.map((r) => r.id);
  const members = ids.length
    ? await db
        .select()
        .from(subgroupMembers)
        .where(and(eq(subgroupMembers.institutionId, institutionId), inArray(subgroupMembers.subgroupId, ids)))
    : [];
  const journals = ids.length
    ? await db
        .select({
          subgroupId: teachingAssignments.subgroupId,
          code: curriculumItems.code,
          name: curriculumItems.shortName,
        })
        .from(teachingAssignments)
        .innerJoin(curriculumItems, JOIN.assignmentItem)
        .where(and(eq(teachingAssignments.institutionId, institutionId), inArray(teachingAssignments.subgroupId, ids)))
    : [];
  return rows.map((r) => ({
    ...r,
    studentIds: members.filter((m) => m.subgroupId === r.id).map((m) => m.studentId),
    journals: journals.filter((j) => j.subgroupId === r.id).map((j) => `${j.code} ${j.name}`),
  }));
}

export async function loadSubgroupSplit(
  db: Db,
  actor: Actor,
  input: z.infer<typeof subgroupSplitInput>,
): Promise<SubgroupSplit> {
  const group = await groupInScope(db, actor, input.groupId);
  const termList = await openTerms(db, [group.institutionId]);
  const today = todayOf(actor);
  const term =
    input.termId !== undefined
      ? termList.find((t) => t.id === input.termId)
      : (termList.find((t) => t.startsOn <= today && today <= t.endsOn) ??
        termList.find((t) => t.startsOn > today) ??
        termList.at(-1));
  if (!term)
    throw badInput(
      input.termId !== undefined
        ? 'Семестр: нет такого семестра в открытых учебных годах'
        : 'Нет открытого учебного года',
    );
  const roster = await studentsInTerm(db, group.institutionId, group.id, term);
  const inGroup = new Set(roster.map((s) => s.id));
  const split = await currentSplit(db, group.institutionId, group.id, term.id);
  return {
    group: { id: group.id, name: group.name },
    term: { id: term.id, name: term.name, locked: term.locked },
    terms: termList.map((t) => ({ id: t.id, name: t.name })),
    students: roster,
    // Somebody who left the group before the term is no longer divided; the next save drops them.
    subgroups: split.map((s) => ({ ...s, studentIds: s.studentIds.filter((id) => inGroup.has(id)) })),
  };
}

/** Saves the whole split in one transaction; refuses (saving nothing) with a message that names the student or subgroup. */
export async function saveSubgroups(db: Db, actor: Actor, input: z.infer<typeof saveSubgroupsInput>) {
  const group = await groupInScope(db, actor, input.groupId);
  const institutionId = group.institutionId;
  const term = (await openTerms(db, [institutionId])).find((t) => t.id === input.termId);
  if (!term) throw badInput('Семестр: нет такого семестра в открытых учебных годах');
  if (term.locked) throw badInput(`${term.name} закрыт для изменений: подгруппы в нём не меняются`);
  const roster = await studentsInTerm(db, institutionId, group.id, term);
  const nameOf = new Map(roster.map((s) => [s.id, s.name]));

  const names = new Set<string>();
  const placed = new Map<number, number>();
  for (const [index, sg] of input.subgroups.entries()) {
    const key = sg.name.toLocaleLowerCase('ru');
    if (names.has(key)) throw badInput(`Подгруппа «${sg.name}»: название повторяется`);
    names.add(key);
    if (sg.studentIds.length === 0) throw badInput(`Подгруппа «${sg.name}»: в ней нет ни одного студента`);
    for (const studentId of sg.studentIds) {
      if (!nameOf.has(studentId))
        throw badInput(`Подгруппа «${sg.name}»: студент не из группы ${group.name} в этом семестре`);
      if (placed.has(studentId)) throw badInput(`${nameOf.get(studentId)}: указан(а) в двух подгруппах`);
      placed.set(studentId, index);
    }
  }
  const unplaced = roster.filter((s) => !placed.has(s.id));
  if (unplaced.length) throw badInput(`Не распределены по подгруппам: ${unplaced.map((s) => s.name).join(', ')}`);

  const existing = await currentSplit(db, institutionId, group.id, term.id);
  const byId = new Map(existing.map((s) => [s.id, s]));
  for (const sg of input.subgroups)
    if (sg.id !== undefined && !byId.has(sg.id))
      throw badInput(`Подгруппа «${sg.name}»: её уже нет, обновите страницу`);
  const kept = new Set(input.subgroups.map((s) => s.id).filter((x): x is number => x !== undefined));
  const removed = existing.filter((s) => !kept.has(s.id));
  const inUse = removed.find((s) => s.journals.length > 0);
  if (inUse)
    throw badInput(
      `Подгруппа «${inUse.name}» ведётся в журналах (${inUse.journals.join(', ')}): её нельзя удалить, только изменить состав`,
    );

  // Students leaving a subgroup in whose journals they already have marks.
  const leaving = input.subgroups.flatMap((sg) =>
    existing
      .filter((old) => old.id !== sg.id)
      .flatMap((old) =>
        sg.studentIds.filter((s) => old.studentIds.includes(s)).map((s) => ({ studentId: s, from: old })),
      ),
  );
  if (leaving.length && !input.confirm) {
    const marked = await db
      .selectDistinct({ studentId: journalCells.studentId, subgroupId: teachingAssignments.subgroupId })
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
          inArray(
            journalCells.studentId,
            leaving.map((l) => l.studentId),
          ),
          inArray(teachingAssignments.subgroupId, [...new Set(leaving.map((l) => l.from.id))]),
          sql`(${q(journalCells.grade1)} is not null or ${q(journalCells.grade2)} is not null or ${q(journalCells.attendance)} is not null)`,
        ),
      );
    const conflict = leaving.filter((l) =>
      marked.some((m) => m.studentId === l.studentId && m.subgroupId === l.from.id),
    );
    if (conflict.length) {
      throw conflictRefusal(
        `У студентов есть отметки в журналах прежней подгруппы: ${conflict.map((c) => `${nameOf.get(c.studentId)} («${c.from.name}»)`).join(', ')}. После переноса они останутся в базе, но не будут видны на странице той подгруппы. Подтвердите перенос.`,
      );
    }
  }

  return inTransaction(db, async (tx) => {
    const ids: number[] = [];
    for (const sg of input.subgroups) {
      if (sg.id !== undefined) {
        await tx
          .update(subgroups)
          .set({ name: sg.name })
          .where(and(eq(subgroups.institutionId, institutionId), eq(subgroups.id, sg.id)));
        ids.push(sg.id);
      } else {
        const [created] = await tx
          .insert(subgroups)
          .values({ institutionId, groupId: group.id, termId: term.id, name: sg.name })
          .returning({ id: subgroups.id });
        ids.push(created!.id);
      }
    }
    const allIds = [...new Set([...ids, ...existing.map((s) => s.id)])];
    await tx
      .delete(subgroupMembers)
      .where(and(eq(subgroupMembers.institutionId, institutionId), inArray(subgroupMembers.subgroupId, allIds)));
    if (removed.length) {
      await tx.delete(subgroups).where(
        and(
          eq(subgroups.institutionId, institutionId),
          inArray(
            subgroups.id,
            removed.map((s) => s.id),
          ),
        ),
      );
    }
    await tx
      .insert(subgroupMembers)
      .values(
        input.subgroups.flatMap((sg, i) =>
          sg.studentIds.map((studentId) => ({ institutionId, subgroupId: ids[i]!, studentId })),
        ),
      );
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'subgroups',
      {
        groupId: group.id,
        termId: term.id,
        subgroups: existing.map(({ id: sid, name, studentIds }) => ({ id: sid, name, studentIds })),
      },
      {
        groupId: group.id,
        termId: term.id,
        subgroups: input.subgroups.map((sg, i) => ({ id: ids[i], name: sg.name, studentIds: sg.studentIds })),
      },
      `Подгруппы группы ${group.name}, ${term.name}`,
    );
    return { subgroups: ids.length, students: placed.size };
  });
}
