/**
 * Calls every procedure as every demo role (and as nobody) on a real database seeded with the demo college, and checks
 * allowed / forbidden / out of scope; what comes back is checked against each role's scope in ./role-scopes.test.ts.
 * The server actions have their own matrix (server/actions/action-matrix.test.ts).
 */
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/roles';
import { A, ADMIN_ONLY, F, useRoleFixtures, type Outcome } from '../../test/role-fixtures';
import type { Actor } from '../policy/actor';
import { createCallerFactory } from '../trpc/init';
import { appRouter } from './index';

const fx = useRoleFixtures();
const createCaller = createCallerFactory(appRouter);

type Call = (caller: ReturnType<typeof createCaller>) => Promise<unknown>;

/** Who reads the ИС-21 journals: everybody in the college's administration, its curator and its teacher. */
const READ_ИС21: Record<Role, Outcome> = {
  admin: A,
  head: A,
  methodist: A,
  curator: A,
  teacher: A,
  student: F,
  parent: F,
  inspector: A,
};
const EDIT: Record<Role, Outcome> = {
  admin: F,
  head: F,
  methodist: F,
  curator: F,
  teacher: A,
  student: F,
  parent: F,
  inspector: F,
};

/** procedure → expected outcome per role, written out by hand from the regulation (not derived from the policy table). */
const MATRIX: { name: string; call: () => Call; expect: Record<Role, Outcome> }[] = [
  {
    name: 'me.get',
    call: () => (c) => c.me.get(),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: A, student: A, parent: A, inspector: A },
  },
  {
    name: 'structure.overview',
    call: () => (c) => c.structure.overview(),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'people.groups',
    call: () => (c) => c.people.groups(),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'people.groupStudents (curator’s group)',
    call: () => (c) => c.people.groupStudents({ groupId: fx.curatorGroupId }),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'people.groupStudents (another group of the department)',
    call: () => (c) => c.people.groupStudents({ groupId: fx.otherGroupId }),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'people.groupStudents (a group of another department)',
    call: () => (c) => c.people.groupStudents({ groupId: fx.otherDepartmentGroupId }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'journal.assignments',
    call: () => (c) => c.journal.assignments(),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: A, student: F, parent: F, inspector: A },
  },
  {
    name: 'journal.page (the teacher’s ИС-21 journal)',
    call: () => (c) => c.journal.page({ assignmentId: fx.journalId }),
    expect: READ_ИС21,
  },
  {
    name: 'journal.page (another teacher’s ИС-21 journal)',
    call: () => (c) => c.journal.page({ assignmentId: fx.foreignJournal }),
    expect: { ...READ_ИС21, teacher: F },
  },
  {
    name: 'journal.ktp (the teacher’s ИС-21 journal)',
    call: () => (c) => c.journal.ktp({ assignmentId: fx.journalId }),
    expect: READ_ИС21,
  },
  {
    name: 'journal.saveKtp (a topic without hours: passes the policy, saves nothing)',
    call: () => (c) =>
      c.journal.saveKtp({
        assignmentId: fx.journalId,
        version: 0,
        rows: [{ section: false, title: 'Тема', hours: 0, kind: 'lecture' }],
      }),
    expect: EDIT,
  },
  {
    name: 'journal.saveKtp (another teacher’s journal)',
    call: () => (c) =>
      c.journal.saveKtp({
        assignmentId: fx.foreignJournal,
        version: 0,
        rows: [{ section: false, title: 'Тема', hours: 2, kind: 'lecture' }],
      }),
    expect: { ...EDIT, teacher: F },
  },
  {
    name: 'journal.importKtp (not a workbook: passes the policy, saves nothing)',
    call: () => (c) => c.journal.importKtp({ assignmentId: fx.journalId, version: 0, file: 'bm90IGEgZmlsZQ==' }),
    expect: EDIT,
  },
  {
    name: 'journal.copyKtp (from itself, without a plan: passes the policy, saves nothing)',
    call: () => (c) => c.journal.copyKtp({ assignmentId: fx.journalId, version: 0, fromAssignmentId: fx.journalId }),
    expect: EDIT,
  },
  {
    name: 'journal.save (an invalid mark: passes the policy, saves nothing)',
    call: () => (c) =>
      c.journal.save({
        assignmentId: fx.journalId,
        source: 'typing',
        clientBatchId: `matrix-${Math.random()}`,
        cells: [{ lessonId: fx.lessonWithMarks, studentId: fx.someStudent, text: '9', baseVersion: 1 }],
      }),
    expect: EDIT,
  },
  {
    name: 'journal.save (another teacher’s journal)',
    call: () => (c) =>
      c.journal.save({
        assignmentId: fx.foreignJournal,
        source: 'typing',
        clientBatchId: `matrix-${Math.random()}`,
        cells: [{ lessonId: fx.lessonWithMarks, studentId: fx.someStudent, text: '9', baseVersion: 1 }],
      }),
    expect: { ...EDIT, teacher: F },
  },
  { name: 'journal.undo', call: () => (c) => c.journal.undo({ assignmentId: fx.journalId }), expect: EDIT },
  {
    name: 'journal.history',
    call: () => (c) =>
      c.journal.history({ assignmentId: fx.journalId, lessonId: fx.lessonWithMarks, studentId: fx.someStudent }),
    expect: READ_ИС21,
  },
  {
    name: 'journal.createLesson (a date outside the term)',
    call: () => (c) => c.journal.createLesson({ assignmentId: fx.journalId, date: '2027-03-01', kind: 'lecture' }),
    expect: EDIT,
  },
  {
    name: 'journal.updateLesson (a date outside the term)',
    call: () => (c) =>
      c.journal.updateLesson({
        assignmentId: fx.journalId,
        lessonId: fx.lessonWithMarks,
        date: '2027-03-01',
        kind: 'lecture',
      }),
    expect: EDIT,
  },
  {
    name: 'journal.deleteLesson (with marks, unconfirmed)',
    call: () => (c) => c.journal.deleteLesson({ assignmentId: fx.journalId, lessonId: fx.lessonWithMarks }),
    expect: EDIT,
  },
  { name: 'journal.grants', call: () => (c) => c.journal.grants({ assignmentId: fx.journalId }), expect: READ_ИС21 },
  {
    name: 'journal.grantEdit',
    call: () => (c) => c.journal.grantEdit({ assignmentId: fx.journalId, hours: 1, reason: 'проверка матрицы ролей' }),
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'journal.revokeGrant (no such grant)',
    call: () => (c) => c.journal.revokeGrant({ assignmentId: fx.journalId, grantId: 999999 }),
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'family.students',
    call: () => (c) => c.family.students(),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: A, parent: A, inspector: F },
  },
  {
    name: 'family.recentMarks (the parent’s child)',
    call: () => (c) => c.family.recentMarks({ studentId: fx.childId }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: A, parent: A, inspector: F },
  },
  {
    name: 'family.recentMarks (the parent’s elder child, of age, without a consent to the parent)',
    call: () => (c) => c.family.recentMarks({ studentId: fx.endedChildId }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'family.recentMarks (somebody else’s child)',
    call: () => (c) => c.family.recentMarks({ studentId: fx.strangerStudentId }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'family.portal (the parent’s child, the student himself)',
    call: () => (c) => c.family.portal({ studentId: fx.childId }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: A, parent: A, inspector: F },
  },
  {
    name: 'family.portal (the parent’s elder child, of age, without a consent to the parent)',
    call: () => (c) => c.family.portal({ studentId: fx.endedChildId }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'family.portal (somebody else’s child)',
    call: () => (c) => c.family.portal({ studentId: fx.strangerStudentId }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  { name: 'years.list', call: () => (c) => c.years.list(), expect: ADMIN_ONLY },
  {
    name: 'years.open (overlapping dates: passes the policy, opens nothing)',
    call: () => (c) =>
      c.years.open({
        name: '2026/2027',
        startsOn: '2026-09-01',
        endsOn: '2027-06-30',
        terms: [{ name: 'x', startsOn: '2026-09-01', endsOn: '2026-12-01' }],
      }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'years.setTermLock (the spring term stays open)',
    call: () => (c) => c.years.setTermLock({ termId: 2, locked: false }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'years.retention',
    call: () => (c) => c.years.retention(),
    expect: ADMIN_ONLY,
  },
  {
    name: 'years.close (without a reason: passes the policy, closes nothing)',
    call: () => (c) => c.years.close({ yearId: 1, reason: '' }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'people.studentCard (the parent’s child in ИС-21)',
    call: () => (c) => c.people.studentCard({ studentId: fx.childId }),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'people.studentCard (a student of another department)',
    call: () => (c) => c.people.studentCard({ studentId: fx.otherDepartmentStudent }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'family.studentCard (own / own child)',
    call: () => (c) => c.family.studentCard({ studentId: fx.childId }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: A, parent: A, inspector: F },
  },
  {
    name: 'family.accessEnded (the parent’s children of age without their consent: names and why)',
    call: () => (c) => c.family.accessEnded(),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: A, parent: A, inspector: F },
  },
  {
    name: 'family.consents (the student’s own consent to the parents’ access)',
    call: () => (c) => c.family.consents(),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: A, parent: F, inspector: F },
  },
  {
    name: 'family.studentCard (somebody else)',
    call: () => (c) => c.family.studentCard({ studentId: fx.strangerStudentId }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  { name: 'staff.list', call: () => (c) => c.staff.list(), expect: ADMIN_ONLY },
  {
    name: 'staff.setActive (oneself: passes the policy, refused for its input)',
    call: () => (c) => c.staff.setActive({ userId: fx.actors.admin.userId, active: false }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'staff.resetPassword (a student: not staff, out of scope for everybody)',
    call: () => (c) => c.staff.resetPassword({ userId: fx.actors.student.userId }),
    expect: { ...ADMIN_ONLY, admin: F },
  },
  {
    name: 'contingent.transferPreview (the first year: nothing before it to move from)',
    call: () => (c) => c.contingent.transferPreview({ targetYearId: 1 }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'contingent.transfer (without an order number: passes the policy, moves nothing)',
    call: () => (c) => c.contingent.transfer({ targetYearId: 1, orderNo: '', orderDate: '2026-08-30' }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'subgroups.split (the curator’s group)',
    call: () => (c) => c.subgroups.split({ groupId: fx.curatorGroupId }),
    expect: { admin: A, head: A, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'subgroups.split (a group of another department)',
    call: () => (c) => c.subgroups.split({ groupId: fx.otherDepartmentGroupId }),
    expect: { admin: A, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'subgroups.save (one subgroup only: passes the policy, saves nothing)',
    call: () => (c) =>
      c.subgroups.save({
        groupId: fx.curatorGroupId,
        termId: 1,
        subgroups: [{ name: 'Все', studentIds: [fx.someStudent] }],
      }),
    expect: { admin: A, head: A, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'access.group (the curator’s group)',
    call: () => (c) => c.access.group({ groupId: fx.curatorGroupId }),
    expect: { admin: A, head: F, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'access.group (another group)',
    call: () => (c) => c.access.group({ groupId: fx.otherGroupId }),
    expect: { admin: A, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'access.issue (nobody chosen: passes the policy, issues nothing)',
    call: () => (c) => c.access.issue({ groupId: fx.curatorGroupId, people: [] }),
    expect: { admin: A, head: F, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'curriculum.list',
    call: () => (c) => c.curriculum.list(),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'curriculum.get (a plan of the head’s department)',
    call: () => (c) => c.curriculum.get({ curriculumId: fx.ownCurriculum.id }),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'curriculum.get (a plan of another department)',
    call: () => (c) => c.curriculum.get({ curriculumId: fx.otherDepartmentCurriculum }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'curriculum.import (not an Excel file: passes the policy, imports nothing)',
    call: () => (c) =>
      c.curriculum.import({
        specialtyId: fx.ownCurriculum.specialtyId,
        admissionYear: 2030,
        fileName: 'x.xlsx',
        file: 'eA==',
      }),
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'curriculum.saveItem (a bad line: passes the policy, saves nothing)',
    call: () => (c) =>
      c.curriculum.saveItem({
        curriculumId: fx.ownCurriculum.id,
        rows: [['XX', 'ОП.04', '', '', '', '', '', '', '', '', '']],
      }),
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'curriculum.deleteItem (no such line)',
    call: () => (c) => c.curriculum.deleteItem({ curriculumId: fx.ownCurriculum.id, code: 'ОП.99' }),
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'contingent.move (reinstating a student who is in a group: passes the policy, refused)',
    call: () => (c) =>
      c.contingent.move({
        kind: 'reinstate',
        studentId: fx.someStudent,
        toGroupId: fx.curatorGroupId,
        effectiveOn: '2027-02-01',
        orderNo: '1-к',
        orderDate: '2027-01-20',
      }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'load.term',
    call: () => (c) => c.load.term({}),
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'load.createFromCurriculum (no group chosen: creates nothing)',
    call: () => (c) => c.load.createFromCurriculum({ termId: 1, groupIds: [] }),
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'load.update (negative hours: passes the policy, saves nothing)',
    call: () => (c) => c.load.update({ assignmentId: fx.journalId, teacherUserId: null, plannedHours: -1 }),
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'load.splitBySubgroups (a journal with lessons: refused)',
    call: () => (c) => c.load.splitBySubgroups({ assignmentId: fx.journalId }),
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'load.delete (a journal with lessons: refused)',
    call: () => (c) => c.load.delete({ assignmentId: fx.journalId }),
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  { name: 'staff.options', call: () => (c) => c.staff.options(), expect: ADMIN_ONLY },
  {
    name: 'staff.create (a head without a department: passes the policy, creates nobody)',
    call: () => (c) => c.staff.create({ lastName: 'Новый', firstName: 'Сотрудник', roles: [{ role: 'head' }] }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'staff.update (oneself without the administrator’s role: refused)',
    call: () => (c) =>
      c.staff.update({
        userId: fx.actors.admin.userId,
        lastName: 'Соколова',
        firstName: 'Ирина',
        roles: [{ role: 'teacher' }],
      }),
    expect: { ...ADMIN_ONLY, admin: A },
  },
  { name: 'structure.options', call: () => (c) => c.structure.options(), expect: ADMIN_ONLY },
  {
    name: 'structure.setTimeZone (an unknown zone: saves nothing)',
    call: () => (c) => c.structure.setTimeZone({ timeZone: 'Mars/Olympus' }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'people.importStudents (a file without the header: imports nobody)',
    call: () => (c) =>
      c.people.importStudents({
        groupId: fx.curatorGroupId,
        effectiveOn: '2026-12-01',
        orderNo: '1-к',
        orderDate: '2026-11-30',
        fileName: 'x.csv',
        file: 'eA==',
      }),
    expect: { admin: A, head: F, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'people.importStudents (another group)',
    call: () => (c) =>
      c.people.importStudents({
        groupId: fx.otherGroupId,
        effectiveOn: '2026-12-01',
        orderNo: '1-к',
        orderDate: '2026-11-30',
        fileName: 'x.csv',
        file: 'eA==',
      }),
    expect: { admin: A, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'institutions.list (the region’s level: no college role reaches it)',
    call: () => (c) => c.institutions.list(),
    expect: { ...ADMIN_ONLY, admin: F },
  },
  {
    name: 'institutions.setTimeZone (an unknown zone: saves nothing)',
    call: () => (c) => c.institutions.setTimeZone({ institutionId: 1, timeZone: 'Mars/Olympus' }),
    expect: { ...ADMIN_ONLY, admin: F },
  },
  {
    name: 'institutions.create',
    call: () => (c) =>
      c.institutions.create({
        fullName: 'Новый колледж',
        shortName: 'Новый',
        admin: { lastName: 'А', firstName: 'Б', login: 'novy.admin' },
      }),
    expect: { ...ADMIN_ONLY, admin: F },
  },
  {
    name: 'contingent.propose (a student of ИС-21, without a reason: passes the policy, proposes nothing)',
    call: () => (c) =>
      c.contingent.propose({ studentId: fx.childId, kind: 'leave', effectiveOn: '2027-02-01', reason: '' }),
    expect: { admin: F, head: F, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'contingent.propose (a student of another department)',
    call: () => (c) =>
      c.contingent.propose({
        studentId: fx.otherDepartmentStudent,
        kind: 'leave',
        effectiveOn: '2027-02-01',
        reason: 'Заявление студента',
      }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'contingent.groupChoices',
    call: () => (c) => c.contingent.groupChoices(),
    expect: { admin: A, head: F, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'contingent.proposals',
    call: () => (c) => c.contingent.proposals(),
    expect: { admin: A, head: F, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'contingent.decide (no such proposal)',
    call: () => (c) => c.contingent.decide({ action: 'reject', proposalId: 999999, note: 'нет такого' }),
    expect: { ...ADMIN_ONLY, admin: F },
  },
  {
    name: 'people.findGuardian',
    call: () => (c) => c.people.findGuardian({ studentId: fx.childId, lastName: 'Иванова', phone: '+7 900 000-00-00' }),
    expect: { admin: A, head: F, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'people.linkGuardian (someone else’s guardian id: refused)',
    call: () => (c) =>
      c.people.linkGuardian({ studentId: fx.childId, relation: 'мать', guardian: { existingId: 999999 } }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'people.unlinkGuardian (not linked: passes the policy, changes nothing)',
    call: () => (c) => c.people.unlinkGuardian({ studentId: fx.childId, guardianId: 999999 }),
    expect: { admin: A, head: F, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  { name: 'audit.cardViews', call: () => (c) => c.audit.cardViews(), expect: ADMIN_ONLY },
  {
    name: 'timetable.setup',
    call: () => (c) => c.timetable.setup(),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.groupWeek',
    call: () => (c) => c.timetable.groupWeek({ termId: 1 }),
    expect: { admin: F, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.groupWeek (a group of another department)',
    call: () => (c) => c.timetable.groupWeek({ termId: 1, groupId: fx.otherDepartmentGroupId }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.groupDates',
    call: () => (c) => c.timetable.groupDates({ date: '2026-12-07' }),
    expect: { admin: F, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.groupDates (a group of another department)',
    call: () => (c) => c.timetable.groupDates({ date: '2026-12-07', groupId: fx.otherDepartmentGroupId }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.pending',
    call: () => (c) => c.timetable.pending(),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.generateLessons (the first term: lessons of the published timetable)',
    call: () => (c) => c.timetable.generateLessons({ termId: 1, after: 0 }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.hours (hours delivered: the college, a department, a teacher’s own)',
    call: () => (c) => c.timetable.hours({ by: 'group' }),
    expect: { admin: F, head: A, methodist: A, curator: F, teacher: A, student: F, parent: F, inspector: A },
  },
  {
    name: 'control.monitoring (the college’s, the department’s)',
    call: () => (c) => c.control.monitoring({}),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'control.remarks',
    call: () => (c) => c.control.remarks({ state: 'all' }),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'control.scheduledCheck',
    call: () => (c) => c.control.scheduledCheck(),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'control.activity',
    call: () => (c) => c.control.activity({ days: 14 }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'control.notices',
    call: () => (c) => c.control.notices(),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: A, student: A, parent: A, inspector: A },
  },
  {
    name: 'control.noticeChoices',
    call: () => (c) => c.control.noticeChoices(),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'control.myRemarks',
    call: () => (c) => c.control.myRemarks({ state: 'open' }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: A, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.myWeek',
    call: () => (c) => c.timetable.myWeek({ date: '2026-12-07' }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: A, student: A, parent: A, inspector: F },
  },
  {
    name: 'timetable.myWeek (a student who is not one’s child)',
    call: () => (c) => c.timetable.myWeek({ date: '2026-12-07', studentId: fx.strangerStudentId }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.notices',
    call: () => (c) => c.timetable.notices(),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: A, student: A, parent: A, inspector: F },
  },
  {
    name: 'timetable.view (a teacher’s week)',
    call: () => (c) => c.timetable.view({ kind: 'teacher', date: '2026-12-07' }),
    expect: { admin: F, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.view (a group of another department)',
    call: () => (c) => c.timetable.view({ kind: 'group', id: fx.otherDepartmentGroupId, date: '2026-12-07' }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.collisions',
    call: () => (c) => c.timetable.collisions({ termId: 1 }),
    expect: { admin: F, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.cellOptions (a journal of ИС-21)',
    call: () => (c) => c.timetable.cellOptions({ assignmentId: fx.journalId }),
    expect: { admin: F, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.cellOptions (a journal of another department)',
    call: () => (c) => c.timetable.cellOptions({ assignmentId: fx.otherDepartmentJournal }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.place (a journal of ИС-21, an unknown room: passes the policy, places nothing)',
    call: () => (c) => c.timetable.place({ assignmentId: fx.journalId, weekday: 2, pairNo: 1, roomId: 999999 }),
    expect: { admin: F, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.place (a journal of another department)',
    call: () => (c) =>
      c.timetable.place({ assignmentId: fx.otherDepartmentJournal, weekday: 2, pairNo: 1, roomId: 999999 }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.move (a placement of ИС-21 to an unknown room: passes the policy, moves nothing)',
    call: () => (c) => c.timetable.move({ entryId: fx.ownPlacement, weekday: 6, pairNo: 2, roomId: 999999 }),
    expect: { admin: F, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable.remove (a placement of another department: the methodist removes it)',
    call: () => (c) => c.timetable.remove({ entryId: fx.otherDepartmentPlacement }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'reports.preflight («Все», ИС-21)',
    call: () => (c) => c.reports.preflight({ groupId: fx.curatorGroupId, termId: fx.termId }),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'reports.preflight (the demo teacher’s journal)',
    call: () => (c) =>
      c.reports.preflight({ groupId: fx.curatorGroupId, termId: fx.termId, assignmentId: fx.journalId }),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: A, student: F, parent: F, inspector: A },
  },
  {
    name: 'reports.preflight («Все», a group of another department)',
    call: () => (c) => c.reports.preflight({ groupId: fx.otherDepartmentGroupId }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'reports.curatorWeek (ИС-21)',
    call: () => (c) => c.reports.curatorWeek({ groupId: fx.curatorGroupId, date: '2026-11-25', period: 'week' }),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'reports.curatorWeek (a month of a group of another department)',
    call: () => (c) => c.reports.curatorWeek({ groupId: fx.otherDepartmentGroupId, period: 'month' }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'reports.consolidated (ИС-21)',
    call: () => (c) => c.reports.consolidated({ groupId: fx.curatorGroupId, termId: fx.termId }),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'reports.consolidated (the year of a group of another department)',
    call: () => (c) =>
      c.reports.consolidated({ groupId: fx.otherDepartmentGroupId, termId: fx.termId, period: 'year' }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'reports.copies (ИС-21)',
    call: () => (c) => c.reports.copies({ groupId: fx.curatorGroupId, termId: fx.termId }),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'reports.copies (a group of another department)',
    call: () => (c) => c.reports.copies({ groupId: fx.otherDepartmentGroupId, termId: fx.termId }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'reports.jobs (the college’s «Все группы» jobs)',
    call: () => (c) => c.reports.jobs(),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'reports.job (a job of the college)',
    call: () => (c) => c.reports.job({ jobId: fx.reportJobId }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'audit.signIns',
    call: () => (c) => c.audit.signIns(),
    expect: { admin: A, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
];

async function outcome(actor: Actor | null, call: Call): Promise<Outcome> {
  try {
    await call(createCaller({ db: fx.database.db, actor }));
    return 'ok';
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'FORBIDDEN') return 'forbidden';
    // Past the policy, refused for its input: the role was allowed.
    if (error instanceof TRPCError && error.code === 'BAD_REQUEST') return 'ok';
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') return 'unauthorized';
    throw error;
  }
}

describe('role matrix', () => {
  it('covers every procedure of the router', () => {
    const covered = new Set(MATRIX.map((m) => m.name.split(' ')[0]));
    expect([...covered].sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  for (const row of MATRIX) {
    it.each(ROLES.map((role) => [role, row.expect[role]] as const))(
      `${row.name} as %s → %s`,
      async (role, expected) => {
        expect(await outcome(fx.actors[role], row.call())).toBe(expected);
      },
    );
    it(`${row.name} anonymously → unauthorized`, async () => {
      expect(await outcome(null, row.call())).toBe('unauthorized');
    });
  }
});
