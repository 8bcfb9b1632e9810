/**
 * The weekly template of the timetable (issue #11, items 2–3; regulation §5.4), for the methodist (the head of
 * department for the groups of the department): each cell's verdict for a journal being placed, and placing, moving
 * and removing placements — refused on the server with the reasons the grid shows (domain/timetable.ts).
 * Writes of one college are serialised by a transaction-scoped advisory lock, so two methodists cannot both take the
 * last free pair of a teacher; every write is in the change log.
 */
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import {
  academicYears,
  curriculumItems,
  groups,
  subgroups,
  teachingAssignments,
  terms,
  timetableEntries,
  users,
} from '../../../db/schema';
import { idSchema as id, isoDateSchema } from '../../../domain/ids';
import { shortName } from '../../../domain/names';
import { formatDate } from '../../../domain/dates';
import {
  hasHard,
  MAX_PAIRS_A_DAY,
  PARITIES,
  placementConflicts,
  proposeRoom,
  slotsMeet,
  WEEKDAYS,
  type Conflict,
  type Placement,
  type Slot,
} from '../../../domain/timetable';
import { todayOf, type Actor } from '../../policy/actor';
import { groupScope, institutionsFor } from '../../policy/scope';
import { openTerms } from '../../queries/terms';
import { logAdminChange } from '../admin-log';
import { badInput, conflict, outOfScope } from '../refusals';
import {
  countDate,
  groupStudentsLoad,
  loadTogether,
  pairsByWeekdayLoad,
  recentRoomsLoad,
  roomsLoad,
  termPlacements,
  termPlacementsLoad,
  unavailablePairsLoad,
  type RoomRow,
  type TermPlacement,
  type TimetableTerm,
} from './frame';
import { JOIN } from '../../../db/joins';

export const PERMISSION = 'timetable.place';

/** The term asked for, else the one today falls in, else the next to start, else the last. */
export async function termFor(db: Db, actor: Actor, termId: number | undefined) {
  const list = await openTerms(db, institutionsFor(actor, PERMISSION));
  const today = todayOf(actor);
  const term =
    termId !== undefined
      ? list.find((t) => t.id === termId)
      : (list.find((t) => t.startsOn <= today && today <= t.endsOn) ??
        list.find((t) => t.startsOn > today) ??
        list.at(-1));
  if (!term) throw termId !== undefined ? outOfScope() : badInput('Семестр: нет открытого учебного года');
  return { term: term as TimetableTerm, list: list.filter((t) => t.institutionId === term.institutionId) };
}

/** A journal in the actor's scope for placing: its group, subgroup, teacher, term and names. 403 otherwise. */
export async function assignmentFor(db: Db, actor: Actor, assignmentId: number) {
  const [row] = await db
    .select({
      id: teachingAssignments.id,
      institutionId: teachingAssignments.institutionId,
      termId: teachingAssignments.termId,
      groupId: teachingAssignments.groupId,
      subgroupId: teachingAssignments.subgroupId,
      teacherId: teachingAssignments.teacherUserId,
      group: groups.name,
      subgroup: subgroups.name,
      subject: curriculumItems.shortName,
      lastName: users.lastName,
      firstName: users.firstName,
      middleName: users.middleName,
      term: {
        id: terms.id,
        institutionId: terms.institutionId,
        name: terms.name,
        startsOn: terms.startsOn,
        endsOn: terms.endsOn,
        yearStart: academicYears.startsOn,
      },
    })
    .from(teachingAssignments)
    .innerJoin(groups, JOIN.assignmentGroup)
    .innerJoin(terms, JOIN.assignmentTerm)
    .innerJoin(academicYears, JOIN.termYear)
    .innerJoin(curriculumItems, JOIN.assignmentItem)
    .leftJoin(subgroups, JOIN.assignmentSubgroup)
    .leftJoin(users, eq(users.id, teachingAssignments.teacherUserId))
    .where(
      and(
        eq(teachingAssignments.id, assignmentId),
        groupScope(actor, PERMISSION),
        // The timetable of a closed year is history: it is read, not changed.
        isNull(academicYears.closedAt),
      ),
    );
  if (!row) throw outOfScope();
  return {
    ...row,
    term: row.term,
    names: {
      group: row.group,
      subgroup: row.subgroup,
      subject: row.subject,
      teacher: row.lastName
        ? shortName({ lastName: row.lastName, firstName: row.firstName ?? '', middleName: row.middleName })
        : null,
    },
  };
}
type AssignmentForPlacing = Awaited<ReturnType<typeof assignmentFor>>;

/** The verdict for one cell: the room proposed (or kept) and every reason against. */
export interface CellVerdict {
  weekday: number;
  pairNo: number;
  roomId: number | null;
  room: string | null;
  conflicts: Conflict[];
}

/**
 * Loads what a journal's placements are checked against, once, and answers for any slot. `keepRoomOf` (a move) puts
 * the moved placement's room first among the proposals and skips the placement itself.
 */
async function placementChecker(
  db: Db,
  a: AssignmentForPlacing,
  today: string,
  moving: TermPlacement | null = null,
  focus: { weekday: number; pairNo: number } | null = null,
) {
  // One cell (placing, moving): only the placements on that pair and the group's that day can collide with it.
  const only = focus
    ? and(
        eq(timetableEntries.weekday, focus.weekday),
        or(eq(timetableEntries.pairNo, focus.pairNo), eq(teachingAssignments.groupId, a.groupId)),
      )
    : undefined;
  // One statement for all of it (frame.ts `loadTogether`): inside the placing transaction each query is a round trip.
  const loaded = await loadTogether(db, {
    placements: termPlacementsLoad(a.term, only),
    recent: recentRoomsLoad(a.term, a),
    pairsOf: pairsByWeekdayLoad(a.institutionId),
    roomList: roomsLoad(a.institutionId),
    students: groupStudentsLoad(a.term, a.groupId, countDate(a.term, today)),
    unavailable: unavailablePairsLoad(a.institutionId, a.teacherId),
  });
  const { placements, recent, pairsOf, roomList, students, unavailable } = loaded;
  const roomById = new Map(roomList.map((r) => [r.id, r]));
  const preferred = [...(moving?.roomId ? [moving.roomId] : []), ...recent];
  const size = students.sizeOf(a.subgroupId);

  function check(slot: Slot, roomId: number | null | undefined): CellVerdict {
    const base: Placement = {
      ...slot,
      entryId: moving?.entryId ?? null,
      assignmentId: a.id,
      groupId: a.groupId,
      subgroupId: a.subgroupId,
      teacherId: a.teacherId,
      roomId: null,
    };
    let chosen: RoomRow | null = null;
    if (roomId === undefined) {
      const busy = new Set(
        placements
          .filter((p) => p.entryId !== base.entryId && p.roomId !== null && slotsMeet(base, p))
          .map((p) => p.roomId!),
      );
      const proposed = proposeRoom(roomList, preferred, busy, size);
      chosen = proposed ? roomById.get(proposed.id)! : null;
    } else if (roomId !== null) {
      chosen = roomById.get(roomId) ?? null;
      if (!chosen) throw badInput('Аудитория: нет такой аудитории в колледже');
    }
    const conflicts = placementConflicts({ ...base, roomId: chosen?.id ?? null }, placements, {
      names: { ...a.names, room: chosen?.label ?? null },
      subgroupStudents: students.subgroupStudents,
      students: size,
      room: chosen,
      teacherUnavailable: unavailable,
      pairsOf: (weekday) => pairsOf(weekday).map((p) => p.pairNo),
      maxPairsADay: MAX_PAIRS_A_DAY,
    });
    return {
      weekday: slot.weekday,
      pairNo: slot.pairNo,
      roomId: chosen?.id ?? null,
      room: chosen?.label ?? null,
      conflicts,
    };
  }
  return { check, pairsOf, placements };
}

const slotFields = {
  weekday: z
    .number()
    .int()
    .min(1, 'День недели: от понедельника до субботы')
    .max(6, 'День недели: от понедельника до субботы'),
  pairNo: z.number().int().min(1, 'Пара: от 1 до 8').max(8, 'Пара: от 1 до 8'),
};
const roomField = id.nullable().optional();
const reasonField = z.string().trim().max(200, 'Причина: не длиннее 200 знаков').optional();

/** Which weeks and dates: parity and an optional from/to inside the term. */
export const slotOptionsInput = z.object({
  assignmentId: id,
  parity: z.enum(PARITIES, { error: 'Недели: каждую, числитель или знаменатель' }).default('every'),
  validFrom: isoDateSchema('С').nullable().optional(),
  validTo: isoDateSchema('По').nullable().optional(),
  /** A placement being moved: it is skipped, its room proposed first. */
  entryId: id.optional(),
});

/** Place a journal on a weekday's pair; `roomId` undefined proposes a room, null places without one. */
export const placeInput = slotOptionsInput.omit({ entryId: true }).extend({
  ...slotFields,
  roomId: roomField,
  /** Needed to place over a soft rule (pairs a day, room size, the teacher's unavailable time). */
  overrideReason: reasonField,
});

/** Move a placement to another weekday / pair and/or room; `roomId` undefined keeps the room if free, else proposes. */
export const moveInput = z.object({ entryId: id, ...slotFields, roomId: roomField, overrideReason: reasonField });
export const entryInput = z.object({ entryId: id });

function checkPeriod(term: TimetableTerm, validFrom: string | null, validTo: string | null) {
  const span = `${formatDate(term.startsOn)}–${formatDate(term.endsOn)}`;
  if (validFrom && (validFrom < term.startsOn || validFrom > term.endsOn))
    throw badInput(`С: дата вне семестра (${span})`);
  if (validTo && (validTo < term.startsOn || validTo > term.endsOn)) throw badInput(`По: дата вне семестра (${span})`);
  if (validFrom && validTo && validTo < validFrom) throw badInput('По: дата окончания раньше даты начала');
}

/** Each cell of the week (every pair in the bells) for placing the journal: the proposed room and the reasons against. */
export async function cellOptions(
  db: Db,
  actor: Actor,
  input: z.infer<typeof slotOptionsInput>,
): Promise<CellVerdict[]> {
  const a = await assignmentFor(db, actor, input.assignmentId);
  const validFrom = input.validFrom ?? null;
  const validTo = input.validTo ?? null;
  checkPeriod(a.term, validFrom, validTo);
  const moving = input.entryId ? await liveEntry(db, actor, input.entryId) : null;
  const { check, pairsOf } = await placementChecker(db, a, todayOf(actor), moving?.placement ?? null);
  return WEEKDAYS.flatMap((weekday) =>
    pairsOf(weekday).map((p) =>
      check({ weekday, pairNo: p.pairNo, parity: input.parity, validFrom, validTo }, undefined),
    ),
  );
}

function refuseConflicts(conflicts: Conflict[], overrideReason: string | undefined) {
  if (hasHard(conflicts))
    throw conflict(
      `Нельзя поставить: ${conflicts
        .filter((c) => c.hard)
        .map((c) => c.message)
        .join('; ')}`,
    );
  if (conflicts.length > 0 && !overrideReason)
    throw conflict(`Нужна причина, чтобы поставить вопреки правилу: ${conflicts.map((c) => c.message).join('; ')}`);
}

async function lockTimetable(tx: Db, institutionId: number) {
  // One writer of a college's timetable at a time: checks and insert see the same placements (key 1101 = timetable).
  await tx.execute(sql`select pg_advisory_xact_lock(1101, ${institutionId})`);
}

export interface PlacedResult {
  entryId: number;
  room: string | null;
  /** The soft rules placed over, when a reason was given. */
  overridden: string[];
}

/** Places a journal on a pair (issue #11, item 3): hard conflicts refused, soft ones only with a stated reason. */
export async function placeEntry(db: Db, actor: Actor, input: z.infer<typeof placeInput>): Promise<PlacedResult> {
  const a = await assignmentFor(db, actor, input.assignmentId);
  const validFrom = input.validFrom ?? null;
  const validTo = input.validTo ?? null;
  checkPeriod(a.term, validFrom, validTo);
  return inTransaction(db, async (tx) => {
    await lockTimetable(tx, a.institutionId);
    const focus = { weekday: input.weekday, pairNo: input.pairNo };
    const { check } = await placementChecker(tx, a, todayOf(actor), null, focus);
    const verdict = check(
      { weekday: input.weekday, pairNo: input.pairNo, parity: input.parity, validFrom, validTo },
      input.roomId,
    );
    refuseConflicts(verdict.conflicts, input.overrideReason);
    const reason = verdict.conflicts.length ? input.overrideReason! : null;
    const [saved] = await tx
      .insert(timetableEntries)
      .values({
        institutionId: a.institutionId,
        teachingAssignmentId: a.id,
        weekday: input.weekday,
        pairNo: input.pairNo,
        parity: input.parity,
        roomId: verdict.roomId,
        validFrom,
        validTo,
        overrideReason: reason,
        warnings: reason ? verdict.conflicts.map((c) => c.message) : null,
        createdBy: actor.userId,
      })
      .returning();
    await logAdminChange(
      tx,
      actor,
      a.institutionId,
      'timetable_entry',
      null,
      saved,
      reason ?? 'Расписание: занятие поставлено',
    );
    return { entryId: saved!.id, room: verdict.room, overridden: verdict.conflicts.map((c) => c.message) };
  });
}

/** A live placement in the actor's scope, with its journal. */
async function liveEntry(db: Db, actor: Actor, entryId: number) {
  const [row] = await db
    .select({ assignmentId: timetableEntries.teachingAssignmentId })
    .from(timetableEntries)
    .where(
      and(
        eq(timetableEntries.id, entryId),
        inArray(timetableEntries.institutionId, [-1, ...institutionsFor(actor, PERMISSION)]),
      ),
    );
  if (!row) throw outOfScope();
  const a = await assignmentFor(db, actor, row.assignmentId);
  const [placement] = await termPlacements(db, a.term, eq(timetableEntries.id, entryId));
  if (!placement) throw conflict('Это занятие уже перемещено или снято — расписание обновлено');
  return { a, placement };
}

/** Moves a placement (another pair, another room, or both): the old row is marked removed, the new one points back. */
export async function moveEntry(db: Db, actor: Actor, input: z.infer<typeof moveInput>): Promise<PlacedResult> {
  return inTransaction(db, async (tx) => {
    const { a } = await liveEntry(tx, actor, input.entryId);
    await lockTimetable(tx, a.institutionId);
    const { placement } = await liveEntry(tx, actor, input.entryId);
    const focus = { weekday: input.weekday, pairNo: input.pairNo };
    const { check } = await placementChecker(tx, a, todayOf(actor), placement, focus);
    const slot = {
      weekday: input.weekday,
      pairNo: input.pairNo,
      parity: placement.parity,
      validFrom: placement.validFrom,
      validTo: placement.validTo,
    };
    const verdict = check(slot, input.roomId);
    refuseConflicts(verdict.conflicts, input.overrideReason);
    const reason = verdict.conflicts.length ? input.overrideReason! : null;
    const [before] = await tx
      .update(timetableEntries)
      .set({ removedAt: new Date(), removedBy: actor.userId })
      .where(
        and(
          eq(timetableEntries.institutionId, a.institutionId),
          eq(timetableEntries.id, input.entryId),
          isNull(timetableEntries.removedAt),
        ),
      )
      .returning();
    if (!before) throw conflict('Это занятие уже перемещено или снято — расписание обновлено');
    const [saved] = await tx
      .insert(timetableEntries)
      .values({
        institutionId: a.institutionId,
        teachingAssignmentId: a.id,
        ...slot,
        roomId: verdict.roomId,
        overrideReason: reason,
        warnings: reason ? verdict.conflicts.map((c) => c.message) : null,
        movedFromId: input.entryId,
        createdBy: actor.userId,
      })
      .returning();
    await logAdminChange(
      tx,
      actor,
      a.institutionId,
      'timetable_entry',
      before,
      saved,
      reason ?? 'Расписание: занятие перемещено',
    );
    return { entryId: saved!.id, room: verdict.room, overridden: verdict.conflicts.map((c) => c.message) };
  });
}

/** Removes a placement from the template (the row stays, marked removed, for the history). */
export async function removeEntry(db: Db, actor: Actor, input: z.infer<typeof entryInput>): Promise<{ removed: true }> {
  return inTransaction(db, async (tx) => {
    const { a } = await liveEntry(tx, actor, input.entryId);
    const [before] = await tx
      .update(timetableEntries)
      .set({ removedAt: new Date(), removedBy: actor.userId })
      .where(
        and(
          eq(timetableEntries.institutionId, a.institutionId),
          eq(timetableEntries.id, input.entryId),
          isNull(timetableEntries.removedAt),
        ),
      )
      .returning();
    if (!before) throw conflict('Это занятие уже перемещено или снято — расписание обновлено');
    await logAdminChange(tx, actor, a.institutionId, 'timetable_entry', before, null, 'Расписание: занятие снято');
    return { removed: true };
  });
}
