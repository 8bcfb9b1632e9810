/**
 * The published timetable as its people see it (issue #11, item 4): a teacher's own week (the lessons he teaches,
 * substitutions included, and his lessons another teaches), a student's week (the group's lessons and those of the
 * student's subgroups), a parent's week of each child; and the notices of recent publications that touch them.
 */
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import {
  calendarFeeds,
  groupMemberships,
  groups,
  students,
  subgroupMembers,
  subgroups,
  teachingAssignments,
  timetablePublications,
} from '../../../db/schema';
import { addDays, formatDayMonth, isoWeekday, type IsoDate } from '../../../domain/dates';
import { idSchema as id, isoDateSchema } from '../../../domain/ids';
import { fullName } from '../../../domain/names';
import { todayOf, type Actor } from '../../policy/actor';
import { institutionsFor } from '../../policy/scope';
import { outOfScope } from '../refusals';
import { lessonRevision } from '../../../domain/timetable-changes';
import { collegeWeek, groupDayOff, weekTerms, type DatedLessonView } from './dates';
import type { DiffLine } from './publish';

const isoDate = isoDateSchema('Неделя');
export const myWeekInput = z.object({ date: isoDate.optional(), studentId: id.optional() });

export interface MyLesson {
  key: string;
  pairNo: number;
  startsAt: string | null;
  endsAt: string | null;
  subject: string;
  /** For a teacher: the group (and subgroup); for a student: the teacher. */
  with: string;
  room: string | null;
  status: DatedLessonView['status'];
  /** What changed, in words: «замена: Иванов И. И.», «перенесено на 10.12.2026, 2-я пара», «отменено: болезнь». */
  note: string | null;
  /** The occurrence this lesson is, for a calendar event's UID: the same across its moves (domain `lessonRevision`). */
  uid: string;
  /** The event's revision: grows with each published change of the lesson (RFC 5545 SEQUENCE). */
  sequence: number;
  /** When its last change was published (ISO instant; RFC 5545 LAST-MODIFIED), if known. */
  modifiedAt: string | null;
}

export interface MyWeek {
  /** Whose week: the teacher's own, or a student's (a parent switches between children). */
  title: string;
  students: { id: number; name: string }[];
  studentId: number | null;
  monday: IsoDate;
  days: { date: IsoDate; name: string; off: string | null; lessons: MyLesson[] }[];
  /** Whether the person has a working calendar link. */
  feed: boolean;
}

function note(l: DatedLessonView): string | null {
  const reason = l.changes.at(-1)?.reason;
  if (l.status === 'cancelled') return `отменено${reason ? `: ${reason}` : ''}`;
  if (l.status === 'moved') return `перенесено на ${l.movedToText ?? ''}`;
  if (l.substituteId) return `замена: ведёт ${l.teacher ?? ''} вместо ${l.regularTeacher ?? ''}`;
  if (l.key.startsWith('c')) return l.changes[0]?.kind === 'extra' ? 'дополнительное занятие' : 'перенесено сюда';
  return null;
}

/** The student's group in the week of `date` (its Monday) and subgroups in the terms. */
async function studentPlace(db: Db, institutionId: number, studentId: number, date: IsoDate, termIds: number[]) {
  const [membership] = await db
    .select({ groupId: groupMemberships.groupId, group: groups.name })
    .from(groupMemberships)
    .innerJoin(
      groups,
      and(eq(groups.institutionId, groupMemberships.institutionId), eq(groups.id, groupMemberships.groupId)),
    )
    .where(
      and(
        eq(groupMemberships.institutionId, institutionId),
        eq(groupMemberships.studentId, studentId),
        lte(groupMemberships.fromDate, addDays(date, 5)),
        or(isNull(groupMemberships.toDate), gte(groupMemberships.toDate, date)),
      ),
    )
    .limit(1);
  const own = await db
    .select({ id: subgroupMembers.subgroupId })
    .from(subgroupMembers)
    .innerJoin(
      subgroups,
      and(eq(subgroups.institutionId, subgroupMembers.institutionId), eq(subgroups.id, subgroupMembers.subgroupId)),
    )
    .where(
      and(
        eq(subgroupMembers.institutionId, institutionId),
        eq(subgroupMembers.studentId, studentId),
        inArray(subgroups.termId, [-1, ...termIds]),
      ),
    );
  return {
    groupId: membership?.groupId ?? null,
    group: membership?.group ?? null,
    subgroups: new Set(own.map((s) => s.id)),
  };
}

/** The week (Monday…Saturday of `date`, default today) of the published timetable for the actor. */
export async function myWeek(db: Db, actor: Actor, input: z.infer<typeof myWeekInput>): Promise<MyWeek> {
  const { term, terms, date } = await weekTerms(db, actor, 'timetable.own', input.date, todayOf(actor));
  const week = await collegeWeek(db, terms, date, 'published');
  const family = [...actor.ownStudentIds, ...actor.childStudentIds].filter(
    (s) => s.institutionId === term.institutionId,
  );
  const familyRows = family.length
    ? await db
        .select({
          id: students.id,
          lastName: students.lastName,
          firstName: students.firstName,
          middleName: students.middleName,
        })
        .from(students)
        .where(
          and(
            eq(students.institutionId, term.institutionId),
            inArray(
              students.id,
              family.map((s) => s.studentId),
            ),
          ),
        )
    : [];
  const choices = familyRows.map((s) => ({ id: s.id, name: fullName(s) }));
  const teaches = actor.grants.some((g) => g.role === 'teacher' && g.institutionId === term.institutionId);
  let lessons: DatedLessonView[];
  let title: string;
  let studentId: number | null = null;
  let groupId: number | null = null;
  if (input.studentId !== undefined || !teaches) {
    studentId = input.studentId ?? choices[0]?.id ?? null;
    if (studentId === null || !choices.some((c) => c.id === studentId)) throw outOfScope();
    const place = await studentPlace(
      db,
      term.institutionId,
      studentId,
      week.monday,
      week.terms.map((t) => t.id),
    );
    groupId = place.groupId;
    lessons = week.lessons.filter((l) => {
      if (l.groupId !== place.groupId) return false;
      const subgroupId = week.journals.get(l.assignmentId)?.subgroupId ?? null;
      return subgroupId === null || place.subgroups.has(subgroupId);
    });
    title = `${choices.find((c) => c.id === studentId)?.name ?? ''}${place.group ? `, ${place.group}` : ''}`;
  } else {
    lessons = week.lessons.filter((l) => l.teacherId === actor.userId || l.regularTeacherId === actor.userId);
    title = 'Мои занятия';
  }
  const [feed] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
  const lineage = (entryId: number) => week.lineages.get(entryId) ?? { rootId: entryId, depth: 0 };
  const entryPublishedAt = new Map(week.template.map((t) => [t.entryId, t.publishedAt]));
  // The placement of a line holding on a date (a lesson moved from that date follows its placement's new room).
  const entryOn = (rootId: number, date: string) =>
    week.template.find(
      (t) =>
        lineage(t.entryId).rootId === rootId &&
        t.weekday === isoWeekday(date) &&
        (t.validFrom ?? date) <= date &&
        date <= (t.validTo ?? date),
    )?.entryId;
  const revisionOf = (l: DatedLessonView) =>
    lessonRevision(l, week.changes, lineage, (entryId) => entryPublishedAt.get(entryId) ?? null, entryOn);
  return {
    feed: Boolean(feed),
    title,
    students: choices,
    studentId,
    monday: week.monday,
    days: week.days.map((d) => ({
      date: d.date,
      name: d.name,
      off: d.off ?? (groupId === null ? null : groupDayOff(week.off, groupId, d.date)),
      lessons: lessons
        .filter((l) => l.date === d.date)
        .map((l) => {
          const slot = d.pairs.find((p) => p.pairNo === l.pairNo);
          const revision = revisionOf(l);
          return {
            key: l.key,
            pairNo: l.pairNo,
            startsAt: slot?.startsAt ?? null,
            endsAt: slot?.endsAt ?? null,
            subject: l.subject,
            with: studentId === null ? `${l.group}${l.subgroup ? ` (${l.subgroup})` : ''}` : (l.teacher ?? ''),
            room: l.room,
            status: l.status,
            note:
              studentId === null && l.regularTeacherId === actor.userId ? `вас заменяет ${l.teacher ?? ''}` : note(l),
            uid: revision.origin,
            sequence: revision.sequence,
            modifiedAt: revision.modifiedAt?.toISOString() ?? null,
          };
        }),
    })),
  };
}

/** Days a notice of a publication stays on the home page. */
export const NOTICE_DAYS = 14;

/** «Изменения в расписании на 03.12: …» — the recent publications' lines that touch the actor, newest first. */
export async function timetableNotices(
  db: Db,
  actor: Actor,
  now: Date = new Date(),
): Promise<{ heading: string; lines: string[] }[]> {
  const institutions = institutionsFor(actor, 'timetable.own');
  if (institutions.length === 0) return [];
  const since = new Date(now.getTime() - NOTICE_DAYS * 86_400_000);
  const publications = await db
    .select({ summary: timetablePublications.summary, at: timetablePublications.publishedAt })
    .from(timetablePublications)
    .where(
      and(inArray(timetablePublications.institutionId, institutions), gte(timetablePublications.publishedAt, since)),
    )
    .orderBy(sql`${timetablePublications.publishedAt} desc`);
  if (publications.length === 0) return [];
  // The journals whose changes concern the actor: his own, and those of his or his children's groups today.
  const today = todayOf(actor, now);
  const family = [...actor.ownStudentIds, ...actor.childStudentIds].map((s) => s.studentId);
  const mine = await db
    .select({ id: teachingAssignments.id })
    .from(teachingAssignments)
    .where(
      or(
        eq(teachingAssignments.teacherUserId, actor.userId),
        family.length
          ? sql`${teachingAssignments.groupId} in (select ${groupMemberships.groupId} from ${groupMemberships}
              where ${groupMemberships.studentId} in (${sql.join(
                family.map((f) => sql`${f}`),
                sql`, `,
              )})
              and ${groupMemberships.fromDate} <= ${today}
              and (${groupMemberships.toDate} is null or ${groupMemberships.toDate} >= ${today}))`
          : undefined,
      ),
    );
  const own = new Set(mine.map((m) => m.id));
  const byDate = new Map<string, string[]>();
  for (const p of publications)
    for (const line of p.summary as DiffLine[]) {
      if (!own.has(line.assignmentId) && line.substituteId !== actor.userId) continue;
      if (line.date !== null && line.date < today) continue;
      const heading = line.date
        ? `Изменения в расписании на ${formatDayMonth(line.date)}`
        : 'Изменения в расписании недели';
      byDate.set(heading, [...(byDate.get(heading) ?? []), line.text]);
    }
  return [...byDate].map(([heading, lines]) => ({ heading, lines }));
}
