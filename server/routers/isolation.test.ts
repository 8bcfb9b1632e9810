/**
 * Two colleges in one database: no procedure, called by any role of either college, returns the other's data, and a
 * record of the other college asked for by id is refused exactly like an out-of-scope one.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { ROLES, type Role } from '../../domain/roles';
import { actorByLogin, demoActors } from '../../test/actors';
import { openTestDatabase } from '../../test/database';
import { createSecondInstitution } from '../../test/second-institution';
import type { Actor } from '../policy/actor';
import { createCallerFactory } from '../trpc/init';
import { appRouter } from './index';

const createCaller = createCallerFactory(appRouter);
let database: Database;
let demo: Record<Role, Actor>;
let other: Record<Role, Actor>;
let second: Awaited<ReturnType<typeof createSecondInstitution>>;

beforeAll(async () => {
  database = await openTestDatabase();
  second = await createSecondInstitution(database.db);
  demo = await demoActors(database.db);
  const entries = await Promise.all(ROLES.map(async (role) => [role, await actorByLogin(database.db, `other-${role}`)] as const));
  other = Object.fromEntries(entries) as Record<Role, Actor>;
});
afterAll(async () => {
  await database?.close();
});

/** Every read procedure with the inputs that would reach the other college's records. */
async function everything(actor: Actor, foreign: { groupId: number; studentId: number }): Promise<unknown[]> {
  const c = createCaller({ db: database.db, actor });
  const calls: (() => Promise<unknown>)[] = [
    () => c.me.get(),
    () => c.structure.overview(),
    () => c.people.groups(),
    () => c.people.groupStudents({ groupId: foreign.groupId }),
    () => c.journal.assignments(),
    () => c.family.students(),
    () => c.family.recentMarks({ studentId: foreign.studentId }),
    () => c.audit.signIns(),
  ];
  const results: unknown[] = [];
  for (const call of calls) {
    try {
      results.push(await call());
    } catch (error) {
      if (!(error instanceof TRPCError && error.code === 'FORBIDDEN')) throw error;
    }
  }
  return results;
}

describe('institution isolation', () => {
  it('covers every procedure', () => {
    expect(Object.keys(appRouter._def.procedures).length).toBe(8);
  });

  it.each(ROLES)('demo %s sees nothing of the other college', async (role) => {
    const text = JSON.stringify(await everything(demo[role], { groupId: second.groupId, studentId: second.studentId }));
    expect(text).not.toContain('Другой колледж');
    expect(text).not.toContain('Чужой');
    expect(text).not.toContain('Чужая тема');
    expect(text).not.toContain('other-');
  });

  it.each(ROLES)('the other college’s %s sees nothing of the demo college', async (role) => {
    const demoGroup = demo.curator.grants.find((g) => g.role === 'curator')!.groupId!;
    const demoStudent = demo.parent.childStudentIds[0]!.studentId;
    const text = JSON.stringify(await everything(other[role], { groupId: demoGroup, studentId: demoStudent }));
    expect(text).not.toContain('Колледж информационных технологий');
    expect(text).not.toContain('ИС-31');
    expect(text).not.toContain('Петрова');
    for (const name of ['Павлов', 'Павлова', 'Морозова']) expect(text).not.toContain(name);
  });

  it('the other college’s own roles do see their own data', async () => {
    const c = createCaller({ db: database.db, actor: other.admin });
    const overview = await c.structure.overview();
    expect(overview.map((i) => i.shortName)).toEqual(['ГАПОУ «Другой колледж»']);
    const marks = await createCaller({ db: database.db, actor: other.parent }).family.recentMarks({ studentId: second.studentId });
    expect(marks.map((m) => m.topic)).toEqual(['Чужая тема']);
  });
});
