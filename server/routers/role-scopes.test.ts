/**
 * What comes back stays inside each demo role's scope: the journals, groups, departments and students a role lists are
 * exactly its own (the role matrix, ./role-matrix.test.ts, checks who may call what).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { studentGuardians, userRoles } from '../../db/schema';
import { ROLES, type Role } from '../../domain/roles';
import { useRoleFixtures } from '../../test/role-fixtures';
import { createCallerFactory } from '../trpc/init';
import { appRouter } from './index';

const fx = useRoleFixtures();
const createCaller = createCallerFactory(appRouter);

describe('scope of what comes back', () => {
  const call = (role: Role) => createCaller({ db: fx.database.db, actor: fx.actors[role] });

  it('a teacher sees only own journals, and the one she substituted in (the demo’s 26.11)', async () => {
    const list = await call('teacher').journal.assignments();
    expect(list.length).toBeGreaterThanOrEqual(3);
    const others = list.filter((a) => a.teacherName !== 'Петрова А. Н.');
    expect(others.length).toBe(1);
    expect(others.every((a) => a.substitute)).toBe(true);
  });

  it('a curator sees the journals of the own group only', async () => {
    const list = await call('curator').journal.assignments();
    expect(list.length).toBeGreaterThan(5);
    expect(new Set(list.map((a) => a.groupId))).toEqual(new Set([fx.curatorGroupId]));
  });

  it('a head of department sees the own department only', async () => {
    const overview = await call('head').structure.overview();
    const admin = await call('admin').structure.overview();
    expect(overview[0]!.departments.map((d) => d.id)).toEqual([fx.actors.head.grants[0]!.departmentId]);
    expect(overview[0]!.totals.groups).toBeLessThan(admin[0]!.totals.groups);
    const journals = await call('head').journal.assignments();
    const headGroups = new Set(overview[0]!.departments.flatMap((d) => d.groups.map((g) => g.id)));
    expect(journals.every((a) => headGroups.has(a.groupId))).toBe(true);
  });

  it('a curator lists the own group, with the students of the group on today', async () => {
    const groupsSeen = await call('curator').people.groups();
    expect(groupsSeen.map((g) => g.id)).toEqual([fx.curatorGroupId]);
    const roster = await call('curator').people.groupStudents({ groupId: fx.curatorGroupId });
    expect(roster.students.length).toBe(groupsSeen[0]!.students);
    expect(roster.students.length).toBeGreaterThanOrEqual(19);
  });

  it('a parent sees exactly the linked children, a student only oneself', async () => {
    const children = await call('parent').family.students();
    const links = await fx.database.db
      .select()
      .from(studentGuardians)
      .where(eq(studentGuardians.studentId, fx.childId));
    expect(links.length).toBeGreaterThan(0);
    expect(children.map((c) => c.id).sort()).toEqual(fx.actors.parent.childStudentIds.map((c) => c.studentId).sort());
    expect(children.length).toBe(2);
    const self = await call('student').family.students();
    expect(self.map((s) => s.id)).toEqual(fx.actors.student.ownStudentIds.map((s) => s.studentId));
  });

  it('a parent’s child of age without the consent: out of every list, only the name and why (152-ФЗ)', async () => {
    const ended = await call('parent').family.accessEnded();
    expect(ended.map((c) => c.id)).toEqual(fx.actors.parent.childAccessEnded.map((c) => c.studentId));
    expect(ended.length).toBe(1);
    expect(Object.keys(ended[0]!).sort()).toEqual([
      'firstName',
      'id',
      'institutionId',
      'lastName',
      'middleName',
      'reason',
    ]);
    const children = await call('parent').family.students();
    expect(children.map((c) => c.id)).not.toContain(ended[0]!.id);
    // The student decides about the own parents only; a student has no children whose access ended.
    expect(await call('student').family.accessEnded()).toEqual([]);
    const [own] = await call('student').family.consents();
    expect(own!.id).toBe(fx.actors.student.ownStudentIds[0]!.studentId);
    expect(own!.guardians.map((g) => g.id)).toContain(fx.parentGuardianId);
  });

  it('roles in the demo are one per account', async () => {
    for (const role of ROLES) {
      const rows = await fx.database.db.select().from(userRoles).where(eq(userRoles.userId, fx.actors[role].userId));
      expect(rows.map((r) => r.role)).toEqual([role]);
    }
  });
});
