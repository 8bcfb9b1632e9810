import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, teachingAssignments } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { demoJournalId } from '../../../test/journal-fixtures';
import { readableAssignments } from '../../queries/journal';
import { loadSubgroupSplit, saveSubgroups } from '../contingent/subgroups';
import {
  createLoadFromCurriculum,
  deleteAssignment,
  loadTerm,
  splitAssignmentBySubgroups,
  updateAssignment,
} from './teaching-load';
import { openYear } from '../college/years';

const demo = useDemoDatabase();

describe('teaching load', () => {
  it('shows the current term’s load of the head’s department: every plan line with its journal and teacher', async () => {
    const load = await loadTerm(demo.database.db, demo.actors.head, {});
    expect(load.term.name).toBe('1 семестр 2026/2027');
    const is21 = load.groups.find((g) => g.name === 'ИС-21')!;
    expect(is21.semester).toBe(3);
    const op04 = is21.lines.find((l) => l.code === 'ОП.04')!;
    expect(op04).toMatchObject({ teacherName: 'Петрова А. Н.', planHours: expect.any(Number) });
    expect(op04.lessons).toBeGreaterThan(10);
    expect(load.groups.some((g) => g.name === 'ПНК-11')).toBe(false);
    expect(load.teachers.length).toBeGreaterThan(5);
  });

  it('creates next year’s journals from the curricula in one action, then teachers are assigned', async () => {
    const db = demo.database.db;
    await openYear(db, demo.actors.admin, {
      name: '2027/2028',
      startsOn: '2027-09-01',
      endsOn: '2028-06-30',
      terms: [
        { name: '1 семестр 2027/2028', startsOn: '2027-09-01', endsOn: '2027-12-28' },
        { name: '2 семестр 2027/2028', startsOn: '2028-01-12', endsOn: '2028-06-30' },
      ],
    });
    const current = await loadTerm(db, demo.actors.admin, {});
    const next = current.terms.find((t) => t.name === '1 семестр 2027/2028')!;
    const empty = await loadTerm(db, demo.actors.admin, { termId: next.id });
    const is21 = empty.groups.find((g) => g.name === 'ИС-21')!;
    expect(is21.semester).toBe(5);
    expect(is21.lines.length).toBeGreaterThan(3);
    expect(is21.lines.every((l) => l.assignmentId === null)).toBe(true);

    const result = await createLoadFromCurriculum(db, demo.actors.admin, { termId: next.id });
    const planned = empty.groups.reduce((n, g) => n + g.lines.length, 0);
    expect(result.created).toBe(planned);
    expect((await createLoadFromCurriculum(db, demo.actors.admin, { termId: next.id })).created).toBe(0);

    const filled = await loadTerm(db, demo.actors.admin, { termId: next.id });
    const line = filled.groups.find((g) => g.name === 'ИС-21')!.lines[0]!;
    expect(line).toMatchObject({ teacherUserId: null, plannedHours: line.planHours });
    const list = await readableAssignments(db, demo.actors.admin, { termId: next.id }, '2027-09-10');
    expect(list.find((a) => a.id === line.assignmentId)!.teacherName).toBe('не назначен');

    await expect(
      updateAssignment(db, demo.actors.admin, {
        assignmentId: line.assignmentId!,
        teacherUserId: demo.actors.student.userId,
        plannedHours: 40,
      }),
    ).rejects.toThrow('это не действующий преподаватель колледжа');
    await updateAssignment(db, demo.actors.admin, {
      assignmentId: line.assignmentId!,
      teacherUserId: demo.actors.teacher.userId,
      plannedHours: 40,
    });
    const mine = await readableAssignments(db, demo.actors.teacher, { termId: next.id }, '2027-09-10');
    expect(mine.map((a) => a.id)).toContain(line.assignmentId);
    const log = await db.select().from(changeLog).where(eq(changeLog.entity, 'assignment'));
    expect(log.at(-1)!.after).toMatchObject({ teacherUserId: demo.actors.teacher.userId, plannedHours: 40 });

    // Split by subgroups once the group is divided in that term.
    await expect(
      splitAssignmentBySubgroups(db, demo.actors.admin, { assignmentId: line.assignmentId! }),
    ).rejects.toThrow('сначала разделите её на подгруппы');
    const split = await loadSubgroupSplit(db, demo.actors.admin, {
      groupId: filled.groups.find((g) => g.name === 'ИС-21')!.id,
      termId: next.id,
    });
    const half = Math.ceil(split.students.length / 2);
    await saveSubgroups(db, demo.actors.admin, {
      groupId: split.group.id,
      termId: next.id,
      subgroups: [
        { name: '1 подгруппа', studentIds: split.students.slice(0, half).map((s) => s.id) },
        { name: '2 подгруппа', studentIds: split.students.slice(half).map((s) => s.id) },
      ],
    });
    expect(await splitAssignmentBySubgroups(db, demo.actors.admin, { assignmentId: line.assignmentId! })).toEqual({
      assignments: 2,
    });
    const parts = await db
      .select()
      .from(teachingAssignments)
      .where(and(eq(teachingAssignments.termId, next.id), eq(teachingAssignments.curriculumItemId, line.itemId)));
    expect(parts.filter((p) => p.groupId === split.group.id).map((p) => p.teacherUserId)).toEqual([
      demo.actors.teacher.userId,
      demo.actors.teacher.userId,
    ]);
    await deleteAssignment(db, demo.actors.admin, { assignmentId: parts[0]!.id });
  });

  it('keeps a journal with lessons, and a head out of other departments', async () => {
    const db = demo.database.db;
    const journal = await demoJournalId(db, demo.actors.teacher);
    await expect(deleteAssignment(db, demo.actors.admin, { assignmentId: journal })).rejects.toThrow(
      /В журнале есть занятия \(\d+\): удалить его нельзя/,
    );
    const admin = await loadTerm(db, demo.actors.admin, {});
    const pnk = admin.groups.find((g) => g.name === 'ПНК-11')!.lines.find((l) => l.assignmentId !== null)!;
    await expect(
      updateAssignment(db, demo.actors.head, { assignmentId: pnk.assignmentId!, teacherUserId: null, plannedHours: 1 }),
    ).rejects.toThrow('Нет доступа');
  });
});
