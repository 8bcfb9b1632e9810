/** The audit walk's cases (test/audit-cases/shared.ts): people — staff, students, families, the college's structure. */
import { STUDENT_COLUMNS } from '../../domain/student-import';
import type { AuditArea } from './shared';

const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const order = { orderNo: '17-к', orderDate: '2026-11-30' };

export const peopleCases: AuditArea = (fx, made) => [
  {
    name: 'staff.create',
    role: 'admin',
    call: (c) =>
      c.staff.create({ lastName: 'Аудитова', firstName: 'Анна', roles: [{ role: 'teacher' }], login: 'audit.teacher' }),
    keep: (r) => (made.staffUser = (r as { userId: number }).userId),
  },
  {
    name: 'staff.update',
    role: 'admin',
    call: (c) =>
      c.staff.update({
        userId: made.staffUser!,
        lastName: 'Аудитова',
        firstName: 'Анна',
        position: 'преподаватель',
        roles: [{ role: 'teacher' }, { role: 'inspector' }],
      }),
  },
  { name: 'staff.resetPassword', role: 'admin', call: (c) => c.staff.resetPassword({ userId: made.staffUser! }) },
  {
    name: 'staff.setActive',
    role: 'admin',
    call: (c) => c.staff.setActive({ userId: made.staffUser!, active: false }),
  },
  {
    name: 'changePasswordAction',
    role: 'inspector',
    form: () => ({ current: 'demo2026', next: 'новый-пароль-2026', confirm: 'новый-пароль-2026' }),
  },
  {
    name: 'structure.setTimeZone',
    role: 'admin',
    call: (c) => c.structure.setTimeZone({ timeZone: 'Europe/Samara' }),
  },
  { name: 'saveDepartmentAction', role: 'admin', form: () => ({ name: 'Заочное отделение' }) },
  {
    name: 'saveSpecialtyAction',
    role: 'admin',
    form: () => ({
      code: '09.02.01',
      name: 'Компьютерные системы и комплексы',
      qualification: 'Техник',
      durationMonths: '46',
    }),
  },
  {
    name: 'saveGroupAction',
    role: 'admin',
    form: () => ({
      name: 'ИС-11з',
      specialtyId: String(fx.ownCurriculum.specialtyId),
      departmentId: String(fx.actors.head.grants.find((g) => g.role === 'head')!.departmentId),
      course: '1',
      admissionYear: '2026',
      studyForm: 'заочная',
      curatorUserId: '',
    }),
  },
  {
    name: 'enrolAction',
    role: 'admin',
    form: () => ({
      groupId: String(fx.curatorGroupId),
      lastName: 'Новикова',
      firstName: 'Дарья',
      effectiveOn: '2026-12-01',
      ...order,
    }),
  },
  {
    name: 'people.importStudents',
    role: 'curator',
    call: (c) =>
      c.people.importStudents({
        groupId: fx.curatorGroupId,
        effectiveOn: '2026-12-01',
        ...order,
        fileName: 'список.csv',
        file: csv(`${STUDENT_COLUMNS.join(';')}\nПетров;Пётр;;;26-601;;;;;\n`),
      }),
  },
  {
    name: 'updateContactsAction',
    role: 'curator',
    form: () => ({ studentId: String(fx.childId), phone: '+7 900 111-22-33', email: 'student@example.ru' }),
  },
  {
    name: 'people.linkGuardian',
    role: 'curator',
    call: (c) =>
      c.people.linkGuardian({
        studentId: fx.someStudent,
        relation: 'отец',
        guardian: { lastName: 'Аудитов', firstName: 'Олег', phone: '+7 900 555-44-33' },
      }),
    keep: (r) => (made.guardian = (r as { guardianId: number }).guardianId),
  },
  {
    name: 'people.unlinkGuardian',
    role: 'curator',
    call: (c) => c.people.unlinkGuardian({ studentId: fx.someStudent, guardianId: made.guardian! }),
  },
  {
    name: 'access.issue',
    role: 'curator',
    call: (c) => c.access.issue({ groupId: fx.curatorGroupId, people: [{ kind: 'student', id: fx.someStudent }] }),
  },
  {
    name: 'setParentConsentAction (withdrawn)',
    role: 'student',
    form: () => ({ guardianId: String(fx.parentGuardianId), studentId: String(fx.childId) }),
  },
  {
    name: 'contingent.propose',
    role: 'curator',
    call: (c) =>
      c.contingent.propose({
        studentId: fx.someStudent,
        kind: 'leave',
        effectiveOn: '2027-01-15',
        reason: 'Заявление студента',
      }),
    keep: (r) => (made.proposal = (r as { proposalId: number }).proposalId),
  },
  {
    name: 'contingent.decide',
    role: 'admin',
    call: (c) => c.contingent.decide({ action: 'reject', proposalId: made.proposal!, note: 'Нет заявления' }),
  },
  {
    name: 'contingent.move',
    role: 'admin',
    call: (c) =>
      c.contingent.move({
        kind: 'leave',
        studentId: fx.someStudent,
        effectiveOn: '2027-01-15',
        orderNo: '18-к',
        orderDate: '2027-01-14',
      }),
  },
  {
    name: 'subgroups.save',
    role: 'curator',
    call: async (c) => {
      const split = await c.subgroups.split({ groupId: fx.curatorGroupId });
      const [a, b] = split.subgroups;
      return c.subgroups.save({
        groupId: fx.curatorGroupId,
        termId: split.term.id,
        subgroups: [
          { id: a!.id, name: 'Первая подгруппа', studentIds: a!.studentIds },
          // Students enrolled by the cases above join the second one.
          {
            id: b!.id,
            name: b!.name,
            studentIds: split.students.map((s) => s.id).filter((id) => !a!.studentIds.includes(id)),
          },
        ],
      });
    },
  },
  {
    name: 'institutions.create',
    role: 'regional',
    call: (c) =>
      c.institutions.create({
        fullName: 'Колледж аудита',
        shortName: 'КА',
        admin: { lastName: 'Аудитов', firstName: 'Пётр', login: 'audit.college' },
      }),
    keep: (r) => (made.institution = (r as { institutionId: number }).institutionId),
  },
  {
    name: 'institutions.setTimeZone',
    role: 'regional',
    call: (c) => c.institutions.setTimeZone({ institutionId: made.institution!, timeZone: 'Asia/Yekaterinburg' }),
  },
];
