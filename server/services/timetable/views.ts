/**
 * Views of the timetable of dates (issue #11, item 3): a group's, a teacher's or a room's week, and all groups of a
 * department at once — for the methodist (the college) and the head of department (the department's groups; any
 * teacher's or room's week, since a teacher's other groups decide when he is free). The same data prints as a PDF.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { departments, groups, institutions } from '../../../db/schema';
import { todayOf, type Actor } from '../../policy/actor';
import { groupScope } from '../../policy/scope';
import { idSchema as id, isoDateSchema } from '../../../domain/ids';
import { outOfScope } from '../refusals';
import { collegeWeek, weekTerms, type DatedLessonView, type DayView } from './dates';

export const VIEW_KINDS = ['group', 'teacher', 'room', 'department'] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

export const viewInput = z.object({
  kind: z.enum(VIEW_KINDS, { error: 'Вид: группа, преподаватель, аудитория или отделение' }),
  id: id.optional(),
  date: isoDateSchema('Неделя').optional(),
});

export interface TimetableViewData {
  kind: ViewKind;
  id: number | null;
  /** «Группа ИС-21», «Преподаватель Петров П. П.», «Аудитория 214», «Отделение информационных технологий». */
  title: string;
  college: string;
  monday: string;
  days: DayView[];
  lessons: DatedLessonView[];
  /** For a department: its groups in order (the sheet's rows). */
  rows: { id: number; name: string }[];
  choices: Record<ViewKind, { id: number; name: string }[]>;
}

/** The week (Monday…Saturday of `date`, default today) of one group, teacher, room or department. */
export async function timetableView(
  db: Db,
  actor: Actor,
  input: z.infer<typeof viewInput>,
): Promise<TimetableViewData> {
  const { term, terms, date } = await weekTerms(db, actor, 'timetable.place', input.date, todayOf(actor));
  const [week, groupRows, departmentRows] = await Promise.all([
    collegeWeek(db, terms, date, 'draft'),
    db
      .select({ id: groups.id, name: groups.name, departmentId: groups.departmentId })
      .from(groups)
      .where(and(eq(groups.institutionId, term.institutionId), groupScope(actor, 'timetable.place')))
      .orderBy(asc(groups.name)),
    db
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(eq(departments.institutionId, term.institutionId))
      .orderBy(asc(departments.name)),
  ]);
  const studying = groupRows.filter((g) => [...week.journals.values()].some((j) => j.groupId === g.id));
  const visibleDepartments = departmentRows.filter((d) => studying.some((g) => g.departmentId === d.id));
  const teachers = [...week.names]
    .map(([tid, name]) => ({ id: tid, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const rooms = week.roomList.map((r) => ({ id: r.id, name: r.label }));
  const choices = { group: studying, teacher: teachers, room: rooms, department: visibleDepartments };
  const chosen = input.id ?? choices[input.kind][0]?.id ?? null;
  const found = choices[input.kind].find((c) => c.id === chosen);
  if (input.id !== undefined && !found) throw outOfScope();
  const inGroups = new Set(studying.map((g) => g.id));
  let lessons: DatedLessonView[] = [];
  let rows: { id: number; name: string }[] = [];
  if (found) {
    if (input.kind === 'group') lessons = week.lessons.filter((l) => l.groupId === found.id);
    else if (input.kind === 'teacher')
      lessons = week.lessons.filter((l) => l.teacherId === found.id || l.regularTeacherId === found.id);
    else if (input.kind === 'room') lessons = week.lessons.filter((l) => l.roomId === found.id);
    else {
      rows = studying.filter((g) => g.departmentId === found.id).map((g) => ({ id: g.id, name: g.name }));
      const ids = new Set(rows.map((r) => r.id));
      lessons = week.lessons.filter((l) => ids.has(l.groupId));
    }
  }
  if (input.kind !== 'group' && input.kind !== 'department')
    // A head of department reads the other departments' lessons of a teacher or room without their students' groups
    // being his: names of groups and subjects only, as the timetable on the wall shows them.
    lessons = lessons.map((l) => (inGroups.has(l.groupId) ? l : { ...l, changes: [] }));
  const label = { group: 'Группа', teacher: 'Преподаватель', room: 'Аудитория', department: '' }[input.kind];
  const [college] = await db
    .select({ shortName: institutions.shortName })
    .from(institutions)
    .where(eq(institutions.id, term.institutionId));
  return {
    kind: input.kind,
    id: found?.id ?? null,
    title: found ? `${label} ${found.name}`.trim() : 'Нет данных',
    college: college?.shortName ?? '',
    monday: week.monday,
    days: week.days,
    lessons,
    rows,
    choices,
  };
}
