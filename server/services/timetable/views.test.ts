import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { departments, groups, rooms, teachingAssignments, terms } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { renderTimetableWeek } from '../../reports/timetable-week';
import { placeEntry, placeInput } from './template';
import { timetableView } from './views';

const demo = useDemoDatabase({ timetable: 'none' });

describe('the week by group, teacher, room and department, on screen and in print', () => {
  it('shows one lesson in each view it belongs to and prints the week as a Cyrillic PDF', async () => {
    const db = demo.database.db;
    const { methodist, head } = demo.actors;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const [ис21] = await db.select().from(groups).where(eq(groups.name, 'ИС-21'));
    const [journal] = await db
      .select({ id: teachingAssignments.id, teacherId: teachingAssignments.teacherUserId })
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
    const [room] = await db.select().from(rooms).where(eq(rooms.number, '103'));
    await placeEntry(
      db,
      methodist,
      placeInput.parse({ assignmentId: journal!.id, weekday: 2, pairNo: 4, roomId: room!.id }),
    );
    const date = '2026-12-08';
    const byGroup = await timetableView(db, methodist, { kind: 'group', id: ис21!.id, date });
    expect(byGroup.title).toBe('Группа ИС-21');
    expect(byGroup.lessons.map((l) => [l.date, l.pairNo, l.room])).toEqual([['2026-12-08', 4, '103']]);
    const byTeacher = await timetableView(db, methodist, { kind: 'teacher', id: journal!.teacherId!, date });
    expect(byTeacher.title).toMatch(/^Преподаватель [А-ЯЁ][а-яё]+ [А-Я]\. [А-Я]\.$/);
    expect(byTeacher.lessons.map((l) => l.group)).toEqual(['ИС-21']);
    const byRoom = await timetableView(db, methodist, { kind: 'room', id: room!.id, date });
    expect(byRoom.title).toBe('Аудитория 103');
    expect(byRoom.lessons).toHaveLength(1);
    const [department] = await db.select().from(departments).where(eq(departments.id, ис21!.departmentId));
    const byDepartment = await timetableView(db, methodist, { kind: 'department', id: department!.id, date });
    expect(byDepartment.rows.map((r) => r.name)).toEqual(['ИС-11', 'ИС-21', 'ИС-31', 'ТО-21']);
    expect(byDepartment.lessons).toHaveLength(1);

    for (const view of [byGroup, byDepartment]) {
      const pdf = await renderTimetableWeek(view);
      const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
      expect(text).toContain(`Расписание занятий: ${view.title}`);
      expect(text).toContain('Неделя 07.12.2026–12.12.2026');
      expect(text).toContain(byGroup.lessons[0]!.subject);
    }

    // The head of department: the own department's groups; another's refused.
    const [other] = await db.select().from(groups).where(eq(groups.name, 'ЭБ-21'));
    await expect(timetableView(db, head, { kind: 'group', id: other!.id, date })).rejects.toMatchObject({
      status: 403,
    });
    expect((await timetableView(db, head, { kind: 'department', date })).choices.department).toHaveLength(1);
  });
});
