/**
 * What the timetable's rules are checked against (domain/timetable.ts): the term's live placements of the whole
 * college with the names a reason uses, the bells of each weekday, the rooms, the students of a group and its
 * subgroups, the teachers' unavailable pairs. Loaded by a few whole-college queries; the rules run in memory.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';
import { q } from '../../../db/sql';
import {
  calendarDays,
  curriculumItems,
  groupCalendarDays,
  groups,
  subgroupMembers,
  subgroups,
  teachingAssignments,
  userRoles,
  users,
} from '../../../db/schema';
import { shortName } from '../../../domain/names';
import type { Parity, PlacedEntry } from '../../../domain/timetable';
import { entryLineages, type EntryLineage } from '../../../domain/timetable-changes';
import { roomLabel, type RoomKind } from '../../../domain/timetable-setup';
import { JOIN } from '../../../db/joins';

/** A term as the timetable needs it: its dates and the start of its academic year (numerator weeks count from it). */
export interface TimetableTerm {
  id: number;
  institutionId: number;
  name: string;
  startsOn: string;
  endsOn: string;
  yearStart: string;
}

/** A live placement with what the screen shows of it. */
export interface TermPlacement extends PlacedEntry {
  entryId: number;
  overrideReason: string | null;
  /** The soft rules placed over, as confirmed with the reason. */
  warnings: string[];
  createdAt: Date;
  /** The placement this one was moved from (another pair or room), if any. */
  movedFromId: number | null;
  /** When the publication that made it visible was made; null for a draft. */
  publishedAt: Date | null;
}

/**
 * Which placements and over which dates:
 * - `draft` — what the methodist works on: every placement not removed (a published one from its publication's
 *   effective date);
 * - `published` — what teachers, students and parents see: placed by a publication, from its effective date, and
 *   until the day before the effective date of the publication that removed it (a move ends the old placement there);
 * - `{ publishingFrom }` — what `published` will be once the drafts are published to take effect from that date (the
 *   publish step's preview).
 * Publications made before effective dates existed (null) hold for the whole term, and their removals remove whole.
 */
export type TimetableView = 'draft' | 'published' | { publishingFrom: string };

/** The conditions and effective dates of a view over `timetable_entries` joined with its publications `pub`, `rpub`. */
function placementSpan(term: TimetableTerm, view: TimetableView): { from: SQL; to: SQL; live: SQL } {
  const e = sql.raw('timetable_entries');
  const start = sql`greatest(${e}.valid_from, pub.effective_from)`;
  // An entry's dates are non-empty: its first day (the term's start when open) not after its last.
  const nonEmpty = (from: SQL, to: SQL) =>
    sql`coalesce(${from}, ${term.startsOn}::date) <= coalesce(${to}, ${term.endsOn}::date)`;
  const endedBy = sql`least(${e}.valid_to, rpub.effective_from - 1)`;
  const removedSince = sql`(${e}.removal_published_in is not null and rpub.effective_from is not null
    and ${nonEmpty(start, endedBy)})`;
  if (view === 'draft') return { from: start, to: sql`${e}.valid_to`, live: sql`${e}.removed_at is null` };
  if (view === 'published')
    return {
      from: start,
      to: sql`case when ${e}.removal_published_in is null then ${e}.valid_to else ${endedBy} end`,
      live: sql`${e}.published_in is not null and (${e}.removal_published_in is null or ${removedSince})`,
    };
  const at = view.publishingFrom;
  const from = sql`greatest(${e}.valid_from, coalesce(pub.effective_from,
    case when ${e}.published_in is null then ${at}::date end))`;
  const pendingEnd = sql`least(${e}.valid_to, ${at}::date - 1)`;
  return {
    from,
    to: sql`case when ${e}.removed_at is null then ${e}.valid_to
      when ${e}.removal_published_in is null then ${pendingEnd} else ${endedBy} end`,
    live: sql`(${e}.removed_at is null or (${e}.published_in is not null and (
      (${e}.removal_published_in is null and ${nonEmpty(from, pendingEnd)}) or ${removedSince})))`,
  };
}

/**
 * A json-valued subquery and how its value is read. Several run as one statement (`loadTogether`): what a placement
 * is checked against is one round trip and one plan instead of a query each (issue #11, `timetablePlaceRatio`).
 */
export interface JsonLoad<T> {
  sql: SQL;
  read: (value: unknown) => T;
}
type Loaded<L> = { [K in keyof L]: L[K] extends JsonLoad<infer T> ? T : never };

/** Runs the loads as one `select (…) as a, (…) as b` and reads each value. */
export async function loadTogether<L extends Record<string, JsonLoad<unknown>>>(db: Db, loads: L): Promise<Loaded<L>> {
  const keys = Object.keys(loads);
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${sql.join(
      keys.map((k) => sql`(${loads[k]!.sql}) as ${sql.identifier(k)}`),
      sql`, `,
    )}`,
  );
  return Object.fromEntries(keys.map((k) => [k, loads[k]!.read(row![k])])) as Loaded<L>;
}

const loadOne = async <T>(db: Db, load: JsonLoad<T>): Promise<T> => (await loadTogether(db, { value: load })).value;
/** A json value as the driver returns it: parsed already (postgres.js, PGlite) or, defensively, as text. */
const jsonOf = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
const rowsOf = <T>(value: unknown): T[] => (jsonOf(value) ?? []) as T[];

type PlacementTuple = [
  number,
  number,
  number,
  number,
  string,
  string | null,
  string | null,
  number | null,
  string | null,
  string,
  number,
  number | null,
  number | null,
  string,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
  string | null,
  string[] | null,
];

/**
 * The term's placements as a load. `only` narrows them with conditions on `timetable_entries` and
 * `teaching_assignments` (written with the drizzle columns, which render qualified by the unaliased table names here).
 */
export function termPlacementsLoad(
  term: TimetableTerm,
  only?: SQL,
  view: TimetableView = 'draft',
): JsonLoad<TermPlacement[]> {
  const span = placementSpan(term, view);
  return {
    sql: sql`select coalesce(json_agg(json_build_array(timetable_entries.id, timetable_entries.teaching_assignment_id,
          timetable_entries.weekday, timetable_entries.pair_no, timetable_entries.parity, ${span.from},
          ${span.to}, timetable_entries.room_id, timetable_entries.override_reason,
          timetable_entries.created_at, teaching_assignments.group_id, teaching_assignments.subgroup_id,
          teaching_assignments.teacher_user_id, groups.name, subgroups.name, curriculum_items.short_name,
          users.last_name, users.first_name, users.middle_name, rooms.number, rooms.building,
          timetable_entries.moved_from_id, pub.published_at, timetable_entries.warnings)), '[]')
        from timetable_entries
        join teaching_assignments on teaching_assignments.institution_id = timetable_entries.institution_id
          and teaching_assignments.id = timetable_entries.teaching_assignment_id
        join groups on ${JOIN.assignmentGroup}
        join curriculum_items on ${JOIN.assignmentItem}
        left join subgroups on ${JOIN.assignmentSubgroup}
        left join users on users.id = teaching_assignments.teacher_user_id
        left join rooms on rooms.institution_id = timetable_entries.institution_id
          and rooms.id = timetable_entries.room_id
        left join timetable_publications pub on pub.institution_id = timetable_entries.institution_id
          and pub.id = timetable_entries.published_in
        left join timetable_publications rpub on rpub.institution_id = timetable_entries.institution_id
          and rpub.id = timetable_entries.removal_published_in
        where timetable_entries.institution_id = ${term.institutionId} and teaching_assignments.term_id = ${term.id}
          and ${span.live}${only ? sql` and (${only})` : sql``}`,
    read: (value) =>
      rowsOf<PlacementTuple>(value).map((r) => ({
        entryId: r[0],
        assignmentId: r[1],
        weekday: r[2],
        pairNo: r[3],
        parity: r[4] as Parity,
        validFrom: r[5],
        validTo: r[6],
        roomId: r[7],
        overrideReason: r[8],
        createdAt: new Date(r[9]),
        movedFromId: r[21],
        publishedAt: r[22] === null ? null : new Date(r[22]),
        warnings: r[23] ?? [],
        groupId: r[10],
        subgroupId: r[11],
        teacherId: r[12],
        names: {
          group: r[13],
          subgroup: r[14],
          subject: r[15],
          teacher: r[16] ? shortName({ lastName: r[16], firstName: r[17] ?? '', middleName: r[18] }) : null,
          room: r[19] === null ? null : roomLabel({ number: r[19], building: r[20] }),
        },
      })),
  };
}

export function termPlacements(
  db: Db,
  term: TimetableTerm,
  only?: SQL,
  view: TimetableView = 'draft',
): Promise<TermPlacement[]> {
  return loadOne(db, termPlacementsLoad(term, only, view));
}

/** Every placement's line of moves in the college (removed ones too): `entryLineages` of domain/timetable-changes.ts. */
export function entryLineagesLoad(institutionId: number): JsonLoad<Map<number, EntryLineage>> {
  return {
    sql: sql`select coalesce(json_agg(json_build_array(id, moved_from_id)), '[]') from timetable_entries
      where institution_id = ${institutionId}`,
    read: (value) => entryLineages(rowsOf<[number, number | null]>(value)),
  };
}

export const entryLineagesOf = (db: Db, institutionId: number) => loadOne(db, entryLineagesLoad(institutionId));

/** A weekday's pairs in the bells, with their times (HH:MM). */
export interface BellPair {
  pairNo: number;
  startsAt: string;
  endsAt: string;
}

/** Pair numbers of each weekday 1…6 from the bells: Monday–Friday the weekday bells, Saturday its own. */
export function pairsByWeekdayLoad(institutionId: number): JsonLoad<(day: number) => BellPair[]> {
  return {
    sql: sql`select coalesce(json_agg(json_build_array(day_kind, pair_no, starts_at, ends_at) order by pair_no), '[]')
      from bell_slots where institution_id = ${institutionId} and day_kind in ('weekday', 'saturday')`,
    read: (value) => {
      const rows = rowsOf<[string, number, string, string]>(value);
      const of = (kind: string) =>
        rows
          .filter((r) => r[0] === kind)
          .map((r) => ({ pairNo: r[1], startsAt: r[2].slice(0, 5), endsAt: r[3].slice(0, 5) }));
      const weekday = of('weekday');
      const saturday = of('saturday');
      return (day: number) => (day === 6 ? saturday : day >= 1 && day <= 5 ? weekday : []);
    },
  };
}

export const pairsByWeekday = (db: Db, institutionId: number) => loadOne(db, pairsByWeekdayLoad(institutionId));

export interface RoomRow {
  id: number;
  label: string;
  seats: number;
  kind: RoomKind;
  inUse: boolean;
}

/** The college's rooms, by building and number (numbers compared as numbers: «2» before «10»). */
export function roomsLoad(institutionId: number): JsonLoad<RoomRow[]> {
  return {
    sql: sql`select coalesce(json_agg(json_build_array(id, number, building, seats, kind, in_use)), '[]')
      from rooms where institution_id = ${institutionId}`,
    read: (value) => {
      const collator = new Intl.Collator('ru', { numeric: true });
      return rowsOf<[number, string, string | null, number, string, boolean]>(value)
        .sort((a, b) => collator.compare(a[2] ?? '', b[2] ?? '') || collator.compare(a[1], b[1]))
        .map(([id, number, building, seats, kind, inUse]) => ({
          id,
          label: roomLabel({ number, building }),
          seats,
          kind: kind as RoomKind,
          inUse,
        }));
    },
  };
}

export const roomsOf = (db: Db, institutionId: number) => loadOne(db, roomsLoad(institutionId));

/** The date the group's size is counted on: today inside the term, else its nearer end. */
export function countDate(term: TimetableTerm, today: string): string {
  return today < term.startsOn ? term.startsOn : today > term.endsOn ? term.endsOn : today;
}

/** A group's students on a date and the members of its subgroups: the size of a lesson, shared students. */
export interface GroupStudents {
  subgroupStudents: Map<number, Set<number>>;
  sizeOf: (subgroupId: number | null) => number;
}

/**
 * A group's students on a date and the members of each of its subgroups of the term: for the size of a lesson and
 * for whether two subgroups share a student.
 */
export function groupStudentsLoad(term: TimetableTerm, groupId: number, onDate: string): JsonLoad<GroupStudents> {
  return {
    sql: sql`select json_build_array(
        (select coalesce(json_agg(m.student_id), '[]') from group_memberships m
          where m.institution_id = ${term.institutionId} and m.group_id = ${groupId}
            and m.from_date <= ${onDate} and (m.to_date is null or m.to_date >= ${onDate})),
        (select coalesce(json_agg(json_build_array(sm.subgroup_id, sm.student_id)), '[]')
          from subgroup_members sm join subgroups s on s.institution_id = sm.institution_id and s.id = sm.subgroup_id
          where s.institution_id = ${term.institutionId} and s.group_id = ${groupId} and s.term_id = ${term.id}))`,
    read: (value) => {
      const [members, split] = jsonOf(value) as [number[], [number, number][]];
      const current = new Set(members);
      const subgroupStudents = new Map<number, Set<number>>();
      for (const [subgroupId, studentId] of split) {
        if (!subgroupStudents.has(subgroupId)) subgroupStudents.set(subgroupId, new Set());
        subgroupStudents.get(subgroupId)!.add(studentId);
      }
      const sizeOf = (subgroupId: number | null) =>
        subgroupId === null
          ? current.size
          : [...(subgroupStudents.get(subgroupId) ?? [])].filter((s) => current.has(s)).length;
      return { subgroupStudents, sizeOf };
    },
  };
}

export const groupStudents = (db: Db, term: TimetableTerm, groupId: number, onDate: string) =>
  loadOne(db, groupStudentsLoad(term, groupId, onDate));

/** A teacher's unavailable pairs as `slotKey` strings (none for a journal without a teacher). */
export function unavailablePairsLoad(institutionId: number, userId: number | null): JsonLoad<Set<string>> {
  return {
    sql: sql`select coalesce(json_agg(weekday || ':' || pair_no), '[]') from teacher_unavailability
      where institution_id = ${institutionId} and user_id = ${userId ?? -1}`,
    read: (value) => new Set(rowsOf<string>(value)),
  };
}

export const unavailablePairs = (db: Db, institutionId: number, userId: number | null) =>
  loadOne(db, unavailablePairsLoad(institutionId, userId));

/**
 * The dates of a term without classroom lessons for a group: the college's holidays and vacations and the group's
 * practice and session days.
 */
export async function daysWithoutLessons(db: Db, term: TimetableTerm, groupId: number): Promise<Set<string>> {
  const [college, own] = await Promise.all([
    db
      .select({ date: calendarDays.date })
      .from(calendarDays)
      .where(
        and(
          eq(calendarDays.institutionId, term.institutionId),
          inArray(calendarDays.kind, ['holiday', 'vacation']),
          sql`${q(calendarDays.date)} between ${term.startsOn} and ${term.endsOn}`,
        ),
      ),
    db
      .select({ date: groupCalendarDays.date })
      .from(groupCalendarDays)
      .where(
        and(
          eq(groupCalendarDays.institutionId, term.institutionId),
          eq(groupCalendarDays.groupId, groupId),
          sql`${q(groupCalendarDays.date)} between ${term.startsOn} and ${term.endsOn}`,
        ),
      ),
  ]);
  return new Set([...college, ...own].map((d) => d.date));
}

/** Members of every subgroup of the term (for the whole college's collision scan). */
export async function termSubgroupStudents(db: Db, term: TimetableTerm): Promise<Map<number, Set<number>>> {
  const rows = await db
    .select({ subgroupId: subgroupMembers.subgroupId, studentId: subgroupMembers.studentId })
    .from(subgroupMembers)
    .innerJoin(
      subgroups,
      and(eq(subgroups.institutionId, subgroupMembers.institutionId), eq(subgroups.id, subgroupMembers.subgroupId)),
    )
    .where(and(eq(subgroups.institutionId, term.institutionId), eq(subgroups.termId, term.id)));
  const members = new Map<number, Set<number>>();
  for (const r of rows) {
    const set = members.get(r.subgroupId);
    if (set) set.add(r.studentId);
    else members.set(r.subgroupId, new Set([r.studentId]));
  }
  return members;
}

/**
 * The rooms a placement would take again, best first: the journal's own (newest first), then its teacher's, then its
 * group's — at most `limit`.
 */
export function recentRoomsLoad(
  term: TimetableTerm,
  a: { id: number; teacherId: number | null; groupId: number },
  limit = 30,
): JsonLoad<number[]> {
  return {
    sql: sql`select coalesce(json_agg(room_id order by rank, created_at desc), '[]') from (
        select e.room_id, e.created_at,
          case when ta.id = ${a.id} then 0 when ta.teacher_user_id = ${a.teacherId ?? -1} then 1 else 2 end as rank
        from timetable_entries e join teaching_assignments ta on ta.institution_id = e.institution_id
          and ta.id = e.teaching_assignment_id
        where e.institution_id = ${term.institutionId} and ta.term_id = ${term.id} and e.removed_at is null
          and e.room_id is not null
          and (ta.id = ${a.id} or ta.teacher_user_id = ${a.teacherId ?? -1} or ta.group_id = ${a.groupId})
        order by rank, e.created_at desc
        limit ${limit}) recent`,
    read: (value) => rowsOf<number>(value),
  };
}

/** A journal of the term as the timetable of dates names it. */
export interface TermJournal {
  assignmentId: number;
  groupId: number;
  group: string;
  subgroupId: number | null;
  subgroup: string | null;
  code: string;
  subject: string;
  sortOrder: number;
  teacherId: number | null;
  /** «Петров П. П.», or null while the load has no teacher. */
  teacher: string | null;
  plannedHours: number;
}

/** Journals (teaching assignments) of a college matching `where`, with the names the timetable shows. */
export async function journalRows(db: Db, institutionId: number, where: SQL | undefined): Promise<TermJournal[]> {
  const rows = await db
    .select({
      assignmentId: teachingAssignments.id,
      groupId: teachingAssignments.groupId,
      group: groups.name,
      subgroupId: teachingAssignments.subgroupId,
      subgroup: subgroups.name,
      code: curriculumItems.code,
      subject: curriculumItems.shortName,
      sortOrder: curriculumItems.sortOrder,
      teacherId: teachingAssignments.teacherUserId,
      lastName: users.lastName,
      firstName: users.firstName,
      middleName: users.middleName,
      plannedHours: teachingAssignments.plannedHours,
    })
    .from(teachingAssignments)
    .innerJoin(groups, JOIN.assignmentGroup)
    .innerJoin(curriculumItems, JOIN.assignmentItem)
    .leftJoin(subgroups, JOIN.assignmentSubgroup)
    .leftJoin(users, eq(users.id, teachingAssignments.teacherUserId))
    .where(and(eq(teachingAssignments.institutionId, institutionId), where));
  return rows.map(({ lastName, firstName, middleName, ...r }) => ({
    ...r,
    teacher: lastName ? shortName({ lastName, firstName: firstName ?? '', middleName }) : null,
  }));
}

/** The term's journals by id. */
export async function termJournals(db: Db, term: TimetableTerm): Promise<Map<number, TermJournal>> {
  const rows = await journalRows(db, term.institutionId, eq(teachingAssignments.termId, term.id));
  return new Map(rows.map((r) => [r.assignmentId, r]));
}

/** Short names of the college's teachers (and anyone who teaches: substitutes), by user id. */
export async function teacherNames(db: Db, institutionId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectDistinct({
      id: users.id,
      lastName: users.lastName,
      firstName: users.firstName,
      middleName: users.middleName,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.institutionId, institutionId), eq(userRoles.role, 'teacher')));
  return new Map(rows.map((r) => [r.id, shortName(r)]));
}

/**
 * The dates of a term without classroom lessons: the college's (holidays, vacations) for everyone, and each group's
 * own (practice, session), with what each is, for the day's heading.
 */
export function termDaysOff(db: Db, term: TimetableTerm) {
  return daysOffBetween(db, term.institutionId, term.startsOn, term.endsOn);
}

/** The college's and its groups' dates without classroom lessons from…to (inclusive), as `termDaysOff` gives them. */
export async function daysOffBetween(db: Db, institutionId: number, from: string, to: string) {
  const [college, own] = await Promise.all([
    db
      .select({ date: calendarDays.date, kind: calendarDays.kind, note: calendarDays.note })
      .from(calendarDays)
      .where(
        and(eq(calendarDays.institutionId, institutionId), sql`${q(calendarDays.date)} between ${from} and ${to}`),
      ),
    db
      .select({ groupId: groupCalendarDays.groupId, date: groupCalendarDays.date, kind: groupCalendarDays.kind })
      .from(groupCalendarDays)
      .where(
        and(
          eq(groupCalendarDays.institutionId, institutionId),
          sql`${q(groupCalendarDays.date)} between ${from} and ${to}`,
        ),
      ),
  ]);
  const collegeOff = new Map(college.filter((d) => d.kind !== 'short').map((d) => [d.date, d]));
  const short = new Set(college.filter((d) => d.kind === 'short').map((d) => d.date));
  const groupOff = new Map(own.map((d) => [`${d.groupId}:${d.date}`, d.kind]));
  return {
    collegeOff,
    short,
    groupOff,
    noLessons: (groupId: number, date: string) => collegeOff.has(date) || groupOff.has(`${groupId}:${date}`),
  };
}
