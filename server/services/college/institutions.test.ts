import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../../db/schema';
import { DEMO_REGIONAL_LOGIN } from '../../../db/seed';
import { actorByLogin } from '../../../test/actors';
import { useDemoDatabase } from '../../../test/demo-database';
import { checkCredentials } from '../../auth/sign-in';
import { createCallerFactory } from '../../trpc/init';
import { appRouter } from '../../routers';
import { formActions } from '../../../test/form-actions';
import { loadActor } from '../../policy/actor';

const demo = useDemoDatabase();
const createCaller = createCallerFactory(appRouter);

describe('the regional administrator', () => {
  it('lists the region’s colleges and creates one with its first administrator, who must change the one-time password', async () => {
    const db = demo.database.db;
    const regional = await actorByLogin(db, DEMO_REGIONAL_LOGIN);
    const region = createCaller({ db, actor: regional });
    expect((await region.me.get()).roles.map((r) => r.label)).toEqual(['Региональный администратор']);
    const before = await region.institutions.list();
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ groups: 6, admins: ['admin'] });
    expect(before[0]!.students).toBeGreaterThan(150);

    const created = await region.institutions.create({
      fullName: 'ГАПОУ «Технологический колледж»',
      shortName: 'Технологический колледж',
      city: 'Тольятти',
      admin: { lastName: 'Зайцев', firstName: 'Олег', middleName: 'Петрович', login: 'zaytsev.op' },
    });
    await expect(
      region.institutions.create({
        fullName: 'Ещё один колледж',
        shortName: 'ещё',
        admin: { lastName: 'А', firstName: 'Б', login: 'zaytsev.op' },
      }),
    ).rejects.toThrow('Логин администратора: «zaytsev.op» уже занят');
    expect((await region.institutions.list()).map((i) => i.shortName)).toEqual([
      'ГБПОУ «Колледж информационных технологий и экономики»',
      'Технологический колледж',
    ]);

    const signIn = await checkCredentials(db, 'zaytsev.op', created.password, null);
    expect(signIn.ok).toBe(true);
    const [account] = await db.select().from(users).where(eq(users.login, 'zaytsev.op'));
    const newAdmin = (await loadActor(db, account!.id))!;
    expect(newAdmin.mustChangePassword).toBe(true);
    // Once the password is changed, the new college's administrator sees an empty college — none of the demo one.
    await db.update(users).set({ mustChangePassword: false }).where(eq(users.id, account!.id));
    const admin = createCaller({ db, actor: (await loadActor(db, account!.id))! });
    const overview = await admin.structure.overview();
    expect(overview.map((i) => [i.shortName, i.departments.length])).toEqual([['Технологический колледж', 0]]);
    expect((await admin.staff.list()).map((s) => s.login)).toEqual(['zaytsev.op']);
    expect(await admin.years.list()).toEqual([]);
    expect(await admin.journal.assignments()).toEqual([]);
  });

  it('reads no college’s data: every other procedure is refused (the region’s view is aggregates only)', async () => {
    const db = demo.database.db;
    const caller = createCaller({ db, actor: await actorByLogin(db, DEMO_REGIONAL_LOGIN) }) as unknown as Record<
      string,
      Record<string, (input?: unknown) => Promise<unknown>>
    >;
    const allowed = new Set([
      'me.get',
      'institutions.list',
      'institutions.create',
      'institutions.setTimeZone',
      'region.indicators',
    ]);
    const paths = Object.keys(appRouter._def.procedures).filter((p) => !allowed.has(p));
    expect(paths.length).toBeGreaterThan(50);
    for (const path of paths) {
      const [area, name] = path.split('.') as [string, string];
      // The policy runs before the input is read: a refused role never gets as far as its arguments.
      await expect(caller[area]![name]!({}), path).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const regional = await actorByLogin(db, DEMO_REGIONAL_LOGIN);
    for (const [name, action] of Object.entries(await formActions())) {
      if (name === 'changePasswordAction') continue; // the own password: every account's
      expect(await action.perform({ db, actor: regional }, {}), name).toMatchObject({ ok: false, status: 403 });
    }
  });
});
