/**
 * When lessons cannot be held, besides the college calendar (issue #11, item 1): a group's practice and session weeks
 * (no classroom lessons for that group) and a teacher's unavailable pairs (a soft rule of the timetable). Kept by the
 * methodist; every change is one transaction with its record in the change log.
 */
import { and, asc, between, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { groupCalendarDays, groups, teacherUnavailability, userRoles, users } from '../../../db/schema';
import { idSchema, isoDateSchema } from '../../../domain/ids';
import { compareByName, shortName } from '../../../domain/names';
import { pairBox, WEEKDAYS } from '../../../domain/timetable';
import {
  calendarRange,
  calendarRanges,
  GROUP_PERIOD_KINDS,
  MAX_PAIRS,
  type CalendarRange,
  type GroupPeriodKind,
} from '../../../domain/timetable-setup';
import type { Actor } from '../../policy/actor';
import { logAdminChange } from '../admin-log';
import { badInput, institutionOf, outOfScope } from '../refusals';

export interface GroupPeriods {
  groupId: number;
  group: string;
  ranges: CalendarRange<GroupPeriodKind>[];
}

export interface TeacherAvailability {
  userId: number;
  name: string;
  /** Unavailable pairs as [weekday, pairNo]. */
  unavailable: [number, number][];
}

/** The college's groups with their practice and session ranges, and its teachers with their unavailable pairs. */
export async function availability(db: Db, institutionId: number) {
  const [groupRows, days, teacherRows, away] = await Promise.all([
    db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(and(eq(groups.institutionId, institutionId), sql`${groups.graduatedOn} is null`))
      .orderBy(asc(groups.name)),
    db
      .select({
        groupId: groupCalendarDays.groupId,
        date: groupCalendarDays.date,
        kind: groupCalendarDays.kind,
        note: groupCalendarDays.note,
      })
      .from(groupCalendarDays)
      .where(eq(groupCalendarDays.institutionId, institutionId)),
    db
      .selectDistinct({
        id: users.id,
        lastName: users.lastName,
        firstName: users.firstName,
        middleName: users.middleName,
      })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.institutionId, institutionId), eq(userRoles.role, 'teacher'), eq(users.isActive, true))),
    db
      .select({
        userId: teacherUnavailability.userId,
        weekday: teacherUnavailability.weekday,
        pairNo: teacherUnavailability.pairNo,
      })
      .from(teacherUnavailability)
      .where(eq(teacherUnavailability.institutionId, institutionId))
      .orderBy(asc(teacherUnavailability.weekday), asc(teacherUnavailability.pairNo)),
  ]);
  const periods: GroupPeriods[] = groupRows.map((g) => ({
    groupId: g.id,
    group: g.name,
    ranges: calendarRanges(
      days.filter((d) => d.groupId === g.id).map((d) => ({ ...d, kind: d.kind as GroupPeriodKind })),
    ),
  }));
  const teachers: TeacherAvailability[] = teacherRows.sort(compareByName).map((t) => ({
    userId: t.id,
    name: shortName(t),
    unavailable: away.filter((a) => a.userId === t.id).map((a) => [a.weekday, a.pairNo]),
  }));
  return { groups: groupRows, periods, teachers };
}

/** Marks a group's dates from…to as practice or session, or clears them (`working`). */
export const groupPeriodInput = z.object({
  groupId: idSchema,
  fromDate: isoDateSchema('С'),
  toDate: isoDateSchema('По'),
  kind: z.enum([...GROUP_PERIOD_KINDS, 'working'], { error: 'Вид: практика, сессия или занятия по расписанию' }),
  note: z.string().trim().max(100, 'Примечание: не длиннее 100 знаков').optional(),
});

export async function setGroupPeriod(
  db: Db,
  actor: Actor,
  input: z.infer<typeof groupPeriodInput>,
): Promise<{ group: string; days: number }> {
  const institutionId = institutionOf(actor, 'timetable.manage');
  const range = calendarRange(input.fromDate, input.toDate);
  if (!range.ok) throw badInput(range.error);
  return inTransaction(db, async (tx) => {
    const [group] = await tx
      .select({ name: groups.name })
      .from(groups)
      .where(and(eq(groups.institutionId, institutionId), eq(groups.id, input.groupId)));
    if (!group) throw outOfScope();
    const where = and(
      eq(groupCalendarDays.institutionId, institutionId),
      eq(groupCalendarDays.groupId, input.groupId),
      between(groupCalendarDays.date, input.fromDate, input.toDate),
    );
    const before = await tx
      .select({ date: groupCalendarDays.date, kind: groupCalendarDays.kind, note: groupCalendarDays.note })
      .from(groupCalendarDays)
      .where(where);
    await tx.delete(groupCalendarDays).where(where);
    const after =
      input.kind === 'working' ? [] : range.dates.map((date) => ({ date, kind: input.kind, note: input.note || null }));
    if (after.length)
      await tx.insert(groupCalendarDays).values(after.map((d) => ({ institutionId, groupId: input.groupId, ...d })));
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'group_calendar',
      { groupId: input.groupId, days: before },
      { groupId: input.groupId, days: after },
      `Практика и сессия: ${group.name}`,
    );
    return { group: group.name, days: range.dates.length };
  });
}

const boxes = Object.fromEntries(
  WEEKDAYS.flatMap((weekday) =>
    Array.from({ length: MAX_PAIRS }, (_, i) => [pairBox(weekday, i + 1), z.boolean().optional()]),
  ),
) as Record<string, z.ZodOptional<z.ZodBoolean>>;

/** A teacher's unavailable pairs: a checkbox per weekday's pair (`pairBox`); the pairs left unticked are available. */
export const unavailabilityInput = z.object({ userId: idSchema, ...boxes });

function tickedPairs(input: z.infer<typeof unavailabilityInput>): [number, number][] {
  const ticked = input as Record<string, unknown>;
  return WEEKDAYS.flatMap((weekday) =>
    Array.from({ length: MAX_PAIRS }, (_, i) => i + 1)
      .filter((pairNo) => ticked[pairBox(weekday, pairNo)] === true)
      .map((pairNo): [number, number] => [weekday, pairNo]),
  );
}

export async function saveUnavailability(
  db: Db,
  actor: Actor,
  input: z.infer<typeof unavailabilityInput>,
): Promise<{ teacher: string; pairs: number }> {
  const institutionId = institutionOf(actor, 'timetable.manage');
  const pairs = tickedPairs(input);
  return inTransaction(db, async (tx) => {
    const [teacher] = await tx
      .select({ lastName: users.lastName, firstName: users.firstName, middleName: users.middleName })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(
        and(
          eq(userRoles.institutionId, institutionId),
          eq(userRoles.userId, input.userId),
          eq(userRoles.role, 'teacher'),
        ),
      )
      .limit(1);
    if (!teacher) throw outOfScope();
    const where = and(
      eq(teacherUnavailability.institutionId, institutionId),
      eq(teacherUnavailability.userId, input.userId),
    );
    const before = await tx
      .select({ weekday: teacherUnavailability.weekday, pairNo: teacherUnavailability.pairNo })
      .from(teacherUnavailability)
      .where(where);
    await tx.delete(teacherUnavailability).where(where);
    if (pairs.length)
      await tx
        .insert(teacherUnavailability)
        .values(pairs.map(([weekday, pairNo]) => ({ institutionId, userId: input.userId, weekday, pairNo })));
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'teacher_unavailability',
      { userId: input.userId, pairs: before },
      { userId: input.userId, pairs: pairs.map(([weekday, pairNo]) => ({ weekday, pairNo })) },
      `Недоступное время: ${shortName(teacher)}`,
    );
    return { teacher: shortName(teacher), pairs: pairs.length };
  });
}
