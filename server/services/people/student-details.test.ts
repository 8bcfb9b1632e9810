import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groupMemberships, groups, students, users } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { loadActor } from '../../policy/actor';
import { studentCard } from '../../queries/student-card';
import { issueAccess } from './family-access';
import {
  findGuardian,
  findGuardianInput,
  linkGuardian,
  linkGuardianInput,
  unlinkGuardian,
  updateContacts,
} from './student-details';

const demo = useDemoDatabase();
const curatorGroup = () => demo.actors.curator.grants.find((g) => g.role === 'curator')!.groupId!;

async function memberOf(groupName: string, index: number) {
  const db = demo.database.db;
  const [group] = await db.select().from(groups).where(eq(groups.name, groupName));
  const rows = await db
    .select()
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, group!.id), isNull(groupMemberships.toDate)));
  return rows[index]!.studentId;
}

describe('keeping the student card', () => {
  it('edits contacts with clear refusals', async () => {
    const db = demo.database.db;
    const studentId = await memberOf('ИС-21', 2);
    await updateContacts(db, demo.actors.curator, {
      studentId,
      phone: '+7 (927) 555-11-22',
      email: 'student@example.ru',
    });
    const card = (await studentCard(db, demo.actors.curator, studentId, 'staff'))!;
    expect(card.details).toMatchObject({ phone: '+7 (927) 555-11-22', email: 'student@example.ru' });
    await expect(
      updateContacts(db, demo.actors.curator, { studentId: await memberOf('ИС-31', 0), phone: '' }),
    ).rejects.toThrow('Нет доступа');
  });

  it('one parent of two children in different groups: found by surname and phone, linked, one login sees both', async () => {
    const db = demo.database.db;
    const mine = await memberOf('ИС-21', 6);
    const sibling = await memberOf('ИС-31', 3);
    const [siblingRow] = await db.select().from(students).where(eq(students.id, sibling));
    const motherName = `${siblingRow!.lastName}-Мать`;
    // The administrator adds the parent to the sibling in ИС-31…
    const { guardianId } = await linkGuardian(db, demo.actors.admin, {
      studentId: sibling,
      relation: 'мать',
      guardian: { lastName: motherName, firstName: 'Вера', middleName: 'Павловна', phone: '+7 927 700-00-01' },
    });
    // …the curator of ИС-21 finds her only with surname and phone together, and links her to the own student.
    expect(
      await findGuardian(db, demo.actors.curator, { studentId: mine, lastName: motherName, phone: '89270000000' }),
    ).toEqual([]);
    const found = await findGuardian(db, demo.actors.curator, {
      studentId: mine,
      lastName: motherName,
      phone: '8 (927) 700-00-01',
    });
    expect(found).toEqual([{ id: guardianId, name: `${motherName} Вера Павловна`, children: 1 }]);
    await linkGuardian(db, demo.actors.curator, {
      studentId: mine,
      relation: 'мать',
      guardian: { existingId: guardianId },
    });
    await expect(
      linkGuardian(db, demo.actors.curator, {
        studentId: mine,
        relation: 'мать',
        guardian: { existingId: guardianId },
      }),
    ).rejects.toThrow('уже указан');

    const [slip] = await issueAccess(
      db,
      demo.actors.curator,
      { groupId: curatorGroup(), people: [{ kind: 'guardian', id: guardianId }] },
      '2026-11-29',
    );
    expect(slip!.whom).toContain('группа ИС-21');
    const [account] = await db.select().from(users).where(eq(users.login, slip!.login));
    // Linked to both: the children the parent sees, and those of age who have not consented (152-ФЗ) — by name only.
    const linked = async () => {
      const parent = (await loadActor(db, account!.id))!;
      return [...parent.childStudentIds, ...parent.childAccessEnded].map((c) => c.studentId).sort();
    };
    expect(await linked()).toEqual([mine, sibling].sort());

    await unlinkGuardian(db, demo.actors.curator, { studentId: mine, guardianId });
    expect(await linked()).toEqual([sibling]);
    await expect(unlinkGuardian(db, demo.actors.curator, { studentId: mine, guardianId })).rejects.toThrow('не указан');
  });

  it('a parent is found and linked with ё as е and any case; the same name and phone entered again is the same parent', async () => {
    const db = demo.database.db;
    const first = await memberOf('ИС-21', 7);
    const second = await memberOf('ИС-21', 8);
    const input = linkGuardianInput.parse({
      studentId: first,
      relation: 'мать',
      guardian: {
        lastName: 'Ведерникова\u2011Ёлкина',
        firstName: 'Алёна',
        middleName: ' Петровна ',
        phone: '+7 927 700-00-09',
      },
    });
    expect(input.guardian).toEqual({
      lastName: 'Ведерникова-Ёлкина',
      firstName: 'Алёна',
      middleName: 'Петровна',
      phone: '+7 927 700-00-09',
    });
    const { guardianId } = await linkGuardian(db, demo.actors.curator, input);
    const search = findGuardianInput.parse({
      studentId: second,
      lastName: 'ВЕДЕРНИКОВА\u2013ЕЛКИНА',
      phone: '89277000009',
    });
    expect(await findGuardian(db, demo.actors.curator, search)).toEqual([
      { id: guardianId, name: 'Ведерникова-Ёлкина Алёна Петровна', children: 1 },
    ]);
    // Typed again as a new parent for the sibling: linked to the same record, so one login sees both.
    const again = await linkGuardian(
      db,
      demo.actors.curator,
      linkGuardianInput.parse({
        studentId: second,
        relation: 'мать',
        guardian: {
          lastName: 'Ведерникова-Елкина',
          firstName: 'АЛЕНА',
          middleName: 'петровна',
          phone: '8 927 700 00 09',
        },
      }),
    );
    expect(again.guardianId).toBe(guardianId);
    // A namesake with another phone is another person.
    const other = await linkGuardian(db, demo.actors.curator, {
      studentId: second,
      relation: 'опекун',
      guardian: {
        lastName: 'Ведерникова-Ёлкина',
        firstName: 'Алёна',
        middleName: 'Петровна',
        phone: '+7 927 700-00-10',
      },
    });
    expect(other.guardianId).not.toBe(guardianId);
  });
});
