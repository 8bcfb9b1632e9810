import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groups, teachingAssignments, terms } from '../../../db/schema';
import { addDays, todayIn } from '../../../domain/dates';
import { useDemoDatabase } from '../../../test/demo-database';
import { createFeed, feedCalendar, feedStatus, revokeFeed } from './feed';
import { publishTimetable } from './publish';
import { placeEntry, placeInput } from './template';

const demo = useDemoDatabase();

describe('the calendar feed', () => {
  it('gives the student a secret iCal link with the published lessons in UTC; a new link or a revoke ends the old', async () => {
    const db = demo.database.db;
    const { methodist, student, teacher } = demo.actors;
    // The feed holds the weeks around its «now»: 1 December 2026, in the autumn term.
    const now = new Date('2026-12-01T09:00:00Z');
    const today = todayIn(student.timeZone, now);
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const [ис21] = await db.select().from(groups).where(eq(groups.name, 'ИС-21'));
    const [journal] = await db
      .select({ id: teachingAssignments.id })
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.groupId, ис21!.id),
          eq(teachingAssignments.termId, term!.id),
          isNull(teachingAssignments.subgroupId),
          isNotNull(teachingAssignments.teacherUserId),
        ),
      )
      .limit(1);
    await placeEntry(
      db,
      methodist,
      placeInput.parse({ assignmentId: journal!.id, weekday: 3, pairNo: 1, roomId: null }),
    );
    await publishTimetable(db, methodist);

    const token = await createFeed(db, student);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await feedStatus(db, student)).not.toBeNull();
    const ics = (await feedCalendar(db, token, now))!;
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('X-WR-CALNAME:Расписание занятий');
    // Wednesday's first pair, 08:30 in Moscow = 05:30 UTC, on the term's Wednesdays around today.
    const wednesdays = [...ics.matchAll(/DTSTART:(\d{8})T053000Z/g)].map((m) => m[1]);
    expect(wednesdays.length).toBeGreaterThan(0);
    expect(ics).toMatch(/SUMMARY:.+ \([А-ЯЁ][а-яё]+ [А-Я]\. [А-Я]\.\)/);
    expect(wednesdays.every((d) => d! >= addDays(today, -14).replaceAll('-', ''))).toBe(true);

    // A new link revokes the old; a revoked link answers nothing.
    const second = await createFeed(db, student);
    expect(await feedCalendar(db, token)).toBeNull();
    expect(await feedCalendar(db, second, now)).toContain('BEGIN:VEVENT');
    expect(await revokeFeed(db, student)).toBe(true);
    expect(await feedCalendar(db, second)).toBeNull();
    expect(await revokeFeed(db, student)).toBe(false);
    expect(await feedCalendar(db, 'no-such-token-0123456789')).toBeNull();
    // The methodist has no own timetable feed.
    await expect(createFeed(db, methodist)).rejects.toMatchObject({ status: 403 });
    expect(await feedCalendar(db, await createFeed(db, teacher), now)).toContain('BEGIN:VCALENDAR');
  });
});
