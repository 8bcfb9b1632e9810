/** Rows of the role matrix (test/role-matrix-cases.ts): the journals: pages, edits, lessons, КТП, subgroups, access slips. */
import { A, F, type RoleFixtures } from '../role-fixtures';
import { EDIT, READ_ИС21, type MatrixRow } from './shared';

export function journalRows(fx: RoleFixtures): MatrixRow[] {
  return [
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
      call: () => (c) =>
        c.journal.grantEdit({ assignmentId: fx.journalId, hours: 1, reason: 'проверка матрицы ролей' }),
      expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
    },
    {
      name: 'journal.revokeGrant (no such grant)',
      call: () => (c) => c.journal.revokeGrant({ assignmentId: fx.journalId, grantId: 999999 }),
      expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
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
  ];
}
