/**
 * The calendar feed (issue #11, item 4): a person's published timetable — the teacher's own lessons, a student's, each
 * of a parent's children — as iCalendar (RFC 5545) at a secret address a phone calendar subscribes to. The address
 * carries a random token; only its SHA-256 is stored; a new link revokes the old, and the person can revoke it.
 * ical-generator writes the file.
 */
import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import ical, { ICalEventStatus, type ICalEventData } from 'ical-generator';
import { inTransaction, type Db } from '../../../db/client';
import { calendarFeeds } from '../../../db/schema';
import { addDays, weekStart, zonedInstant } from '../../../domain/dates';
import { can, loadActor, todayOf, type Actor } from '../../policy/actor';
import { Refusal } from '../../policy/refusal';
import { logAdminChange } from '../admin-log';
import { institutionOf } from '../refusals';
import { myWeek } from './own';

/** Calendar weeks a feed holds: the last one and the next five. */
const WEEKS_BACK = 1;
const WEEKS_AHEAD = 5;

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A new secret link for the actor's calendar; the previous one stops working. Returns the token (shown once). */
export async function createFeed(db: Db, actor: Actor): Promise<string> {
  const institutionId = institutionOf(actor, 'timetable.own');
  const token = crypto.randomBytes(24).toString('base64url');
  await inTransaction(db, async (tx) => {
    await tx
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
    await tx.insert(calendarFeeds).values({ userId: actor.userId, tokenHash: hash(token) });
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'calendar_feed',
      null,
      { userId: actor.userId },
      'Подписка на календарь',
    );
  });
  return token;
}

/** Revokes the actor's link; returns whether there was one. */
export async function revokeFeed(db: Db, actor: Actor): Promise<boolean> {
  const institutionId = institutionOf(actor, 'timetable.own');
  return inTransaction(db, async (tx) => {
    const revoked = await tx
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)))
      .returning({ userId: calendarFeeds.userId });
    if (revoked.length)
      await logAdminChange(
        tx,
        actor,
        institutionId,
        'calendar_feed',
        { userId: actor.userId },
        null,
        'Подписка отозвана',
      );
    return revoked.length > 0;
  });
}

/** Whether the actor has a working link, and since when. */
export async function feedStatus(db: Db, actor: Actor): Promise<{ since: Date } | null> {
  const [row] = await db
    .select({ since: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
  return row ?? null;
}

/**
 * The feed of a token: null when the token is unknown or revoked, or its owner no longer has a timetable (left, was
 * deactivated). Lessons of the published timetable of the calendar weeks (Monday…Saturday) from the last one to the
 * fifth ahead, each week with the lessons of every term it overlaps, clipped to the terms' own bounds (issue #26,
 * item 4a: a week was skipped whole when today + 7·k fell outside a term), in the college's time zone.
 *
 * Each lesson occurrence is one event (RFC 5545): its UID stays while the lesson is changed, moved (the event takes
 * the new date and pair), substituted or cancelled; SEQUENCE grows with every published change of it and
 * LAST-MODIFIED (and DTSTAMP, which without METHOD is the last revision, §3.8.7.2) is when the last was published
 * (domain `lessonRevision`), so Google, Apple and Outlook replace their copy. A cancelled lesson stays, with
 * STATUS:CANCELLED and the higher SEQUENCE: a client strikes it through or removes it, and the person sees it was
 * cancelled rather than lost (a lesson that vanished from a feed reads like a sync fault). A lesson moved beyond the
 * feed's weeks stays where it was, cancelled, «Перенесено на …».
 */
export async function feedCalendar(db: Db, token: string, now: Date = new Date()): Promise<string | null> {
  const [feed] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hash(token)), isNull(calendarFeeds.revokedAt)));
  if (!feed) return null;
  const actor = await loadActor(db, feed.userId);
  if (!actor || !can(actor, 'timetable.own')) return null;
  // Times go out in UTC (the instants of the college's clock), which every calendar reads without a VTIMEZONE.
  const calendar = ical({ name: 'Расписание занятий', prodId: '//ezh//timetable//RU' });
  const thisMonday = weekStart(todayOf(actor, now));
  const mondays = Array.from({ length: WEEKS_BACK + 1 + WEEKS_AHEAD }, (_, i) =>
    addDays(thisMonday, 7 * (i - WEEKS_BACK)),
  );
  const whose: (number | undefined)[] = actor.grants.some((g) => g.role === 'teacher')
    ? [undefined]
    : [...actor.ownStudentIds, ...actor.childStudentIds].map((s) => s.studentId);
  const events = new Map<string, ICalEventData>();
  const movedAway: [string, ICalEventData][] = [];
  for (const studentId of whose)
    for (const monday of mondays) {
      const week = await myWeek(db, actor, { date: monday, studentId }).catch((error: unknown) => {
        if (error instanceof Refusal) return null; // a week outside the open academic years
        throw error;
      });
      if (!week) continue;
      for (const day of week.days)
        for (const lesson of day.lessons) {
          if (!lesson.startsAt || !lesson.endsAt) continue;
          const who = whose.length > 1 ? `${week.title.split(',')[0]}: ` : '';
          const status = STATUS_PREFIX[lesson.status];
          const modified = lesson.modifiedAt ? new Date(lesson.modifiedAt) : null;
          const uid = `${lesson.uid}-${studentId ?? 'own'}@ezh`;
          const event: ICalEventData = {
            id: uid,
            start: zonedInstant(day.date, lesson.startsAt, actor.timeZone),
            end: zonedInstant(day.date, lesson.endsAt, actor.timeZone),
            summary: `${who}${status}${lesson.subject} (${lesson.with})`,
            location: lesson.room ? `ауд. ${lesson.room}` : null,
            description: lesson.note,
            status: lesson.status === 'planned' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
            sequence: lesson.sequence,
            lastModified: modified,
            stamp: modified ?? now,
          };
          if (lesson.status === 'moved') movedAway.push([uid, event]);
          else events.set(uid, event);
        }
    }
  // A moved lesson's event is where it went; where it was only when the feed does not hold where it went.
  for (const [uid, event] of movedAway) if (!events.has(uid)) events.set(uid, event);
  for (const event of events.values()) calendar.createEvent(event);
  return calendar.toString();
}

const STATUS_PREFIX = { planned: '', cancelled: 'Отменено: ', moved: 'Перенесено: ' } as const;
