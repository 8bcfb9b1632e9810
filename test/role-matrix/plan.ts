/** Rows of the role matrix (test/role-matrix-cases.ts): the plan of the year: curricula, load, years, the timetable. */
import { A, ADMIN_ONLY, F, type RoleFixtures } from '../role-fixtures';
import type { MatrixRow } from './shared';

export function planRows(fx: RoleFixtures): MatrixRow[] {
  return [
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
      name: 'timetable.publishPreview (what publishing from a date would make)',
      call: () => (c) => c.timetable.publishPreview({ effectiveFrom: '2026-09-01', fillPast: true }),
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
  ];
}
