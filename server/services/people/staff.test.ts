import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useDemoDatabase } from '../../../test/demo-database';
import { users } from '../../../db/schema';
import { DEMO_PASSWORD } from '../../../db/seed';
import { checkCredentials } from '../../auth/sign-in';
import { loadActor } from '../../policy/actor';
import { startSession } from '../../auth/sessions';
import { listStaff, resetStaffPassword, setStaffActive } from './staff';

const demo = useDemoDatabase();

describe('staff accounts', () => {
  it('lists the staff with their roles, not students or parents', async () => {
    const staff = await listStaff(demo.database.db, demo.actors.admin);
    expect(staff.find((s) => s.login === 'prepod')?.roles).toEqual(['Преподаватель']);
    expect(staff.some((s) => s.login === 'student' || s.login === 'roditel')).toBe(false);
    expect(staff.length).toBeGreaterThan(40);
  });

  it('deactivation ends every session at once and refuses sign-in; reactivation lets in again', async () => {
    const [user] = await demo.database.db.select().from(users).where(eq(users.login, 'metodist'));
    const sessions = [1, 2].map(() =>
      startSession(demo.database.db, { userId: user!.id, institutionId: user!.institutionId }, null),
    );
    const [phone, desktop] = await Promise.all(sessions);
    expect(await loadActor(demo.database.db, user!.id, phone)).not.toBeNull();
    await setStaffActive(demo.database.db, demo.actors.admin, { userId: user!.id, active: false });
    expect(await loadActor(demo.database.db, user!.id, phone)).toBeNull();
    expect(await loadActor(demo.database.db, user!.id, desktop)).toBeNull();
    expect(await checkCredentials(demo.database.db, 'metodist', DEMO_PASSWORD, null)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    await setStaffActive(demo.database.db, demo.actors.admin, { userId: user!.id, active: true });
    expect((await checkCredentials(demo.database.db, 'metodist', DEMO_PASSWORD, null)).ok).toBe(true);
    await expect(
      setStaffActive(demo.database.db, demo.actors.admin, { userId: demo.actors.admin.userId, active: false }),
    ).rejects.toThrow('Свою учётную запись отключить нельзя');
  });

  it('resets a password to a one-time one that must be changed, and only for staff of the own college', async () => {
    const [user] = await demo.database.db.select().from(users).where(eq(users.login, 'zav'));
    const { password } = await resetStaffPassword(demo.database.db, demo.actors.admin, { userId: user!.id });
    expect(password).toMatch(/^[a-zA-Z0-9]{10}$/);
    expect((await checkCredentials(demo.database.db, 'zav', DEMO_PASSWORD, null)).ok).toBe(false);
    const signIn = await checkCredentials(demo.database.db, 'zav', password, null);
    expect(signIn.ok).toBe(true);
    const actor = await loadActor(demo.database.db, user!.id);
    expect(actor?.mustChangePassword).toBe(true);
    await expect(
      resetStaffPassword(demo.database.db, demo.actors.admin, { userId: demo.actors.student.userId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(resetStaffPassword(demo.database.db, demo.actors.head, { userId: user!.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
