/**
 * Dated changes of the timetable (issue #11, items 2 and 4): the methodist (the head of department for the
 * department's groups) cancels, moves, substitutes or adds a lesson on a date, or reverts a change — each with a
 * reason, append-only, refused with the same reasons as a placement when it would double-book a teacher, a room or a
 * group. Changes and placements are drafts until the methodist publishes them; publishing records the difference.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { groups, teacherUnavailability, timetableChanges, timetableEntries } from '../../../db/schema';
import { formatDate, isoWeekday, weekStart, type IsoDate } from '../../../domain/dates';
import { idSchema as id, isoDateSchema } from '../../../domain/ids';
import {
  hasHard,
  MAX_PAIRS_A_DAY,
  placementConflicts,
  unavailableMessage,
  type PlacedEntry,
} from '../../../domain/timetable';
import {
  activeChanges,
  CHANGE_KINDS,
  CHANGE_LABELS,
  rankSubstitutes,
  substituteReasons,
  warningRefusal,
  type SubstituteCandidate,
} from '../../../domain/timetable-changes';
import { todayOf, type Actor } from '../../policy/actor';
import { groupScope } from '../../policy/scope';
import { logAdminChange } from '../admin-log';
import { badInput, conflict, outOfScope } from '../refusals';
import { collegeWeek, groupDayOff, weekTerms, type DatedLessonView, type DayView } from './dates';
import { countDate, groupStudents, unavailablePairs, type TimetableTerm } from './frame';
import { pendingCount } from './publish';
import { assignmentFor } from './template';

export const groupDatesInput = z.object({ groupId: id.optional(), date: isoDateSchema('Неделя').optional() });

export interface GroupDates {
  term: { id: number; name: string };
  monday: IsoDate;
  groups: { id: number; name: string }[];
  group: { id: number; name: string } | null;
  days: (DayView & { groupOff: string | null })[];
  lessons: DatedLessonView[];
  journals: { assignmentId: number; label: string }[];
  rooms: { id: number; label: string }[];
  teachers: { id: number; name: string }[];
  /** Not yet published: placements added or removed, changes made. */
  pending: number;
  /**
   * For each planned lesson (by key): the teachers free then, best first, with why (issue #11, item 5), and the
   * warning choosing one brings (marked unavailable then), which the methodist must confirm.
   */
  substitutes: Record<string, { id: number; label: string; warning: string | null }[]>;
}

/**
 * Free teachers for each planned lesson of the group, ranked (domain `rankSubstitutes`): not teaching at that date and
 * pair; who teaches the group, who teaches the subject, how many substitutions in the lesson's month.
 */
async function substitutesFor(
  db: Db,
  week: Awaited<ReturnType<typeof collegeWeek>>,
  lessons: DatedLessonView[],
  institutionId: number,
): Promise<GroupDates['substitutes']> {
  const away = await db
    .select({
      userId: teacherUnavailability.userId,
      weekday: teacherUnavailability.weekday,
      pairNo: teacherUnavailability.pairNo,
    })
    .from(teacherUnavailability)
    .where(eq(teacherUnavailability.institutionId, institutionId));
  const awaySet = new Set(away.map((a) => `${a.userId}:${a.weekday}:${a.pairNo}`));
  const journals = [...week.journals.values()];
  const active = new Set(activeChanges(week.changes).map((c) => c.id));
  const madeOn = new Map(week.changes.filter((c) => c.toDate).map((c) => [`c${c.id}`, c.toDate!]));
  const monthly = new Map<string, number>();
  for (const c of week.changes) {
    if (c.kind !== 'substitute' || !active.has(c.id) || c.substituteId === null || !c.targetKey) continue;
    const on = c.targetKey.match(/@(\d{4}-\d{2})-\d{2}$/)?.[1] ?? madeOn.get(c.targetKey)?.slice(0, 7);
    if (on) monthly.set(`${c.substituteId}:${on}`, (monthly.get(`${c.substituteId}:${on}`) ?? 0) + 1);
  }
  const result: GroupDates['substitutes'] = {};
  for (const lesson of lessons.filter((l) => l.status === 'planned')) {
    const busy = new Set(
      week.lessons
        .filter((l) => l.date === lesson.date && l.pairNo === lesson.pairNo && l.status === 'planned')
        .map((l) => l.teacherId),
    );
    const weekday = isoWeekday(lesson.date);
    const candidates: SubstituteCandidate[] = [...week.names]
      .filter(([id]) => !busy.has(id))
      .map(([id, name]) => ({
        id,
        name,
        teachesGroup: journals.some((j) => j.teacherId === id && j.groupId === lesson.groupId),
        teachesSubject: journals.some((j) => j.teacherId === id && j.subject === lesson.subject),
        substitutionsThisMonth: monthly.get(`${id}:${lesson.date.slice(0, 7)}`) ?? 0,
        unavailable: awaySet.has(`${id}:${weekday}:${lesson.pairNo}`),
      }));
    result[lesson.key] = rankSubstitutes(candidates).map((c) => ({
      id: c.id,
      label: `${c.name} — ${substituteReasons(c)}`,
      warning: c.unavailable ? unavailableMessage(c.name, weekday, lesson.pairNo) : null,
    }));
  }
  return result;
}

/** The methodist's week of dates for a group: the lessons as they will be held, with the changes that shaped them. */
export async function groupDates(db: Db, actor: Actor, input: z.infer<typeof groupDatesInput>): Promise<GroupDates> {
  const { term, terms, date } = await weekTerms(db, actor, 'timetable.place', input.date, todayOf(actor));
  const inScope = await db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(eq(groups.institutionId, term.institutionId), groupScope(actor, 'timetable.place')))
    .orderBy(groups.name);
  const week = await collegeWeek(db, terms, date, 'draft');
  const withLessons = inScope.filter((g) => [...week.journals.values()].some((j) => j.groupId === g.id));
  const groupId = input.groupId ?? withLessons[0]?.id;
  const group = withLessons.find((g) => g.id === groupId) ?? null;
  if (input.groupId !== undefined && !group) throw outOfScope();
  return {
    term: { id: term.id, name: term.name },
    monday: week.monday,
    groups: withLessons,
    group,
    days: week.days.map((d) => ({ ...d, groupOff: group ? groupDayOff(week.off, group.id, d.date) : null })),
    lessons: group ? week.lessons.filter((l) => l.groupId === group.id) : [],
    journals: [...week.journals.values()]
      .filter((j) => j.groupId === group?.id)
      .map((j) => ({ assignmentId: j.assignmentId, label: `${j.subject}${j.subgroup ? `, ${j.subgroup}` : ''}` })),
    rooms: week.roomList.filter((r) => r.inUse).map((r) => ({ id: r.id, label: r.label })),
    teachers: [...week.names]
      .map(([tid, name]) => ({ id: tid, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru')),
    pending: await pendingCount(db, term.institutionId),
    substitutes: group
      ? await substitutesFor(
          db,
          week,
          week.lessons.filter((l) => l.groupId === group.id),
          term.institutionId,
        )
      : {},
  };
}

/**
 * One form for every kind of change: `kind` says which fields it reads — cancel: `targetKey`; move: `targetKey`,
 * `toDate`, `toPairNo`, `toRoomId` (blank keeps the room); substitute: `targetKey`, `substituteId`; extra:
 * `assignmentId`, `toDate`, `toPairNo`, `toRoomId`; revert: `changeId`. A reason always.
 */
export const changeInput = z.object({
  kind: z.enum(CHANGE_KINDS, { error: 'Вид изменения: выберите из списка' }),
  targetKey: z
    .string()
    .regex(/^(e\d+@\d{4}-\d{2}-\d{2}|c\d+)$/, 'Занятие: не найдено')
    .optional(),
  assignmentId: id.optional(),
  changeId: id.optional(),
  toDate: isoDateSchema('Дата').optional(),
  toPairNo: z.number().int().min(1, 'Пара: от 1 до 8').max(8, 'Пара: от 1 до 8').optional(),
  toRoomId: id.optional(),
  substituteId: id.optional(),
  reason: z
    .string()
    .trim()
    .min(3, 'Причина: напишите, почему меняется расписание')
    .max(200, 'Причина: не длиннее 200 знаков'),
  /**
   * The methodist confirms the warnings that do not block (the substitute marked unavailable then, a room too small,
   * more pairs a day than the rule): without it a change with a warning is refused naming it; with it the warnings are
   * kept on the change.
   */
  confirmWarnings: z.boolean().default(false),
});
type ChangeInput = z.infer<typeof changeInput>;

async function journalOfChange(db: Db, input: ChangeInput): Promise<number> {
  if (input.kind === 'extra') {
    if (!input.assignmentId) throw badInput('Журнал: выберите, какое занятие добавить');
    return input.assignmentId;
  }
  if (input.kind === 'revert') {
    if (!input.changeId) throw badInput('Изменение: не выбрано');
    const [c] = await db.select().from(timetableChanges).where(eq(timetableChanges.id, input.changeId));
    if (!c) throw outOfScope();
    return c.teachingAssignmentId;
  }
  if (!input.targetKey) throw badInput('Занятие: не выбрано');
  const entry = /^e(\d+)@/.exec(input.targetKey);
  const change = /^c(\d+)$/.exec(input.targetKey);
  const [row] = entry
    ? await db
        .select({ a: timetableEntries.teachingAssignmentId })
        .from(timetableEntries)
        .where(eq(timetableEntries.id, Number(entry[1])))
    : await db
        .select({ a: timetableChanges.teachingAssignmentId })
        .from(timetableChanges)
        .where(eq(timetableChanges.id, Number(change![1])));
  if (!row) throw outOfScope();
  return row.a;
}

/**
 * Makes one dated change (append-only) and logs it. Refused: a lesson already changed away or not on that date (409),
 * a date outside the term or without lessons for the group, a pair not in the bells (400), a teacher, room or group
 * busy then (409, naming with whom).
 */
export async function makeChange(db: Db, actor: Actor, input: ChangeInput): Promise<string> {
  const a = await assignmentFor(db, actor, await journalOfChange(db, input));
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(1101, ${a.institutionId})`);
    if (input.kind === 'revert') return revert(tx, actor, a.term, input.changeId!, input.reason);
    return change(tx, actor, a, input, await lessonDate(tx, input));
  });
}

/** The date of the lesson a change is about: the placement's date in its key, a made lesson's date, a new one's. */
async function lessonDate(tx: Db, input: ChangeInput): Promise<IsoDate> {
  const placed = input.targetKey ? /^e\d+@(\d{4}-\d{2}-\d{2})$/.exec(input.targetKey) : null;
  if (placed) return placed[1]!;
  if (input.targetKey) {
    const [made] = await tx
      .select({ toDate: timetableChanges.toDate })
      .from(timetableChanges)
      .where(eq(timetableChanges.id, Number(input.targetKey.slice(1))));
    if (!made?.toDate) throw conflict('Это занятие уже изменено — обновите страницу');
    return made.toDate;
  }
  if (!input.toDate) throw badInput('Дата: укажите, на какой день');
  return input.toDate;
}

type Journal = Awaited<ReturnType<typeof assignmentFor>>;

async function change(tx: Db, actor: Actor, a: Journal, input: ChangeInput, lessonDate: IsoDate): Promise<string> {
  const term = a.term;
  const here = await collegeWeek(tx, [term], lessonDate, 'draft');
  const target = input.targetKey ? here.lessons.find((l) => l.key === input.targetKey) : undefined;
  if (input.targetKey && (!target || target.status !== 'planned'))
    throw conflict('Это занятие уже изменено или его нет в этот день — обновите страницу');
  const what = `${a.names.group}${a.names.subgroup ? ` (${a.names.subgroup})` : ''}, ${a.names.subject}`;

  if (input.kind === 'cancel') {
    await record(tx, actor, a, input, { targetKey: input.targetKey! });
    return `Отменено: ${what}, ${formatDate(target!.date)}, ${target!.pairNo}-я пара`;
  }

  const toDate = input.kind === 'substitute' ? target!.date : input.toDate;
  const toPairNo = input.kind === 'substitute' ? target!.pairNo : input.toPairNo;
  if (!toDate) throw badInput('Дата: укажите, на какой день');
  if (!toPairNo) throw badInput('Пара: укажите номер пары');
  if (toDate < term.startsOn || toDate > term.endsOn)
    throw badInput(
      `Дата: ${formatDate(toDate)} вне семестра (${formatDate(term.startsOn)}–${formatDate(term.endsOn)})`,
    );
  const there = weekStart(toDate) === here.monday ? here : await collegeWeek(tx, [term], toDate, 'draft');
  const dayOff = there.days.find((d) => d.date === toDate)?.off ?? groupDayOff(there.off, a.groupId, toDate);
  if (dayOff) throw badInput(`Дата: ${formatDate(toDate)} — ${dayOff}, занятий нет`);
  if (isoWeekday(toDate) === 7) throw badInput(`Дата: ${formatDate(toDate)} — воскресенье`);

  const teacherId = input.kind === 'substitute' ? (input.substituteId ?? null) : (target?.teacherId ?? a.teacherId);
  if (input.kind === 'substitute') {
    if (!input.substituteId) throw badInput('Преподаватель: выберите, кто заменит');
    if (!there.names.has(input.substituteId)) throw badInput('Преподаватель: нет такого преподавателя в колледже');
    if (input.substituteId === target!.teacherId) throw badInput('Преподаватель: это тот же преподаватель');
  }
  const roomId = input.toRoomId ?? (input.kind === 'extra' ? null : (target?.roomId ?? null));
  const room = roomId === null ? null : (there.roomList.find((r) => r.id === roomId) ?? null);
  if (roomId !== null && !room) throw badInput('Аудитория: нет такой аудитории в колледже');

  // The date's lessons as placements of one date, checked with the placement rules.
  const weekday = isoWeekday(toDate);
  const asPlaced = (l: DatedLessonView, i: number): PlacedEntry => {
    const j = there.journals.get(l.assignmentId);
    return {
      entryId: i + 1,
      assignmentId: l.assignmentId,
      groupId: l.groupId,
      subgroupId: j?.subgroupId ?? null,
      teacherId: l.teacherId,
      roomId: l.roomId,
      weekday,
      pairNo: l.pairNo,
      parity: 'every',
      validFrom: toDate,
      validTo: toDate,
      names: { group: l.group, subgroup: l.subgroup, subject: l.subject, teacher: l.teacher, room: l.room },
    };
  };
  const onDate = there.lessons.filter((l) => l.date === toDate && l.status === 'planned');
  const others = onDate.map(asPlaced);
  const self = target ? onDate.indexOf(target) + 1 : null;
  const students = await groupStudents(tx, term, a.groupId, countDate(term, toDate));
  const conflicts = placementConflicts(
    {
      entryId: self && self > 0 ? self : null,
      assignmentId: a.id,
      groupId: a.groupId,
      subgroupId: a.subgroupId,
      teacherId,
      roomId,
      weekday,
      pairNo: toPairNo,
      parity: 'every',
      validFrom: toDate,
      validTo: toDate,
    },
    others,
    {
      names: {
        ...a.names,
        teacher: teacherId === null ? null : (there.names.get(teacherId) ?? null),
        room: room?.label ?? null,
      },
      subgroupStudents: students.subgroupStudents,
      students: students.sizeOf(a.subgroupId),
      room,
      teacherUnavailable: await unavailablePairs(tx, a.institutionId, teacherId),
      pairsOf: (d) => there.days.find((x) => x.weekday === d)?.pairs.map((p) => p.pairNo) ?? [],
      maxPairsADay: MAX_PAIRS_A_DAY,
    },
  );
  // Double booking never passes. A soft rule passes once the methodist has seen and confirmed it (issue #26, item 5b):
  // the warning is kept on the change. A substitution changes only who teaches: the teacher's rules are its warnings.
  if (hasHard(conflicts))
    throw conflict(
      `Нельзя: ${conflicts
        .filter((c) => c.hard)
        .map((c) => c.message)
        .join('; ')}`,
    );
  const warnings = conflicts
    .filter((c) => !c.hard && (input.kind !== 'substitute' || c.rule === 'unavailable'))
    .map((c) => c.message);
  if (warnings.length > 0 && !input.confirmWarnings) throw conflict(warningRefusal(warnings));
  const confirmed = warnings.length > 0 ? { warnings } : {};

  if (input.kind === 'substitute') {
    await record(tx, actor, a, input, {
      targetKey: input.targetKey!,
      substituteUserId: input.substituteId!,
      ...confirmed,
    });
    return `Замена: ${what}, ${formatDate(toDate)}, ${toPairNo}-я пара — ведёт ${there.names.get(input.substituteId!) ?? ''}`;
  }
  await record(tx, actor, a, input, {
    targetKey: input.kind === 'move' ? (input.targetKey ?? null) : null,
    toDate,
    toPairNo,
    toRoomId: roomId,
    ...confirmed,
  });
  const where = `${formatDate(toDate)}, ${toPairNo}-я пара${room ? `, ауд. ${room.label}` : ''}`;
  return input.kind === 'move' ? `Перенесено: ${what} → ${where}` : `Добавлено занятие: ${what}, ${where}`;
}

async function record(
  tx: Db,
  actor: Actor,
  a: Journal,
  input: ChangeInput,
  fields: Partial<typeof timetableChanges.$inferInsert>,
) {
  const [saved] = await tx
    .insert(timetableChanges)
    .values({
      institutionId: a.institutionId,
      kind: input.kind,
      teachingAssignmentId: a.id,
      reason: input.reason,
      createdBy: actor.userId,
      ...fields,
    })
    .returning();
  await logAdminChange(tx, actor, a.institutionId, 'timetable_change', null, saved, input.reason);
  return saved!;
}

async function revert(tx: Db, actor: Actor, term: TimetableTerm, changeId: number, reason: string): Promise<string> {
  const [target] = await tx
    .select()
    .from(timetableChanges)
    .where(and(eq(timetableChanges.institutionId, term.institutionId), eq(timetableChanges.id, changeId)));
  if (!target) throw outOfScope();
  const [already] = await tx
    .select({ id: timetableChanges.id })
    .from(timetableChanges)
    .where(
      and(
        eq(timetableChanges.institutionId, term.institutionId),
        eq(timetableChanges.kind, 'revert'),
        eq(timetableChanges.revertsChangeId, changeId),
      ),
    );
  if (already) throw conflict('Это изменение уже отменено');
  const [saved] = await tx
    .insert(timetableChanges)
    .values({
      institutionId: term.institutionId,
      kind: 'revert',
      teachingAssignmentId: target.teachingAssignmentId,
      revertsChangeId: changeId,
      reason,
      createdBy: actor.userId,
    })
    .returning();
  await logAdminChange(tx, actor, term.institutionId, 'timetable_change', target, saved, reason);
  return `Изменение отменено: ${CHANGE_LABELS[target.kind as keyof typeof CHANGE_LABELS]}`;
}
