/** Lessons (journal columns) from the journal page: add, edit, delete — validated, logged, within the edit rules. */
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, queryRows, type Db } from '../../../db/client';
import { changeLog, editBatches, lessons } from '../../../db/schema';
import { formatDate } from '../../../domain/dates';
import { lessonRefusal } from '../../../domain/lesson-teacher';
import { LESSON_KINDS } from '../../../domain/lesson-kinds';
import type { Actor } from '../../policy/actor';
import { MESSAGES } from '../../policy/messages';
import { editAccess, loadAssignment, type AssignmentContext, type EditAccess } from './context';
import { idSchema, isoDateSchema } from '../../../domain/ids';
import { badInput, forbidden, outOfScope } from '../refusals';

const isoDate = isoDateSchema('Дата');
const kindCodes = LESSON_KINDS.map((k) => k.code) as [string, ...string[]];

export const lessonFields = z.object({
  date: isoDate,
  pairNo: z.number().int().min(1, 'Пара: от 1 до 8').max(8, 'Пара: от 1 до 8').nullable().default(null),
  hours: z.number().int().min(1, 'Часы: от 1 до 8').max(8, 'Часы: от 1 до 8').default(2),
  kind: z.enum(kindCodes, { message: 'Вид занятия: выберите из списка' }),
  topic: z.string().trim().max(500, 'Тема: не длиннее 500 символов').nullable().default(null),
  homework: z.string().trim().max(500, 'Домашнее задание: не длиннее 500 символов').nullable().default(null),
});

export const createLessonInput = lessonFields.extend({ assignmentId: idSchema });
export const updateLessonInput = lessonFields.extend({ assignmentId: idSchema, lessonId: idSchema });
export const deleteLessonInput = z.object({
  assignmentId: idSchema,
  lessonId: idSchema,
  confirm: z.boolean().default(false),
});

type LessonFields = z.infer<typeof lessonFields>;

async function editable(
  db: Db,
  actor: Actor,
  assignmentId: number,
): Promise<{ assignment: AssignmentContext; access: EditAccess }> {
  const assignment = await loadAssignment(db, actor, assignmentId, 'journal.read');
  if (!assignment) throw outOfScope();
  const access = await editAccess(db, actor, assignment);
  if (!access.canEdit) throw forbidden(access.reason ?? MESSAGES.forbidden);
  return { assignment, access };
}

async function checkFields(db: Db, a: AssignmentContext, f: LessonFields, exceptLessonId?: number) {
  if (f.date < a.termStartsOn || f.date > a.termEndsOn) {
    throw badInput(
      `Дата: ${formatDate(f.date)} вне семестра (${formatDate(a.termStartsOn)} — ${formatDate(a.termEndsOn)})`,
    );
  }
  if (f.pairNo !== null) {
    const [clash] = await db
      .select({ id: lessons.id })
      .from(lessons)
      .where(
        and(
          eq(lessons.institutionId, a.institutionId),
          eq(lessons.teachingAssignmentId, a.id),
          eq(lessons.date, f.date),
          eq(lessons.pairNo, f.pairNo),
          exceptLessonId ? ne(lessons.id, exceptLessonId) : undefined,
        ),
      )
      .limit(1);
    if (clash) throw badInput(`Пара: на ${formatDate(f.date)} уже есть занятие ${f.pairNo}-й парой`);
  }
}

async function logBatch(
  db: Db,
  a: AssignmentContext,
  actor: Actor,
  access: EditAccess,
  lessonId: number,
  before: unknown,
  after: unknown,
) {
  const [batch] = await db
    .insert(editBatches)
    .values({
      institutionId: a.institutionId,
      userId: actor.userId,
      teachingAssignmentId: a.id,
      source: 'lesson',
      grantId: access.grant?.id ?? null,
    })
    .returning({ id: editBatches.id });
  await db.insert(changeLog).values({
    institutionId: a.institutionId,
    batchId: batch!.id,
    entity: 'lesson',
    lessonId,
    before,
    after,
    userId: actor.userId,
  });
}

const SUBSTITUTE_ONLY =
  'Вы замещали в этом журнале: заполняете только свои занятия, добавляет и удаляет занятия преподаватель журнала';
const FROM_TIMETABLE =
  'занятие из расписания: переносит или отменяет его методист (изменение расписания на дату), журнал последует';

export async function createLesson(db: Db, actor: Actor, input: z.infer<typeof createLessonInput>) {
  const { assignment, access } = await editable(db, actor, input.assignmentId);
  if (access.substitute) throw forbidden(SUBSTITUTE_ONLY);
  const { assignmentId: _a, ...fields } = input;
  await checkFields(db, assignment, fields);
  return inTransaction(db, async (tx) => {
    const [lesson] = await tx
      .insert(lessons)
      .values({ institutionId: assignment.institutionId, teachingAssignmentId: assignment.id, ...fields })
      .returning();
    await logBatch(tx, assignment, actor, access, lesson!.id, null, fields);
    return lesson!;
  });
}

async function loadLesson(db: Db, a: AssignmentContext, lessonId: number) {
  const [lesson] = await db
    .select()
    .from(lessons)
    .where(
      and(eq(lessons.institutionId, a.institutionId), eq(lessons.id, lessonId), eq(lessons.teachingAssignmentId, a.id)),
    );
  if (!lesson) throw outOfScope();
  return lesson;
}

const snapshot = (l: typeof lessons.$inferSelect) => ({
  date: l.date,
  pairNo: l.pairNo,
  hours: l.hours,
  kind: l.kind,
  topic: l.topic,
  homework: l.homework,
});

export async function updateLesson(db: Db, actor: Actor, input: z.infer<typeof updateLessonInput>) {
  const { assignment, access } = await editable(db, actor, input.assignmentId);
  const before = await loadLesson(db, assignment, input.lessonId);
  const refusal = lessonRefusal(actor.userId, assignment.teacherUserId, before.taughtBy, before.date);
  if (refusal) throw forbidden(`Нельзя: ${refusal}`);
  const { assignmentId: _a, lessonId, ...fields } = input;
  if (before.timetableKey !== null && (fields.date !== before.date || fields.pairNo !== before.pairNo))
    throw badInput(`Дата и пара: ${FROM_TIMETABLE}`);
  await checkFields(db, assignment, fields, lessonId);
  return inTransaction(db, async (tx) => {
    const [lesson] = await tx
      .update(lessons)
      .set(fields)
      .where(and(eq(lessons.institutionId, assignment.institutionId), eq(lessons.id, lessonId)))
      .returning();
    await logBatch(tx, assignment, actor, access, lessonId, snapshot(before), fields);
    return lesson!;
  });
}

export type DeleteLessonResult = { status: 'deleted' } | { status: 'needsConfirm'; marks: number };

/** A lesson with marks is deleted only when confirmed; its marks go into the log with it. */
export async function deleteLesson(
  db: Db,
  actor: Actor,
  input: z.infer<typeof deleteLessonInput>,
): Promise<DeleteLessonResult> {
  const { assignment, access } = await editable(db, actor, input.assignmentId);
  if (access.substitute) throw forbidden(SUBSTITUTE_ONLY);
  const lesson = await loadLesson(db, assignment, input.lessonId);
  if (lesson.timetableKey !== null) throw badInput(`Удалить нельзя: ${FROM_TIMETABLE}`);
  const marks = await queryRows<{
    student_id: number;
    attendance: string | null;
    grade1: string | null;
    grade2: string | null;
  }>(
    db,
    sql`select student_id, attendance, grade1, grade2 from journal_cells
        where institution_id = ${assignment.institutionId} and lesson_id = ${lesson.id}
          and (attendance is not null or grade1 is not null or grade2 is not null)`,
  );
  if (marks.length > 0 && !input.confirm) return { status: 'needsConfirm', marks: marks.length };
  await inTransaction(db, async (tx) => {
    await logBatch(tx, assignment, actor, access, lesson.id, { ...snapshot(lesson), marks }, null);
    await tx.delete(lessons).where(and(eq(lessons.institutionId, assignment.institutionId), eq(lessons.id, lesson.id)));
  });
  return { status: 'deleted' };
}
