import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groups, teachingAssignments, terms } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { groupDates } from './changes';
import { createFeed, feedCalendar } from './feed';
import { myWeek } from './own';
import { publishTimetable } from './publish';
import { placeEntry, placeInput } from './template';
import { timetableView } from './views';

const demo = useDemoDatabase({ timetable: 'none' });

/**
 * Issue #26, item 4(a): periods are calendar dates clipped by the terms' own bounds, never offsets of today. The demo
 * autumn term ends on Monday 28.12.2026; on Saturday 05.12 the feed's weeks were today + 7·k, and the week anchored on
 * Saturday 02.01 (outside the term) was skipped whole — with it the lessons of Monday 28.12.
 */
describe('periods from calendar dates and the terms’ bounds', () => {
  it('the feed of 05.12 holds Monday 28.12, the term’s last day; every week view shows it from any day of its week', async () => {
    const db = demo.database.db;
    const { methodist, student, teacher } = demo.actors;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    expect(term!.endsOn).toBe('2026-12-28');
    const [ис21] = await db.select().from(groups).where(eq(groups.name, 'ИС-21'));
    const [journal] = await db
      .select({ id: teachingAssignments.id })
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.groupId, ис21!.id),
          eq(teachingAssignments.termId, term!.id),
          isNull(teachingAssignments.subgroupId),
          eq(teachingAssignments.teacherUserId, teacher.userId),
        ),
      )
      .limit(1);
    await placeEntry(db, methodist, placeInput.parse({ assignmentId: journal!.id, weekday: 1, pairNo: 1 }));
    await publishTimetable(db, methodist, { effectiveFrom: '2026-12-07' }, new Date('2026-12-05T09:00:00Z'));

    // Saturday 05.12.2026, 12:00 in Moscow: Monday's first pair (08:30 MSK = 05:30 UTC) on 28.12 is in the feed.
    const now = new Date('2026-12-05T09:00:00Z');
    for (const actor of [student, teacher]) {
      const ics = (await feedCalendar(db, await createFeed(db, actor), now))!;
      const mondays = [...ics.matchAll(/DTSTART:(\d{8})T053000Z/g)].map((m) => m[1]);
      expect(mondays).toEqual(['20261207', '20261214', '20261221', '20261228']);
    }

    // The week of 28.12 from its Saturday (02.01, in the vacation) shows Monday's lesson in every week view.
    const studentWeek = await myWeek(db, student, { date: '2027-01-02' });
    expect(studentWeek.monday).toBe('2026-12-28');
    expect(studentWeek.days[0]!.lessons.map((l) => l.pairNo)).toEqual([1]);
    expect(studentWeek.days[1]!.off).toBe('Зимние каникулы');
    const dates = await groupDates(db, methodist, { groupId: ис21!.id, date: '2027-01-02' });
    expect(dates.lessons.map((l) => l.date)).toEqual(['2026-12-28']);
    const view = await timetableView(db, methodist, { kind: 'group', id: ис21!.id, date: '2027-01-02' });
    expect(view.lessons.map((l) => l.date)).toEqual(['2026-12-28']);
    // A week wholly in the vacation is an empty week with its days off, not a refusal.
    const vacation = await myWeek(db, student, { date: '2027-01-05' });
    expect(vacation.days.flatMap((d) => d.lessons)).toEqual([]);
    expect(vacation.days.map((d) => d.off)).toEqual(Array(6).fill('Зимние каникулы'));
  });
});
