/**
 * The calendar feed (issue #11, item 4): a person's published timetable — the teacher's own lessons, a student's, each
 * of a parent's children — as iCalendar (RFC 5545) at a secret address a phone calendar subscribes to. The address
 * carries a random token; only its SHA-256 is stored; a new link revokes the old, and the person can revoke it.
 * ical-generator writes the file.
 */
import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import ical, { ICalEventStatus } from 'ical-generator';
import { inTransaction, type Db } from '../../../db/client';
import { calendarFeeds } from '../../../db/schema';
import { addDays, zonedInstant } from '../../../domain/dates';
import { can, loadActor, todayOf, type Actor } from '../../policy/actor';
import { Refusal } from '../../policy/refusal';
import { logAdminChange } from '../admin-log';
import { institutionOf } from '../refusals';
import { myWeek } from './own';

/** Weeks a feed holds: the last one and the next five. */
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
 * deactivated). Lessons of the published timetable from the last week to five weeks ahead, in the college's time zone.
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
  const today = todayOf(actor, now);
  const whose: (number | undefined)[] = actor.grants.some((g) => g.role === 'teacher')
    ? [undefined]
    : [...actor.ownStudentIds, ...actor.childStudentIds].map((s) => s.studentId);
  for (const studentId of whose)
    for (let w = -WEEKS_BACK; w <= WEEKS_AHEAD; w++) {
      const week = await myWeek(db, actor, { date: addDays(today, 7 * w), studentId }).catch((error: unknown) => {
        if (error instanceof Refusal) return null; // a week outside the open terms
        throw error;
      });
      if (!week) continue;
      for (const day of week.days)
        for (const lesson of day.lessons) {
          if (!lesson.startsAt || !lesson.endsAt) continue;
          const who = whose.length > 1 ? `${week.title.split(',')[0]}: ` : '';
          calendar.createEvent({
            id: `${lesson.key}-${studentId ?? 'own'}@ezh`,
            start: zonedInstant(day.date, lesson.startsAt, actor.timeZone),
            end: zonedInstant(day.date, lesson.endsAt, actor.timeZone),
            summary: `${who}${lesson.status === 'planned' ? '' : 'Отменено: '}${lesson.subject} (${lesson.with})`,
            location: lesson.room ? `ауд. ${lesson.room}` : null,
            description: lesson.note,
            status: lesson.status === 'planned' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
          });
        }
    }
  return calendar.toString();
}
