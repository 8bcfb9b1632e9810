import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groups, userRoles } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { checkCredentials } from '../../auth/sign-in';
import { loadActor } from '../../policy/actor';
import { listStaff } from './staff';
import { createStaff, createStaffInput, staffOptions, updateStaff } from './staff-edit';

const demo = useDemoDatabase();

describe('adding and editing staff', () => {
  it('adds a teacher who is also the curator of a group: login made from the name, one-time password', async () => {
    const db = demo.database.db;
    const { groups: current, departments } = await staffOptions(db, demo.actors.admin);
    expect(departments.length).toBe(2);
    const is11 = current.find((g) => g.name === 'ИС-11')!;
    const [oldCurator] = await db
      .select()
      .from(userRoles)
      .where(and(eq(userRoles.role, 'curator'), eq(userRoles.groupId, is11.id)));
    const created = await createStaff(db, demo.actors.admin, {
      lastName: 'Ёлкина',
      firstName: 'Жанна',
      middleName: 'Юрьевна',
      position: 'Преподаватель информатики',
      roles: [{ role: 'teacher' }, { role: 'curator', groupId: is11.id }],
    });
    expect(created.login).toBe('elkina.zy');
    const signIn = await checkCredentials(db, created.login, created.password, null);
    expect(signIn.ok).toBe(true);
    const actor = (await loadActor(db, created.userId))!;
    expect(actor.mustChangePassword).toBe(true);
    expect(actor.grants.map((g) => [g.role, g.groupId])).toEqual(
      expect.arrayContaining([
        ['teacher', null],
        ['curator', is11.id],
      ]),
    );
    const [group] = await db.select().from(groups).where(eq(groups.id, is11.id));
    expect(group!.curatorUserId).toBe(created.userId);
    expect(
      await db
        .select()
        .from(userRoles)
        .where(and(eq(userRoles.userId, oldCurator!.userId), eq(userRoles.role, 'curator'))),
    ).toEqual([]);
    const listed = (await listStaff(db, demo.actors.admin)).find((s) => s.id === created.userId)!;
    expect(listed.roles).toEqual(expect.arrayContaining(['Преподаватель', 'Куратор (ИС-11)']));

    await expect(
      createStaff(db, demo.actors.admin, {
        lastName: 'Иванов',
        firstName: 'Иван',
        login: 'prepod',
        roles: [{ role: 'teacher' }],
      }),
    ).rejects.toThrow('Логин: «prepod» уже занят');
    await expect(
      createStaff(db, demo.actors.admin, { lastName: 'Иванов', firstName: 'Иван', roles: [{ role: 'head' }] }),
    ).rejects.toThrow('Заведующий отделением: выберите отделение');
  });

  it('a double surname typed with a non-breaking hyphen is stored with a plain one; the login is made from it', async () => {
    const db = demo.database.db;
    const input = createStaffInput.parse({
      lastName: ' Мамина\u2011Сибиряк ',
      firstName: 'Анна\u00A0',
      middleName: 'Ильинична',
      roles: [{ role: 'teacher' }],
    });
    expect([input.lastName, input.firstName]).toEqual(['Мамина-Сибиряк', 'Анна']);
    const created = await createStaff(db, demo.actors.admin, input);
    expect(created.login).toBe('maminasibiryak.ai');
    expect((await listStaff(db, demo.actors.admin)).find((s) => s.id === created.userId)!.name).toContain(
      'Мамина-Сибиряк',
    );
  });

  it('edits name and roles; the change applies at the next request; an administrator keeps their own role', async () => {
    const db = demo.database.db;
    const { departments } = await staffOptions(db, demo.actors.admin);
    const teacher = demo.actors.teacher;
    await updateStaff(db, demo.actors.admin, {
      userId: teacher.userId,
      lastName: 'Петрова',
      firstName: 'Анна',
      middleName: 'Николаевна',
      position: 'Старший преподаватель',
      roles: [{ role: 'teacher' }, { role: 'head', departmentId: departments[1]!.id }],
    });
    const actor = (await loadActor(db, teacher.userId))!;
    expect(actor.grants.map((g) => [g.role, g.departmentId])).toEqual(
      expect.arrayContaining([
        ['teacher', null],
        ['head', departments[1]!.id],
      ]),
    );
    expect(actor.position).toBe('Старший преподаватель');
    await expect(
      updateStaff(db, demo.actors.admin, {
        userId: demo.actors.admin.userId,
        lastName: 'А',
        firstName: 'Б',
        roles: [{ role: 'teacher' }],
      }),
    ).rejects.toThrow('свою роль администратора снять нельзя');
    await expect(
      updateStaff(db, demo.actors.admin, {
        userId: demo.actors.student.userId,
        lastName: 'А',
        firstName: 'Б',
        roles: [{ role: 'teacher' }],
      }),
    ).rejects.toThrow('Нет доступа');
  });
});
