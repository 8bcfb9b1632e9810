/**
 * The weekly timetable (issue #11, item 2–3; regulation §5.4 — the methodist builds the timetable by groups, teachers
 * and rooms): a template of placements «group or subgroup × weekday × pair → journal + room», optionally on numerator
 * or denominator weeks only and optionally from/to a date. Pure rules: which placements collide and why, on which dates
 * a placement holds a lesson, which room to propose. The server refuses with the same reasons the grid shows.
 */
import { addDays, daysBetween, formatDate, isoWeekday, weekStart, type IsoDate } from './dates';
import { countOf, NOUNS } from './plural';
import type { RoomKind } from './timetable-setup';

/** Weekdays a college teaches on: 1 = Monday … 6 = Saturday (ISO numbering). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6] as const;
export const WEEKDAY_NAMES = ['', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'] as const;
export const WEEKDAY_SHORT = ['', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'] as const;

/**
 * Which weeks a placement holds: every week, or only numerator (числитель) or denominator (знаменатель) weeks. The
 * week of the academic year's first day is a numerator week, and they alternate from there (`weekParity`).
 */
export const PARITIES = ['every', 'numerator', 'denominator'] as const;
export type Parity = (typeof PARITIES)[number];
export const PARITY_LABELS: Record<Parity, string> = {
  every: 'каждую неделю',
  numerator: 'числитель',
  denominator: 'знаменатель',
};

/**
 * The soft limit of pairs a day for a group's students: 4 pairs = 8 academic hours, the most a college day holds under
 * СП 2.4.3648-20 (at most 8 hours of classes a day for students of 16 and older). A methodist may go over it with a
 * stated reason.
 */
export const MAX_PAIRS_A_DAY = 4;

/** Academic hours in one pair: a placement's lesson is a pair. */
export const HOURS_PER_PAIR = 2;

/** The numerator or denominator week of a date, counted in weeks from the week of the academic year's start. */
export function weekParity(date: IsoDate, yearStartsOn: IsoDate): 'numerator' | 'denominator' {
  const weeks = Math.floor(daysBetween(weekStart(yearStartsOn), weekStart(date)) / 7);
  return weeks % 2 === 0 ? 'numerator' : 'denominator';
}

/** When a placement holds: a weekday's pair, which weeks, from/to a date (null: from the term's start / to its end). */
export interface Slot {
  weekday: number;
  pairNo: number;
  parity: Parity;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

/** A placement of the template: whose lesson (journal, group or subgroup, teacher) and where (room). */
export interface Placement extends Slot {
  /** Null for a placement not saved yet. */
  entryId: number | null;
  assignmentId: number;
  groupId: number;
  subgroupId: number | null;
  teacherId: number | null;
  roomId: number | null;
}

/** The names a conflict's reason uses. */
export interface PlacementNames {
  group: string;
  subgroup: string | null;
  subject: string;
  teacher: string | null;
  room: string | null;
}

export interface PlacedEntry extends Placement {
  names: PlacementNames;
}

/** What a placement is checked against besides the other placements. */
export interface PlacementContext {
  names: PlacementNames;
  /** Students of each subgroup of the group: two subgroups collide when they share a student. */
  subgroupStudents: ReadonlyMap<number, ReadonlySet<number>>;
  /** Students the lesson is for (the group's or the subgroup's current list). */
  students: number;
  room: { seats: number; inUse: boolean } | null;
  /** The teacher's unavailable pairs as `slotKey(weekday, pairNo)`. */
  teacherUnavailable: ReadonlySet<string>;
  /** Pair numbers in the bells of a weekday (Saturday has its own bells; an empty list: no lessons that day). */
  pairsOf: (weekday: number) => readonly number[];
  maxPairsADay: number;
}

/**
 * A reason a placement cannot go (hard: double booking, a pair not in the bells, a room out of use — never placed) or
 * should not without a stated reason (soft: too many pairs a day, a room too small, the teacher's unavailable time).
 */
export type ConflictRule =
  'noBell' | 'teacher' | 'room' | 'group' | 'roomOutOfUse' | 'capacity' | 'unavailable' | 'pairsADay';
export const HARD_RULES: readonly ConflictRule[] = ['noBell', 'teacher', 'room', 'group', 'roomOutOfUse'];

export interface Conflict {
  rule: ConflictRule;
  hard: boolean;
  /** The reason in Russian, naming the teacher, room, group or subgroup it collides with. */
  message: string;
  /** The placement it collides with, if any. */
  entryId: number | null;
}

/** The checkbox of a weekday's pair in the teacher's unavailability form: `p1_2` — Monday, pair 2. */
export function pairBox(weekday: number, pairNo: number): string {
  return `p${weekday}_${pairNo}`;
}

export function slotKey(weekday: number, pairNo: number): string {
  return `${weekday}:${pairNo}`;
}

function paritiesMeet(a: Parity, b: Parity): boolean {
  return a === 'every' || b === 'every' || a === b;
}

function periodsMeet(a: Slot, b: Slot): boolean {
  return (
    (a.validTo === null || b.validFrom === null || b.validFrom <= a.validTo) &&
    (b.validTo === null || a.validFrom === null || a.validFrom <= b.validTo)
  );
}

/** Whether two slots can fall on the same date and pair: same weekday and pair, weeks and date ranges that meet. */
export function slotsMeet(a: Slot, b: Slot): boolean {
  return a.weekday === b.weekday && a.pairNo === b.pairNo && paritiesMeet(a.parity, b.parity) && periodsMeet(a, b);
}

/** Whether two placements of one group share a student: the whole group with anything, or subgroups with a member in common. */
export function studentsMeet(
  a: Pick<Placement, 'groupId' | 'subgroupId'>,
  b: Pick<Placement, 'groupId' | 'subgroupId'>,
  subgroupStudents: ReadonlyMap<number, ReadonlySet<number>>,
): boolean {
  if (a.groupId !== b.groupId) return false;
  if (a.subgroupId === null || b.subgroupId === null || a.subgroupId === b.subgroupId) return true;
  const first = subgroupStudents.get(a.subgroupId);
  const second = subgroupStudents.get(b.subgroupId);
  if (!first || !second) return false;
  for (const student of first) if (second.has(student)) return true;
  return false;
}

function whose(names: PlacementNames): string {
  return names.subgroup ? `${names.group} (${names.subgroup})` : names.group;
}

function onWeeks(entry: Slot): string {
  return entry.parity === 'every' ? '' : ` — ${PARITY_LABELS[entry.parity]}`;
}

/**
 * Every reason the candidate cannot go (or needs a stated reason) given the other placements of the term. The
 * candidate's own saved entry (same `entryId`) is skipped, so a move is checked against everything else. Hard
 * conflicts come first.
 */
export function placementConflicts(
  candidate: Placement,
  others: readonly PlacedEntry[],
  ctx: PlacementContext,
): Conflict[] {
  const found: Conflict[] = [];
  const add = (rule: ConflictRule, message: string, entryId: number | null = null) =>
    found.push({ rule, hard: HARD_RULES.includes(rule), message, entryId });
  const day = WEEKDAY_NAMES[candidate.weekday]?.toLowerCase() ?? `день ${candidate.weekday}`;

  if (!ctx.pairsOf(candidate.weekday).includes(candidate.pairNo))
    add('noBell', `Пары ${candidate.pairNo} нет в звонках на ${accusative(day)}`);
  if (ctx.room && !ctx.room.inUse) add('roomOutOfUse', `Аудитория ${ctx.names.room ?? ''} не используется`);

  const sameDay: PlacedEntry[] = [];
  for (const other of others) {
    if (other.entryId !== null && other.entryId === candidate.entryId) continue;
    if (other.weekday !== candidate.weekday) continue;
    if (
      studentsMeet(candidate, other, ctx.subgroupStudents) &&
      paritiesMeet(candidate.parity, other.parity) &&
      periodsMeet(candidate, other)
    )
      sameDay.push(other);
    if (!slotsMeet(candidate, other)) continue;
    const at = onWeeks(other);
    if (candidate.teacherId !== null && other.teacherId === candidate.teacherId)
      add(
        'teacher',
        `Преподаватель ${other.names.teacher ?? ''} занят: ${whose(other.names)}, ${other.names.subject}${at}`,
        other.entryId,
      );
    if (candidate.roomId !== null && other.roomId === candidate.roomId)
      add(
        'room',
        `Аудитория ${other.names.room ?? ''} занята: ${whose(other.names)}, ${other.names.subject}` +
          `${other.names.teacher ? ` (${other.names.teacher})` : ''}${at}`,
        other.entryId,
      );
    if (studentsMeet(candidate, other, ctx.subgroupStudents))
      add(
        'group',
        other.subgroupId === null
          ? `Группа ${other.names.group} занята: ${other.names.subject}${at}`
          : `Подгруппа «${other.names.subgroup ?? ''}» группы ${other.names.group} занята: ${other.names.subject}${at}`,
        other.entryId,
      );
  }

  if (ctx.room && ctx.room.seats < ctx.students)
    add(
      'capacity',
      `Аудитория ${ctx.names.room ?? ''} мала: ${countOf(ctx.room.seats, NOUNS.seat)} на ${countOf(ctx.students, NOUNS.studentFor)}`,
    );
  if (candidate.teacherId !== null && ctx.teacherUnavailable.has(slotKey(candidate.weekday, candidate.pairNo)))
    add('unavailable', unavailableMessage(ctx.names.teacher ?? '', candidate.weekday, candidate.pairNo));
  const pairs = new Set(sameDay.map((e) => e.pairNo)).add(candidate.pairNo).size;
  if (pairs > ctx.maxPairsADay)
    add(
      'pairsADay',
      `У ${whose(ctx.names)} будет ${countOf(pairs, NOUNS.pair)} в ${accusative(day)} — больше ${ctx.maxPairsADay}`,
    );
  return found.sort((a, b) => Number(b.hard) - Number(a.hard));
}

/** «Преподаватель Петров П. П. недоступен: чт, 2-я пара» — the soft rule of a teacher's unavailable time. */
export function unavailableMessage(teacher: string, weekday: number, pairNo: number): string {
  return `Преподаватель ${teacher} недоступен: ${WEEKDAY_SHORT[weekday]}, ${pairNo}-я пара`;
}

function accusative(day: string): string {
  return day.replace(/а$/, 'у');
}

/** Whether any of the conflicts forbids the placement outright. */
export function hasHard(conflicts: readonly Conflict[]): boolean {
  return conflicts.some((c) => c.hard);
}

/** Two placements of the term that collide: the same teacher, room, or students on one pair. */
export interface Collision {
  rule: 'teacher' | 'room' | 'group';
  first: PlacedEntry;
  second: PlacedEntry;
}

/**
 * Every collision among a term's placements (the college's whole week), each pair of placements once per rule. They
 * arise when something changes under placed lessons: the load gives a journal to another teacher, a subgroup is
 * re-divided, a room is entered twice. Placements are bucketed by weekday and pair, so the scan is linear in the
 * week's size with small quadratic buckets.
 */
export function termCollisions(
  placements: readonly PlacedEntry[],
  subgroupStudents: ReadonlyMap<number, ReadonlySet<number>>,
): Collision[] {
  const buckets = new Map<string, PlacedEntry[]>();
  for (const p of placements) {
    const at = slotKey(p.weekday, p.pairNo);
    const bucket = buckets.get(at);
    if (bucket) bucket.push(p);
    else buckets.set(at, [p]);
  }
  const found: Collision[] = [];
  for (const bucket of buckets.values())
    for (let i = 0; i < bucket.length; i++)
      for (let j = i + 1; j < bucket.length; j++) {
        const first = bucket[i]!;
        const second = bucket[j]!;
        if (!slotsMeet(first, second)) continue;
        if (first.teacherId !== null && first.teacherId === second.teacherId)
          found.push({ rule: 'teacher', first, second });
        if (first.roomId !== null && first.roomId === second.roomId) found.push({ rule: 'room', first, second });
        if (studentsMeet(first, second, subgroupStudents)) found.push({ rule: 'group', first, second });
      }
  return found;
}

/** A collision in Russian, naming both sides: «Преподаватель Петров П. П.: ИС-21, Математика и ПК-11, Физика — пн, 2-я пара». */
export function collisionMessage(c: Collision): string {
  const side = (e: PlacedEntry) => `${whose(e.names)}, ${e.names.subject}${onWeeks(e)}`;
  const at = `${WEEKDAY_SHORT[c.first.weekday]}, ${c.first.pairNo}-я пара`;
  const who =
    c.rule === 'teacher'
      ? `Преподаватель ${c.first.names.teacher ?? ''}`
      : c.rule === 'room'
        ? `Аудитория ${c.first.names.room ?? ''}`
        : `Группа ${c.first.names.group}`;
  return `${who}: ${side(c.first)} и ${side(c.second)} — ${at}`;
}

/**
 * The dates a slot holds a lesson within a term: its weekday, its weeks (numerator / denominator counted from
 * `yearStartsOn`), inside its own from/to, skipping the dates `noLessons` says have none (holidays, vacations, the
 * group's practice and session weeks).
 */
export function slotDates(
  slot: Slot,
  term: { startsOn: IsoDate; endsOn: IsoDate },
  yearStartsOn: IsoDate,
  noLessons: (date: IsoDate) => boolean = () => false,
): IsoDate[] {
  const from = slot.validFrom && slot.validFrom > term.startsOn ? slot.validFrom : term.startsOn;
  const to = slot.validTo && slot.validTo < term.endsOn ? slot.validTo : term.endsOn;
  const dates: IsoDate[] = [];
  let date = addDays(from, (slot.weekday - isoWeekday(from) + 7) % 7);
  for (; date <= to; date = addDays(date, 7)) {
    if (slot.parity !== 'every' && weekParity(date, yearStartsOn) !== slot.parity) continue;
    if (!noLessons(date)) dates.push(date);
  }
  return dates;
}

export interface RoomOption {
  id: number;
  seats: number;
  kind: RoomKind;
  inUse: boolean;
}

/**
 * The room to propose for a placement: the first of `preferred` (the journal's last room, then the teacher's, then the
 * group's) that is free, in use and big enough; else the smallest free room of the preferred kind that is big enough;
 * else the smallest free room big enough; else null (the methodist picks one or places without a room).
 */
export function proposeRoom(
  rooms: readonly RoomOption[],
  preferred: readonly number[],
  busy: ReadonlySet<number>,
  students: number,
): RoomOption | null {
  const fits = (r: RoomOption) => r.inUse && !busy.has(r.id) && r.seats >= students;
  const byId = new Map(rooms.map((r) => [r.id, r]));
  for (const id of preferred) {
    const room = byId.get(id);
    if (room && fits(room)) return room;
  }
  const kind = preferred.map((id) => byId.get(id)?.kind).find(Boolean) ?? 'lecture';
  const free = rooms.filter(fits).sort((a, b) => a.seats - b.seats || a.id - b.id);
  return free.find((r) => r.kind === kind) ?? free[0] ?? null;
}

/**
 * The date a timetable being published takes effect from unless the methodist picks another (issue #26, item 5): the
 * coming Monday (the first Monday after `today`, the college's day), or, when that is in none of the open terms, the
 * first day of the next term to start after it. `terms`: the college's open terms in date order.
 */
export function defaultEffectiveFrom(
  today: IsoDate,
  terms: readonly { startsOn: IsoDate; endsOn: IsoDate }[],
): IsoDate {
  const monday = addDays(weekStart(today), 7);
  if (terms.some((t) => t.startsOn <= monday && monday <= t.endsOn)) return monday;
  return terms.find((t) => t.startsOn > monday)?.startsOn ?? monday;
}

/**
 * Why a timetable cannot take effect from `date`, or null: the date must be in one of the open terms, and a date
 * before `today` (which fills past weeks with lessons that were never held) only when asked for (`fillPast`).
 */
export function effectiveFromRefusal(
  date: IsoDate,
  today: IsoDate,
  terms: readonly { name: string; startsOn: IsoDate; endsOn: IsoDate }[],
  fillPast: boolean,
): string | null {
  const day = formatDate(date);
  if (!terms.some((t) => t.startsOn <= date && date <= t.endsOn))
    return `Действует с: ${day} не входит ни в один семестр открытого учебного года (${terms
      .map((t) => `${t.name}: ${formatDate(t.startsOn)}–${formatDate(t.endsOn)}`)
      .join('; ')})`;
  if (date < today && !fillPast)
    return `Действует с: ${day} — дата прошла; занятия прошедших недель создаются, только если отмечено «также заполнить прошедшие недели»`;
  return null;
}
