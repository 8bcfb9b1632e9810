/**
 * The timetable's frame kept by the methodist (regulation §5.4; issue #11, item 1): the bells of each kind of day and
 * the college's rooms. Every change is one transaction with its record in the append-only change log.
 */
import { and, asc, between, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { bellSlots, calendarDays, rooms } from '../../../db/schema';
import { idSchema, isoDateSchema } from '../../../domain/ids';
import { cleanName } from '../../../domain/names';
import {
  bellsFromForm,
  CALENDAR_KINDS,
  calendarRange,
  calendarRanges,
  DAY_KINDS,
  MAX_PAIRS,
  ROOM_KINDS,
  roomLabel,
  type BellSlot,
  type CalendarDay,
  type CalendarKind,
  type CalendarRange,
  type DayKind,
  type RoomKind,
} from '../../../domain/timetable-setup';
import type { Actor } from '../../policy/actor';
import { logAdminChange } from '../admin-log';
import { availability, type GroupPeriods, type TeacherAvailability } from './availability';
import { badInput, institutionOf, outOfScope } from '../refusals';

export interface Room {
  id: number;
  number: string;
  building: string | null;
  seats: number;
  kind: RoomKind;
  inUse: boolean;
}

export interface TimetableSetup {
  bells: Record<DayKind, BellSlot[]>;
  rooms: Room[];
  /** The marked dates of the calendar as ranges, by date. */
  calendar: CalendarRange[];
  groups: { id: number; name: string }[];
  /** Each group's practice and session ranges. */
  periods: GroupPeriods[];
  /** Each teacher's unavailable pairs. */
  teachers: TeacherAvailability[];
}

/** The bells and rooms of the methodist's college; rooms by building, then number in natural order (101 < 1010). */
export async function timetableSetup(db: Db, actor: Actor): Promise<TimetableSetup> {
  const institutionId = institutionOf(actor, 'timetable.manage');
  const [slots, roomRows, days, away] = await Promise.all([
    db
      .select()
      .from(bellSlots)
      .where(eq(bellSlots.institutionId, institutionId))
      .orderBy(asc(bellSlots.dayKind), asc(bellSlots.pairNo)),
    db
      .select({
        id: rooms.id,
        number: rooms.number,
        building: rooms.building,
        seats: rooms.seats,
        kind: rooms.kind,
        inUse: rooms.inUse,
      })
      .from(rooms)
      .where(eq(rooms.institutionId, institutionId)),
    db
      .select({ date: calendarDays.date, kind: calendarDays.kind, note: calendarDays.note })
      .from(calendarDays)
      .where(eq(calendarDays.institutionId, institutionId)),
    availability(db, institutionId),
  ]);
  const bells = Object.fromEntries(DAY_KINDS.map((k) => [k, [] as BellSlot[]])) as Record<DayKind, BellSlot[]>;
  for (const s of slots)
    bells[s.dayKind as DayKind]?.push({
      pairNo: s.pairNo,
      startsAt: s.startsAt.slice(0, 5),
      endsAt: s.endsAt.slice(0, 5),
    });
  const collator = new Intl.Collator('ru', { numeric: true });
  const sorted = roomRows
    .map((r) => ({ ...r, kind: r.kind as RoomKind }))
    .sort((a, b) => collator.compare(a.building ?? '', b.building ?? '') || collator.compare(a.number, b.number));
  return { bells, rooms: sorted, calendar: calendarRanges(days as CalendarDay[]), ...away };
}

type PairNo = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8; // MAX_PAIRS
type PairKey = `start${PairNo}` | `end${PairNo}`;
const time = z.string().max(5).optional();
const pairFields = Object.fromEntries(
  Array.from({ length: MAX_PAIRS }, (_, i) => [
    [`start${i + 1}`, time],
    [`end${i + 1}`, time],
  ]).flat(),
) as Record<PairKey, typeof time>;

/** The bells form: the kind of day and pairs 1…8 as `start1`/`end1` … `start8`/`end8` (`HH:MM`, blank ends the day). */
export const bellsInput = z.object({
  dayKind: z.enum(DAY_KINDS, { error: 'Вид дня: выберите будни, субботу или сокращённый день' }),
  ...pairFields,
});

/** Replaces the bells of one kind of day; refused whole, with every wrong pair named, when any pair is wrong. */
export async function saveBells(db: Db, actor: Actor, input: z.infer<typeof bellsInput>): Promise<BellSlot[]> {
  const institutionId = institutionOf(actor, 'timetable.manage');
  const read = bellsFromForm(
    Array.from({ length: MAX_PAIRS }, (_, i) => ({
      startsAt: input[`start${i + 1}` as PairKey] ?? '',
      endsAt: input[`end${i + 1}` as PairKey] ?? '',
    })),
  );
  if (!read.ok) throw badInput(read.errors.join('; '));
  return inTransaction(db, async (tx) => {
    const where = and(eq(bellSlots.institutionId, institutionId), eq(bellSlots.dayKind, input.dayKind));
    const before = await tx.select().from(bellSlots).where(where).orderBy(asc(bellSlots.pairNo));
    await tx.delete(bellSlots).where(where);
    await tx.insert(bellSlots).values(read.slots.map((s) => ({ institutionId, dayKind: input.dayKind, ...s })));
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'bells',
      {
        dayKind: input.dayKind,
        slots: before.map((s) => ({ pairNo: s.pairNo, startsAt: s.startsAt, endsAt: s.endsAt })),
      },
      { dayKind: input.dayKind, slots: read.slots },
      'Звонки',
    );
    return read.slots;
  });
}

/** A room: new (no `id`) or changed. The number is unique within its building. */
export const roomInput = z.object({
  id: idSchema.optional(),
  number: z
    .string()
    .overwrite(cleanName)
    .min(1, 'Номер аудитории: заполните')
    .max(20, 'Номер аудитории: не длиннее 20 знаков'),
  building: z.string().overwrite(cleanName).max(20, 'Корпус: не длиннее 20 знаков').optional(),
  seats: z
    .number({ error: 'Мест: укажите число' })
    .int('Мест: целое число')
    .min(1, 'Мест: не меньше 1')
    .max(1000, 'Мест: не больше 1000'),
  kind: z.enum(ROOM_KINDS, { error: 'Вид аудитории: выберите из списка' }),
  inUse: z.boolean(),
});

export async function saveRoom(db: Db, actor: Actor, input: z.infer<typeof roomInput>): Promise<Room> {
  const institutionId = institutionOf(actor, 'timetable.manage');
  const building = input.building || null;
  const values = { number: input.number, building, seats: input.seats, kind: input.kind, inUse: input.inUse };
  return inTransaction(db, async (tx) => {
    const [same] = await tx
      .select({ id: rooms.id })
      .from(rooms)
      .where(
        and(
          eq(rooms.institutionId, institutionId),
          sql`lower(${rooms.number}) = lower(${input.number})`,
          building === null ? sql`${rooms.building} is null` : sql`lower(${rooms.building}) = lower(${building})`,
          input.id ? ne(rooms.id, input.id) : undefined,
        ),
      );
    if (same) throw badInput(`Номер аудитории: «${roomLabel(values)}» уже есть`);
    let before: unknown = null;
    let saved;
    if (input.id) {
      [before] = await tx
        .select()
        .from(rooms)
        .where(and(eq(rooms.institutionId, institutionId), eq(rooms.id, input.id)));
      if (!before) throw outOfScope();
      [saved] = await tx
        .update(rooms)
        .set(values)
        .where(and(eq(rooms.institutionId, institutionId), eq(rooms.id, input.id)))
        .returning();
    } else {
      [saved] = await tx
        .insert(rooms)
        .values({ institutionId, ...values })
        .returning();
    }
    if (!saved) throw outOfScope();
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'room',
      before,
      saved,
      input.id ? 'Изменение аудитории' : 'Новая аудитория',
    );
    return { ...saved, kind: saved.kind as RoomKind };
  });
}

/** Marks dates from…to (inclusive) as holidays, vacations or shortened days, or clears them (`working`). */
export const calendarInput = z.object({
  fromDate: isoDateSchema('С'),
  toDate: isoDateSchema('По'),
  kind: z.enum([...CALENDAR_KINDS, 'working'], { error: 'Вид дня: выберите из списка' }),
  note: z.string().trim().max(100, 'Примечание: не длиннее 100 знаков').optional(),
});

/** Replaces the marks of the range's dates in one transaction and logs the dates' marks before and after. */
export async function setCalendarDays(
  db: Db,
  actor: Actor,
  input: z.infer<typeof calendarInput>,
): Promise<{ days: number }> {
  const institutionId = institutionOf(actor, 'timetable.manage');
  const range = calendarRange(input.fromDate, input.toDate);
  if (!range.ok) throw badInput(range.error);
  return inTransaction(db, async (tx) => {
    const where = and(
      eq(calendarDays.institutionId, institutionId),
      between(calendarDays.date, input.fromDate, input.toDate),
    );
    const before = await tx
      .select({ date: calendarDays.date, kind: calendarDays.kind, note: calendarDays.note })
      .from(calendarDays)
      .where(where);
    await tx.delete(calendarDays).where(where);
    const after =
      input.kind === 'working'
        ? []
        : range.dates.map((date) => ({ date, kind: input.kind as CalendarKind, note: input.note || null }));
    if (after.length) await tx.insert(calendarDays).values(after.map((d) => ({ institutionId, ...d })));
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'calendar',
      { from: input.fromDate, to: input.toDate, days: before },
      { from: input.fromDate, to: input.toDate, days: after },
      'Календарь колледжа',
    );
    return { days: range.dates.length };
  });
}
