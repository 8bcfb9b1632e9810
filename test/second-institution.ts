import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  academicYears,
  curricula,
  curriculumItems,
  departments,
  groupMemberships,
  groups,
  lessons,
  journalCells,
  specialties,
  students,
  teachingAssignments,
  terms,
  userRoles,
  users,
  guardians,
  studentGuardians,
} from '../db/schema';
import { hashPassword } from '../db/password';
import { createInstitution } from '../server/services/college/institutions';
import { DEMO_REGIONAL_LOGIN } from '../db/seed';
import { actorByLogin } from './actors';

/** A small second college beside the demo one, with one account per role: for isolation tests. */
export async function createSecondInstitution(db: Db) {
  const passwordHash = await hashPassword('other2026');
  // Made the way the region makes a college: by the regional administrator, with its first administrator.
  const created = await createInstitution(db, await actorByLogin(db, DEMO_REGIONAL_LOGIN), {
    shortName: 'ГАПОУ «Другой колледж»',
    fullName: 'Другой колледж',
    admin: { lastName: 'Другой', firstName: 'other-admin', login: 'other-admin' },
  });
  const institutionId = created.institutionId;
  await db.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.login, 'other-admin'));
  const [year] = await db
    .insert(academicYears)
    .values({ institutionId, name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-06-30' })
    .returning();
  const [term] = await db
    .insert(terms)
    .values({
      institutionId,
      academicYearId: year!.id,
      number: 1,
      name: '1 семестр',
      startsOn: '2026-09-01',
      endsOn: '2026-12-28',
    })
    .returning();
  const [dep] = await db.insert(departments).values({ institutionId, name: 'Единственное отделение' }).returning();
  const [spec] = await db
    .insert(specialties)
    .values({
      institutionId,
      code: '09.02.07',
      name: 'Информационные системы и программирование',
      qualification: 'Программист',
      durationMonths: 46,
    })
    .returning();
  const user = async (login: string, role: string, scope: { departmentId?: number; groupId?: number } = {}) => {
    const [u] = await db
      .insert(users)
      .values({ institutionId, login, passwordHash, lastName: 'Другой', firstName: login, middleName: null })
      .returning();
    await db.insert(userRoles).values({
      institutionId,
      userId: u!.id,
      role,
      departmentId: scope.departmentId ?? null,
      groupId: scope.groupId ?? null,
    });
    return u!;
  };
  const teacher = await user('other-teacher', 'teacher');
  const [group] = await db
    .insert(groups)
    .values({
      institutionId,
      name: 'ИС-21',
      specialtyId: spec!.id,
      departmentId: dep!.id,
      course: 2,
      admissionYear: 2025,
      curatorUserId: teacher.id,
    })
    .returning();
  const [student] = await db
    .insert(students)
    .values({ institutionId, lastName: 'Чужой', firstName: 'Студент', middleName: 'Иванович' })
    .returning();
  await db.insert(groupMemberships).values({
    institutionId,
    studentId: student!.id,
    groupId: group!.id,
    fromDate: '2025-09-01',
    reason: 'Зачисление',
  });
  const [curriculum] = await db
    .insert(curricula)
    .values({ institutionId, specialtyId: spec!.id, admissionYear: 2025, name: 'РУП' })
    .returning();
  const [item] = await db
    .insert(curriculumItems)
    .values({
      institutionId,
      curriculumId: curriculum!.id,
      cycle: 'ОП',
      kind: 'discipline',
      code: 'ОП.04',
      name: 'Основы алгоритмизации',
      shortName: 'ОАиП',
      sortOrder: 1,
    })
    .returning();
  const [assignment] = await db
    .insert(teachingAssignments)
    .values({
      institutionId,
      termId: term!.id,
      groupId: group!.id,
      curriculumItemId: item!.id,
      teacherUserId: teacher.id,
      plannedHours: 60,
    })
    .returning();
  const [lesson] = await db
    .insert(lessons)
    .values({
      institutionId,
      teachingAssignmentId: assignment!.id,
      date: '2026-11-20',
      kind: 'lecture',
      topic: 'Чужая тема',
    })
    .returning();
  await db.insert(journalCells).values({ institutionId, lessonId: lesson!.id, studentId: student!.id, grade1: '5' });
  const studentUser = await user('other-student', 'student');
  await db.update(students).set({ userId: studentUser.id }).where(eq(students.id, student!.id));
  const parentUser = await user('other-parent', 'parent');
  const [guardian] = await db
    .insert(guardians)
    .values({ institutionId, lastName: 'Чужая', firstName: 'Мать', userId: parentUser.id })
    .returning();
  await db
    .insert(studentGuardians)
    .values({ institutionId, studentId: student!.id, guardianId: guardian!.id, relation: 'мать' });
  const [otherAdmin] = await db.select().from(users).where(eq(users.login, 'other-admin'));
  await user('other-head', 'head', { departmentId: dep!.id });
  await user('other-methodist', 'methodist');
  await user('other-curator', 'curator', { groupId: group!.id });
  await user('other-inspector', 'inspector');
  return {
    institutionId,
    curriculumId: curriculum!.id,
    specialtyId: spec!.id,
    groupId: group!.id,
    studentId: student!.id,
    /** The student's mother (the `other-parent` login). */
    guardianId: guardian!.id,
    assignmentId: assignment!.id,
    lessonId: lesson!.id,
    termId: term!.id,
    yearId: year!.id,
    adminUserId: otherAdmin!.id,
  };
}
