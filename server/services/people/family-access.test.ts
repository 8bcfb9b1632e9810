import { and, eq, inArray, isNull } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { guardians, studentGuardians, userRoles, users } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { checkCredentials } from '../../auth/sign-in';
import { loadActor } from '../../policy/actor';
import { renderAccessSlips } from '../../reports/access-slips';
import { issueAccess, listGroupAccess, slipsFor } from './family-access';

const demo = useDemoDatabase();
const today = '2026-11-29';
const curatorGroup = () => demo.actors.curator.grants.find((g) => g.role === 'curator')!.groupId!;

async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text;
}

describe('access for students and parents', () => {
  it('lists the group’s students with their parents and logins', async () => {
    const access = await listGroupAccess(demo.database.db, demo.actors.curator, { groupId: curatorGroup() }, today);
    expect(access.group.name).toBe('ИС-21');
    expect(access.students.length).toBeGreaterThan(15);
    const withLogin = access.students.filter((s) => s.login !== null);
    expect(withLogin.map((s) => s.id)).toEqual(demo.actors.student.ownStudentIds.map((s) => s.studentId));
    expect(access.students.flatMap((s) => s.guardians).length).toBeGreaterThan(access.students.length);
  });

  it('issues logins with one-time passwords that must be changed; the slip prints them in Cyrillic', async () => {
    const db = demo.database.db;
    const access = await listGroupAccess(db, demo.actors.curator, { groupId: curatorGroup() }, today);
    const student = access.students.find((s) => s.login === null)!;
    const parent = student.guardians[0]!;
    const slips = await issueAccess(
      db,
      demo.actors.curator,
      {
        groupId: curatorGroup(),
        people: [
          { kind: 'student', id: student.id },
          { kind: 'guardian', id: parent.id },
        ],
      },
      today,
    );
    expect(slips.map((s) => s.kind)).toEqual(['student', 'guardian']);
    expect(slips[1]!.whom).toMatch(/^(Мать|Отец|Опекун|Родитель) студента .+, группа ИС-21$/);

    for (const slip of slips) {
      const result = await checkCredentials(db, slip.login, slip.password, null);
      expect(result.ok).toBe(true);
      const actor = await loadActor(db, (result as { userId: number }).userId);
      expect(actor!.mustChangePassword).toBe(true);
    }
    const parentUser = await db.select().from(users).where(eq(users.login, slips[1]!.login));
    const parentActor = await loadActor(db, parentUser[0]!.id);
    expect(parentActor!.childStudentIds.map((c) => c.studentId)).toContain(student.id);

    const printed = await slipsFor(
      db,
      demo.actors.curator,
      { groupId: curatorGroup(), slips: slips.map((s) => ({ kind: s.kind, id: s.personId, password: s.password })) },
      today,
    );
    const pdf = await renderAccessSlips({
      college: 'ГБПОУ «Колледж»',
      address: 'https://ezh.example',
      slips: printed.slips,
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Доступ к электронному журналу');
    expect(text).toContain(student.name);
    expect(text).toContain(slips[0]!.login);
    expect(text).toContain(slips[1]!.password);
  });

  it('issuing again gives a new password: the old slip can no longer be printed or used', async () => {
    const db = demo.database.db;
    const access = await listGroupAccess(db, demo.actors.curator, { groupId: curatorGroup() }, today);
    const student = access.students.find((s) => s.login !== null && s.pending)!;
    const [first] = await issueAccess(
      db,
      demo.actors.curator,
      { groupId: curatorGroup(), people: [{ kind: 'student', id: student.id }] },
      today,
    );
    const [second] = await issueAccess(
      db,
      demo.actors.curator,
      { groupId: curatorGroup(), people: [{ kind: 'student', id: student.id }] },
      today,
    );
    expect(second!.login).toBe(first!.login);
    expect((await checkCredentials(db, first!.login, first!.password, null)).ok).toBe(false);
    await expect(
      slipsFor(
        db,
        demo.actors.curator,
        { groupId: curatorGroup(), slips: [{ kind: 'student', id: student.id, password: first!.password }] },
        today,
      ),
    ).rejects.toThrow('временный пароль уже не действует');
    const roles = await db
      .select()
      .from(userRoles)
      .where(
        and(
          eq(userRoles.role, 'student'),
          inArray(userRoles.userId, [(await db.select().from(users).where(eq(users.login, second!.login)))[0]!.id]),
        ),
      );
    expect(roles).toHaveLength(1);
  });

  it('refuses people outside the group and a parent who is also staff', async () => {
    const db = demo.database.db;
    await expect(
      issueAccess(
        db,
        demo.actors.curator,
        { groupId: curatorGroup(), people: [{ kind: 'student', id: 999999 }] },
        today,
      ),
    ).rejects.toThrow('не состоит в группе ИС-21');
    const access = await listGroupAccess(db, demo.actors.curator, { groupId: curatorGroup() }, today);
    const parent = access.students.flatMap((s) => s.guardians).find((g) => g.login === null)!;
    await db.update(guardians).set({ userId: demo.actors.teacher.userId }).where(eq(guardians.id, parent.id));
    await expect(
      issueAccess(
        db,
        demo.actors.curator,
        { groupId: curatorGroup(), people: [{ kind: 'guardian', id: parent.id }] },
        today,
      ),
    ).rejects.toThrow('это учётная запись сотрудника');
    await db.update(guardians).set({ userId: null }).where(eq(guardians.id, parent.id));
    const links = await db
      .select()
      .from(studentGuardians)
      .where(and(eq(studentGuardians.guardianId, parent.id)));
    expect(links.length).toBeGreaterThan(0);
    expect(
      await db
        .select()
        .from(guardians)
        .where(and(eq(guardians.id, parent.id), isNull(guardians.userId))),
    ).toHaveLength(1);
  });
});
