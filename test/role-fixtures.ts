/**
 * The demo college and the records the role matrices call procedures and server actions with: a test file's own copy
 * of the database (opened before, closed after the file), its actors, and ids in and out of each role's scope.
 */
import { and, eq, ne, notInArray } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../db/client';
import {
  curricula,
  groupMemberships,
  groups,
  guardians,
  notices,
  remarks,
  students,
  teachingAssignments,
  terms,
} from '../db/schema';
import type { Role } from '../domain/roles';
import type { FormAction } from '../server/actions/form-action';
import type { Actor } from '../server/policy/actor';
import { loadJournalPage } from '../server/services/journal/page';
import { placeEntry, placeInput } from '../server/services/timetable/template';
import { demoActors } from './actors';
import { openTestDatabase } from './database';
import { insertReportJob } from './report-jobs';
import { formActions } from './form-actions';
import { demoJournalId, foreignJournalId } from './journal-fixtures';

export interface RoleFixtures {
  database: Database;
  actors: Record<Role, Actor>;
  curatorGroupId: number;
  otherGroupId: number;
  otherDepartmentGroupId: number;
  childId: number;
  /** The demo parent's own guardian record (linked to `childId`). */
  parentGuardianId: number;
  /** The demo parent's elder child (ИС-31), of age without a consent: out of the parent's scope (152-ФЗ). */
  endedChildId: number;
  strangerStudentId: number;
  journalId: number;
  foreignJournal: number;
  lessonWithMarks: number;
  someStudent: number;
  otherDepartmentStudent: number;
  ownCurriculum: { id: number; specialtyId: number };
  otherDepartmentCurriculum: number;
  actions: Record<string, FormAction>;
  otherDepartmentJournal: number;
  /** Draft placements of the timetable: one in ИС-21 (the head's department), one in another department. */
  ownPlacement: number;
  otherDepartmentPlacement: number;
  /** The autumn term of the demo year (the journals' term). */
  termId: number;
  /** A finished «Все группы» job of the demo college (test/report-jobs.ts). */
  reportJobId: number;
  /** Open remarks: to the demo teacher on `journalId`, and on `otherDepartmentJournal` to its teacher. */
  remarkId: number;
  otherDepartmentRemarkId: number;
  /** A post of the methodist's to everybody, asking for «Прочитано». */
  noticeId: number;
}

export type Outcome = 'ok' | 'forbidden' | 'unauthorized';
export const A: Outcome = 'ok';
export const F: Outcome = 'forbidden';
export const ADMIN_ONLY: Record<Role, Outcome> = {
  admin: A,
  head: F,
  methodist: F,
  curator: F,
  teacher: F,
  student: F,
  parent: F,
  inspector: F,
};

/** Registers the file's setup and teardown; the fields are filled before its first test. */
export function useRoleFixtures(): RoleFixtures {
  const fx = {} as RoleFixtures;
  beforeAll(async () => {
    fx.database = await openTestDatabase();
    fx.actors = await demoActors(fx.database.db);
    fx.actions = await formActions();
    const db = fx.database.db;
    fx.curatorGroupId = fx.actors.curator.grants.find((g) => g.role === 'curator')!.groupId!;
    const [other] = await db
      .select({ id: groups.id })
      .from(groups)
      .where(and(ne(groups.id, fx.curatorGroupId), eq(groups.name, 'ИС-31')));
    fx.otherGroupId = other!.id;
    const headDepartment = fx.actors.head.grants.find((g) => g.role === 'head')!.departmentId!;
    const [foreign] = await db
      .select({ id: groups.id })
      .from(groups)
      .where(ne(groups.departmentId, headDepartment))
      .limit(1);
    fx.otherDepartmentGroupId = foreign!.id;
    fx.childId = fx.actors.parent.childStudentIds[0]!.studentId;
    fx.endedChildId = fx.actors.parent.childAccessEnded[0]!.studentId;
    fx.parentGuardianId = (
      await db.select({ id: guardians.id }).from(guardians).where(eq(guardians.userId, fx.actors.parent.userId))
    )[0]!.id;
    const family = [...fx.actors.parent.childStudentIds, ...fx.actors.student.ownStudentIds].map((s) => s.studentId);
    const [stranger] = await db
      .select({ id: students.id })
      .from(students)
      .where(notInArray(students.id, family))
      .limit(1);
    fx.strangerStudentId = stranger!.id;
    const [foreignMember] = await db
      .select({ id: groupMemberships.studentId })
      .from(groupMemberships)
      .where(eq(groupMemberships.groupId, fx.otherDepartmentGroupId))
      .limit(1);
    fx.otherDepartmentStudent = foreignMember!.id;
    const curriculumOf = async (groupId: number) =>
      (
        await db
          .select({ id: curricula.id, specialtyId: curricula.specialtyId })
          .from(curricula)
          .innerJoin(
            groups,
            and(eq(groups.specialtyId, curricula.specialtyId), eq(groups.admissionYear, curricula.admissionYear)),
          )
          .where(eq(groups.id, groupId))
      )[0]!;
    fx.ownCurriculum = await curriculumOf(fx.curatorGroupId);
    fx.otherDepartmentCurriculum = (await curriculumOf(fx.otherDepartmentGroupId)).id;
    fx.journalId = await demoJournalId(db, fx.actors.teacher);
    fx.termId = (await db.select({ id: terms.id }).from(terms).where(eq(terms.startsOn, '2026-09-01')))[0]!.id;
    fx.foreignJournal = await foreignJournalId(db, fx.actors.teacher);
    const page = (await loadJournalPage(db, fx.actors.admin, fx.journalId, '2026-11-29'))!;
    const marked = page.cells.find((c) => c.attendance !== null || c.grade1 !== null)!;
    fx.lessonWithMarks = marked.lessonId;
    fx.someStudent = marked.studentId;
    const [foreignJournal2] = await db
      .select({ id: teachingAssignments.id })
      .from(teachingAssignments)
      .where(and(eq(teachingAssignments.groupId, fx.otherDepartmentGroupId), eq(teachingAssignments.termId, 1)))
      .limit(1);
    fx.otherDepartmentJournal = foreignJournal2!.id;
    const place = (assignmentId: number) =>
      placeEntry(db, fx.actors.methodist, placeInput.parse({ assignmentId, weekday: 6, pairNo: 1, roomId: null }));
    fx.ownPlacement = (await place(fx.journalId)).entryId;
    fx.otherDepartmentPlacement = (await place(fx.otherDepartmentJournal)).entryId;
    fx.reportJobId = await insertReportJob(db, {
      institutionId: fx.actors.admin.institutionId!,
      createdBy: fx.actors.methodist.userId,
      termId: fx.termId,
      groupId: fx.curatorGroupId,
      groupName: 'ИС-21',
    });
    const [foreignTeacher] = await db
      .select({ id: teachingAssignments.teacherUserId })
      .from(teachingAssignments)
      .where(eq(teachingAssignments.id, fx.otherDepartmentJournal));
    const remark = async (assignmentId: number, teacherUserId: number) =>
      (
        await db
          .insert(remarks)
          .values({
            institutionId: fx.actors.admin.institutionId!,
            flagKey: `unfilledLesson:${assignmentId}:0:`,
            rule: 'unfilledLesson',
            teachingAssignmentId: assignmentId,
            teacherUserId,
            text: 'Проверка матрицы ролей',
            source: 'manual',
            issuedBy: fx.actors.methodist.userId,
          })
          .returning({ id: remarks.id })
      )[0]!.id;
    fx.remarkId = await remark(fx.journalId, fx.actors.teacher.userId);
    fx.noticeId = (
      await db
        .insert(notices)
        .values({
          institutionId: fx.actors.admin.institutionId!,
          title: 'Проверка матрицы ролей',
          body: 'Всем',
          needsRead: true,
          authorUserId: fx.actors.methodist.userId,
        })
        .returning({ id: notices.id })
    )[0]!.id;
    fx.otherDepartmentRemarkId = await remark(
      fx.otherDepartmentJournal,
      foreignTeacher!.id ?? fx.actors.teacher.userId,
    );
  });
  afterAll(async () => {
    await fx.database?.close();
  });
  return fx;
}
