/** Rows of the role matrix (test/role-matrix-cases.ts): people and the college: the home, structure, students, families, staff, movements, colleges, the sign-in log. */
import { A, ADMIN_ONLY, F, type RoleFixtures } from '../role-fixtures';
import type { MatrixRow } from './shared';

export function peopleRows(fx: RoleFixtures): MatrixRow[] {
  return [
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
      name: 'region.indicators (the region’s view: an inspector’s own college; no college role reaches it)',
      call: () => (c) => c.region.indicators(),
      expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: A },
    },
    {
      name: 'region.indicators (a period no college has: the rows without a term)',
      call: () => (c) => c.region.indicators({ period: '2040-1' }),
      expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: A },
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
      call: () => (c) =>
        c.people.findGuardian({ studentId: fx.childId, lastName: 'Иванова', phone: '+7 900 000-00-00' }),
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
      name: 'audit.signIns',
      call: () => (c) => c.audit.signIns(),
      expect: { admin: A, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
    },
  ];
}
