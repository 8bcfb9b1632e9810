import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groups, rooms, teachingAssignments, terms } from '../../../db/schema';
import { addDays, todayIn } from '../../../domain/dates';
import { useDemoDatabase } from '../../../test/demo-database';
import { changeInput, groupDates, makeChange } from './changes';
import { createFeed, feedCalendar, feedStatus, revokeFeed } from './feed';
import { publishTimetable } from './publish';
import { moveEntry, placeEntry, placeInput } from './template';

const demo = useDemoDatabase({ timetable: 'none' });

/** The events of an iCalendar text by UID, each a map of its properties (lines unfolded, parameters dropped). */
function events(ics: string): Map<string, Record<string, string>> {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const found = new Map<string, Record<string, string>>();
  let event: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') event = {};
    else if (line === 'END:VEVENT' && event) {
      found.set(event.UID!, event);
      event = null;
    } else if (event) {
      const colon = line.indexOf(':');
      event[line.slice(0, colon).split(';')[0]!] = line.slice(colon + 1).replace(/\\([,;\\])/g, '$1');
    }
  }
  return found;
}

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
    await publishTimetable(db, methodist, { effectiveFrom: '2026-09-01', fillPast: true });

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

  it('updates a lesson’s event when it is substituted, cancelled, moved, reverted or re-roomed: same UID, higher SEQUENCE (RFC 5545)', async () => {
    const db = demo.database.db;
    const { methodist, teacher } = demo.actors;
    const now = new Date('2026-12-05T09:00:00Z');
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const [ис31] = await db.select().from(groups).where(eq(groups.name, 'ИС-31'));
    const [journal] = await db
      .select({ id: teachingAssignments.id })
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.groupId, ис31!.id),
          eq(teachingAssignments.termId, term!.id),
          isNull(teachingAssignments.subgroupId),
          eq(teachingAssignments.teacherUserId, teacher.userId),
        ),
      )
      .limit(1);
    // Thursdays, 2nd pair (10:10 MSK = 07:10 UTC), from Monday 07.12.
    const placed = await placeEntry(
      db,
      methodist,
      placeInput.parse({ assignmentId: journal!.id, weekday: 4, pairNo: 2, roomId: null }),
    );
    const publish = (effectiveFrom = '2026-12-07') => publishTimetable(db, methodist, { effectiveFrom }, now);
    await publish();
    const token = await createFeed(db, teacher);
    const feed = async () => events((await feedCalendar(db, token, now))!);
    const uid = (date: string) => `e${placed.entryId}@${date}-own@ezh`;

    let seen = await feed();
    expect([...seen.keys()].sort()).toEqual(['2026-12-10', '2026-12-17', '2026-12-24'].map(uid));
    const first = seen.get(uid('2026-12-10'))!;
    expect(first).toMatchObject({ DTSTART: '20261210T071000Z', SEQUENCE: '0', STATUS: 'CONFIRMED' });
    expect(first['LAST-MODIFIED']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(first.DTSTAMP).toBe(first['LAST-MODIFIED']); // without METHOD, DTSTAMP is the last revision (§3.8.7.2)
    // Fetched again with nothing changed, the feed is the same.
    expect(await feed()).toEqual(seen);

    const change = (c: Record<string, unknown>) =>
      makeChange(db, methodist, changeInput.parse({ reason: 'Курсы повышения квалификации', ...c }));
    const other = (
      await db
        .select({ id: teachingAssignments.teacherUserId })
        .from(teachingAssignments)
        .where(and(eq(teachingAssignments.termId, term!.id), isNotNull(teachingAssignments.teacherUserId)))
    ).find((r) => r.id !== teacher.userId)!.id!;
    await change({ kind: 'substitute', targetKey: `e${placed.entryId}@2026-12-10`, substituteId: other });
    await change({ kind: 'cancel', targetKey: `e${placed.entryId}@2026-12-17` });
    await publish();
    seen = await feed();
    // The teacher's own lesson given to a substitute stays in his feed, changed: «вас заменяет …».
    expect(seen.get(uid('2026-12-10'))).toMatchObject({ SEQUENCE: '1', STATUS: 'CONFIRMED' });
    expect(seen.get(uid('2026-12-10'))!.DESCRIPTION).toMatch(/^вас заменяет /);
    expect(seen.get(uid('2026-12-10'))!['LAST-MODIFIED']! >= first['LAST-MODIFIED']!).toBe(true);
    expect(seen.get(uid('2026-12-17'))).toMatchObject({ SEQUENCE: '1', STATUS: 'CANCELLED' });
    expect(seen.get(uid('2026-12-17'))!.SUMMARY).toMatch(/^Отменено: /);

    // Moved: the same event takes the new date and pair; reverted: back, and the revision still grows.
    await change({ kind: 'move', targetKey: `e${placed.entryId}@2026-12-24`, toDate: '2026-12-23', toPairNo: 3 });
    const [cancel] = (await groupDates(db, methodist, { groupId: ис31!.id, date: '2026-12-17' })).lessons.find(
      (l) => l.key === `e${placed.entryId}@2026-12-17`,
    )!.changes;
    await change({ kind: 'revert', changeId: cancel!.id, reason: 'Курсы перенесены' });
    await publish();
    seen = await feed();
    expect(seen.get(uid('2026-12-24'))).toMatchObject({ DTSTART: '20261223T092000Z', SEQUENCE: '1' });
    expect(seen.get(uid('2026-12-24'))!.DESCRIPTION).toBe('перенесено сюда');
    expect(seen.get(uid('2026-12-17'))).toMatchObject({ SEQUENCE: '2', STATUS: 'CONFIRMED' });
    expect([...seen.values()].filter((e) => e.DTSTART === '20261224T071000Z')).toEqual([]);

    // Another room for the placement from 21.12: the events keep their UIDs; those from 21.12 are a revision on.
    const [room] = await db.select({ id: rooms.id }).from(rooms).where(eq(rooms.number, '103'));
    await moveEntry(db, methodist, { entryId: placed.entryId, weekday: 4, pairNo: 2, roomId: room!.id });
    await publish('2026-12-21');
    const after = await feed();
    expect([...after.keys()].sort()).toEqual([...seen.keys()].sort());
    expect(after.get(uid('2026-12-10'))).toEqual(seen.get(uid('2026-12-10')));
    expect(after.get(uid('2026-12-24'))).toMatchObject({ SEQUENCE: '2', LOCATION: 'ауд. 103' });
  });
});
