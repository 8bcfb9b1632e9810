/**
 * What the timetable's rules are checked against (domain/timetable.ts): the term's live placements of the whole
 * college with the names a reason uses, the bells of each weekday, the rooms, the students of a group and its
 * subgroups, the teachers' unavailable pairs. Loaded by a few whole-college queries; the rules run in memory.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { q } from '../../../db/sql';
import {
  bellSlots,
  calendarDays,
  curriculumItems,
  groupCalendarDays,
  groupMemberships,
  groups,
  rooms,
  subgroupMembers,
  subgroups,
  teacherUnavailability,
  teachingAssignments,
  timetableEntries,
  userRoles,
  users,
} from '../../../db/schema';
import { shortName } from '../../../domain/names';
import type { Parity, PlacedEntry } from '../../../domain/timetable';
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
  createdAt: Date;
}

/** The term's live (not removed) placements of the whole college, with the names of group, subject, teacher, room. */
/**
 * `draft` — what the methodist works on: every placement not removed; `published` — what teachers, students and
 * parents see: placed by a publication and not removed by one.
 */
export type TimetableView = 'draft' | 'published';

export async function termPlacements(
  db: Db,
  term: TimetableTerm,
  only?: SQL,
  view: TimetableView = 'draft',
): Promise<TermPlacement[]> {
  const rows = await db
    .select({
      entryId: timetableEntries.id,
      assignmentId: timetableEntries.teachingAssignmentId,
      weekday: timetableEntries.weekday,
      pairNo: timetableEntries.pairNo,
      parity: timetableEntries.parity,
      validFrom: timetableEntries.validFrom,
      validTo: timetableEntries.validTo,
      roomId: timetableEntries.roomId,
      overrideReason: timetableEntries.overrideReason,
      createdAt: timetableEntries.createdAt,
      groupId: teachingAssignments.groupId,
      subgroupId: teachingAssignments.subgroupId,
      teacherId: teachingAssignments.teacherUserId,
      group: groups.name,
      subgroup: subgroups.name,
      subject: curriculumItems.shortName,
      lastName: users.lastName,
      firstName: users.firstName,
      middleName: users.middleName,
      roomNumber: rooms.number,
      roomBuilding: rooms.building,
    })
    .from(timetableEntries)
    .innerJoin(
      teachingAssignments,
      and(
        eq(teachingAssignments.institutionId, timetableEntries.institutionId),
        eq(teachingAssignments.id, timetableEntries.teachingAssignmentId),
      ),
    )
    .innerJoin(groups, JOIN.assignmentGroup)
    .innerJoin(curriculumItems, JOIN.assignmentItem)
    .leftJoin(subgroups, JOIN.assignmentSubgroup)
    .leftJoin(users, eq(users.id, teachingAssignments.teacherUserId))
    .leftJoin(
      rooms,
      and(eq(rooms.institutionId, timetableEntries.institutionId), eq(rooms.id, timetableEntries.roomId)),
    )
    .where(
      and(
        eq(timetableEntries.institutionId, term.institutionId),
        eq(teachingAssignments.termId, term.id),
        view === 'draft'
          ? isNull(timetableEntries.removedAt)
          : and(isNotNull(timetableEntries.publishedIn), isNull(timetableEntries.removalPublishedIn)),
        only,
      ),
    );
  return rows.map((r) => ({
    entryId: r.entryId,
    assignmentId: r.assignmentId,
    weekday: r.weekday,
    pairNo: r.pairNo,
    parity: r.parity as Parity,
    validFrom: r.validFrom,
    validTo: r.validTo,
    roomId: r.roomId,
    groupId: r.groupId,
    subgroupId: r.subgroupId,
    teacherId: r.teacherId,
    overrideReason: r.overrideReason,
    createdAt: r.createdAt,
    names: {
      group: r.group,
      subgroup: r.subgroup,
      subject: r.subject,
      teacher: r.lastName
        ? shortName({ lastName: r.lastName, firstName: r.firstName ?? '', middleName: r.middleName })
        : null,
      room: r.roomNumber === null ? null : roomLabel({ number: r.roomNumber, building: r.roomBuilding }),
    },
  }));
}

/** Pair numbers of each weekday 1…6 from the bells: Monday–Friday the weekday bells, Saturday its own. */
export async function pairsByWeekday(db: Db, institutionId: number) {
  const rows = await db
    .select({
      dayKind: bellSlots.dayKind,
      pairNo: bellSlots.pairNo,
      startsAt: bellSlots.startsAt,
      endsAt: bellSlots.endsAt,
    })
    .from(bellSlots)
    .where(and(eq(bellSlots.institutionId, institutionId), inArray(bellSlots.dayKind, ['weekday', 'saturday'])))
    .orderBy(asc(bellSlots.pairNo));
  const of = (kind: string) =>
    rows
      .filter((r) => r.dayKind === kind)
      .map((r) => ({ pairNo: r.pairNo, startsAt: r.startsAt.slice(0, 5), endsAt: r.endsAt.slice(0, 5) }));
  const weekday = of('weekday');
  const saturday = of('saturday');
  return (day: number) => (day === 6 ? saturday : day >= 1 && day <= 5 ? weekday : []);
}

export interface RoomRow {
  id: number;
  label: string;
  seats: number;
  kind: RoomKind;
  inUse: boolean;
}

export async function roomsOf(db: Db, institutionId: number): Promise<RoomRow[]> {
  const rows = await db
    .select({
      id: rooms.id,
      number: rooms.number,
      building: rooms.building,
      seats: rooms.seats,
      kind: rooms.kind,
      inUse: rooms.inUse,
    })
    .from(rooms)
    .where(eq(rooms.institutionId, institutionId));
  const collator = new Intl.Collator('ru', { numeric: true });
  return rows
    .sort((a, b) => collator.compare(a.building ?? '', b.building ?? '') || collator.compare(a.number, b.number))
    .map((r) => ({ id: r.id, label: roomLabel(r), seats: r.seats, kind: r.kind as RoomKind, inUse: r.inUse }));
}

/** The date the group's size is counted on: today inside the term, else its nearer end. */
export function countDate(term: TimetableTerm, today: string): string {
  return today < term.startsOn ? term.startsOn : today > term.endsOn ? term.endsOn : today;
}

/**
 * A group's students on a date and the members of each of its subgroups of the term: for the size of a lesson and
 * for whether two subgroups share a student.
 */
export async function groupStudents(db: Db, term: TimetableTerm, groupId: number, onDate: string) {
  const [members, split] = await Promise.all([
    db
      .select({ studentId: groupMemberships.studentId })
      .from(groupMemberships)
      .where(
        and(
          eq(groupMemberships.institutionId, term.institutionId),
          eq(groupMemberships.groupId, groupId),
          lte(groupMemberships.fromDate, onDate),
          or(isNull(groupMemberships.toDate), gte(groupMemberships.toDate, onDate)),
        ),
      ),
    db
      .select({ subgroupId: subgroupMembers.subgroupId, studentId: subgroupMembers.studentId })
      .from(subgroupMembers)
      .innerJoin(
        subgroups,
        and(eq(subgroups.institutionId, subgroupMembers.institutionId), eq(subgroups.id, subgroupMembers.subgroupId)),
      )
      .where(
        and(
          eq(subgroups.institutionId, term.institutionId),
          eq(subgroups.groupId, groupId),
          eq(subgroups.termId, term.id),
        ),
      ),
  ]);
  const current = new Set(members.map((m) => m.studentId));
  const subgroupStudents = new Map<number, Set<number>>();
  for (const m of split) {
    if (!subgroupStudents.has(m.subgroupId)) subgroupStudents.set(m.subgroupId, new Set());
    subgroupStudents.get(m.subgroupId)!.add(m.studentId);
  }
  const sizeOf = (subgroupId: number | null) =>
    subgroupId === null
      ? current.size
      : [...(subgroupStudents.get(subgroupId) ?? [])].filter((s) => current.has(s)).length;
  return { subgroupStudents, sizeOf };
}

/** A teacher's unavailable pairs as `slotKey` strings. */
export async function unavailablePairs(db: Db, institutionId: number, userId: number | null): Promise<Set<string>> {
  if (userId === null) return new Set();
  const rows = await db
    .select({ weekday: teacherUnavailability.weekday, pairNo: teacherUnavailability.pairNo })
    .from(teacherUnavailability)
    .where(and(eq(teacherUnavailability.institutionId, institutionId), eq(teacherUnavailability.userId, userId)));
  return new Set(rows.map((r) => `${r.weekday}:${r.pairNo}`));
}

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
export async function recentRooms(
  db: Db,
  term: TimetableTerm,
  a: { id: number; teacherId: number | null; groupId: number },
  limit = 30,
): Promise<number[]> {
  const rank = sql`case when ${q(teachingAssignments.id)} = ${a.id} then 0 when ${q(teachingAssignments.teacherUserId)} = ${a.teacherId ?? -1} then 1 else 2 end`;
  const rows = await db
    .select({ roomId: timetableEntries.roomId })
    .from(timetableEntries)
    .innerJoin(
      teachingAssignments,
      and(
        eq(teachingAssignments.institutionId, timetableEntries.institutionId),
        eq(teachingAssignments.id, timetableEntries.teachingAssignmentId),
      ),
    )
    .where(
      and(
        eq(timetableEntries.institutionId, term.institutionId),
        eq(teachingAssignments.termId, term.id),
        isNull(timetableEntries.removedAt),
        isNotNull(timetableEntries.roomId),
        or(
          eq(teachingAssignments.id, a.id),
          a.teacherId === null ? undefined : eq(teachingAssignments.teacherUserId, a.teacherId),
          eq(teachingAssignments.groupId, a.groupId),
        ),
      ),
    )
    .orderBy(rank, desc(timetableEntries.createdAt))
    .limit(limit);
  return rows.map((r) => r.roomId!);
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
export async function termDaysOff(db: Db, term: TimetableTerm) {
  const [college, own] = await Promise.all([
    db
      .select({ date: calendarDays.date, kind: calendarDays.kind, note: calendarDays.note })
      .from(calendarDays)
      .where(
        and(
          eq(calendarDays.institutionId, term.institutionId),
          sql`${q(calendarDays.date)} between ${term.startsOn} and ${term.endsOn}`,
        ),
      ),
    db
      .select({ groupId: groupCalendarDays.groupId, date: groupCalendarDays.date, kind: groupCalendarDays.kind })
      .from(groupCalendarDays)
      .where(
        and(
          eq(groupCalendarDays.institutionId, term.institutionId),
          sql`${q(groupCalendarDays.date)} between ${term.startsOn} and ${term.endsOn}`,
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
