import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, userRoles } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { structureOverview } from '../../queries/structure';
import { saveDepartment, saveGroup, saveSpecialty, structureOptions } from './structure-edit';

const demo = useDemoDatabase();

describe('departments, specialties and groups', () => {
  it('keeps the curator of a group saved unchanged, also one without the teacher role (ИС-21 of the demo college)', async () => {
    const db = demo.database.db;
    const admin = demo.actors.admin;
    const curatorId = demo.actors.curator.userId;
    const options = await structureOptions(db, admin);
    const is21 = options.groups.find((g) => g.name === 'ИС-21')!;
    expect(is21.curatorUserId).toBe(curatorId);
    expect(options.teachers.map((t) => t.id)).toContain(curatorId);
    const { id, name, specialtyId, departmentId, course, admissionYear, studyForm, curatorUserId } = is21;
    await saveGroup(db, admin, {
      id,
      name,
      specialtyId,
      departmentId,
      course,
      admissionYear,
      studyForm: studyForm as Parameters<typeof saveGroup>[2]['studyForm'],
      curatorUserId,
    });
    expect(
      await db
        .select()
        .from(userRoles)
        .where(and(eq(userRoles.role, 'curator'), eq(userRoles.groupId, is21.id))),
    ).toMatchObject([{ userId: curatorId }]);
  });

  it('adds and renames them, refusing duplicates by the field’s name; a group’s curator gets the role', async () => {
    const db = demo.database.db;
    const admin = demo.actors.admin;
    const loggedBefore = (await db.select().from(changeLog).where(eq(changeLog.entity, 'group'))).length;
    const dep = await saveDepartment(db, admin, { name: 'Отделение сервиса' });
    await expect(saveDepartment(db, admin, { name: 'отделение СЕРВИСА' })).rejects.toThrow(
      'Название отделения: «отделение СЕРВИСА» уже есть',
    );
    await saveDepartment(db, admin, { id: dep.id, name: 'Отделение сервиса и туризма' });
    const spec = await saveSpecialty(db, admin, {
      code: '43.02.16',
      name: 'Туризм и гостеприимство',
      qualification: 'Специалист по туризму и гостеприимству',
      durationMonths: 34,
    });
    await expect(
      saveSpecialty(db, admin, { code: '09.02.07', name: 'Дубль', qualification: 'Дубль', durationMonths: 46 }),
    ).rejects.toThrow('Код специальности: 09.02.07 уже есть');
    const options = await structureOptions(db, admin);
    const curator = options.teachers[0]!;
    const group = await saveGroup(db, admin, {
      name: 'ТГ-11',
      specialtyId: spec.id,
      departmentId: dep.id,
      course: 1,
      admissionYear: 2026,
      studyForm: 'очная',
      curatorUserId: curator.id,
    });
    await expect(
      saveGroup(db, admin, {
        name: 'ТГ-11',
        specialtyId: spec.id,
        departmentId: dep.id,
        course: 1,
        admissionYear: 2026,
        studyForm: 'очная',
        curatorUserId: null,
      }),
    ).rejects.toThrow('Название группы: ТГ-11 набора 2026 г. уже есть');
    expect(
      await db
        .select()
        .from(userRoles)
        .where(and(eq(userRoles.role, 'curator'), eq(userRoles.groupId, group.id))),
    ).toMatchObject([{ userId: curator.id }]);
    await saveGroup(db, admin, {
      id: group.id,
      name: 'ТГ-11',
      specialtyId: spec.id,
      departmentId: dep.id,
      course: 1,
      admissionYear: 2026,
      studyForm: 'очно-заочная',
      curatorUserId: null,
    });
    expect(
      await db
        .select()
        .from(userRoles)
        .where(and(eq(userRoles.role, 'curator'), eq(userRoles.groupId, group.id))),
    ).toEqual([]);
    const overview = await structureOverview(db, admin, '2026-11-29');
    expect(
      overview[0]!.departments.find((d) => d.name === 'Отделение сервиса и туризма')!.groups.map((g) => g.name),
    ).toEqual(['ТГ-11']);
    expect((await db.select().from(changeLog).where(eq(changeLog.entity, 'group'))).length).toBe(loggedBefore + 2);
  });
});
