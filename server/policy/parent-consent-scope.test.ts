/**
 * A parent's scope follows an adult child's consent (152-ФЗ art. 9; issue #13, item 6): the child of 18 and older the
 * student has not consented to is outside every scope of the parent — the report card route answers 403, `studentScope`
 * gives no row, the family procedures refuse — comes back with the consent and goes again with its withdrawal.
 */
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { guardians, studentGuardians, students, userRoles, users } from '../../db/schema';
import { todayIn } from '../../domain/dates';
import { useDemoDatabase } from '../../test/demo-database';
import { produceReport } from '../reports/routes';
import { createCallerFactory } from '../trpc/init';
import { appRouter } from '../routers';
import { setParentConsent } from '../services/people/parent-consent';
import { loadActor, type Actor } from './actor';
import { Refusal } from './refusal';
import { studentScope } from './scope';

const demo = useDemoDatabase();
const createCaller = createCallerFactory(appRouter);
/** The demo parent's elder child (ИС-31, of age): seeded without a consent. */
const elder = { id: 0, institutionId: 0, userId: 0 };
let motherId = 0;

beforeAll(async () => {
  const db = demo.database.db;
  const [ended] = demo.actors.parent.childAccessEnded;
  elder.id = ended!.studentId;
  elder.institutionId = ended!.institutionId;
  const [mother] = await db
    .select({ id: guardians.id })
    .from(guardians)
    .innerJoin(
      studentGuardians,
      and(eq(studentGuardians.institutionId, guardians.institutionId), eq(studentGuardians.guardianId, guardians.id)),
    )
    .where(and(eq(guardians.userId, demo.actors.parent.userId), eq(studentGuardians.studentId, elder.id)));
  motherId = mother!.id;
  // The elder child gets a login, as a curator issues one, to decide about the mother.
  const [user] = await db
    .insert(users)
    .values({
      institutionId: elder.institutionId,
      login: 'elder-student',
      passwordHash: 'x',
      lastName: 'Старший',
      firstName: 'Студент',
    })
    .returning({ id: users.id });
  elder.userId = user!.id;
  await db.insert(userRoles).values({ institutionId: elder.institutionId, userId: elder.userId, role: 'student' });
  await db
    .update(students)
    .set({ userId: elder.userId })
    .where(and(eq(students.institutionId, elder.institutionId), eq(students.id, elder.id)));
});

const parent = async () => (await loadActor(demo.database.db, demo.actors.parent.userId))!;

async function scopeRows(actor: Actor): Promise<number[]> {
  const rows = await demo.database.db
    .select({ id: students.id })
    .from(students)
    .where(and(eq(students.id, elder.id), studentScope(actor, 'reports.card')));
  return rows.map((r) => r.id);
}

async function reportCardStatus(actor: Actor): Promise<number> {
  try {
    const file = await produceReport(demo.database.db, actor, 'report-card/[studentId]', {
      query: new URLSearchParams(),
      params: { studentId: String(elder.id) },
      body: null,
    });
    const { text } = await extractText(new Uint8Array(file.body as Buffer), { mergePages: true });
    expect(text).toContain('ТАБЕЛЬ УСПЕВАЕМОСТИ');
    return 200;
  } catch (error) {
    if (error instanceof Refusal) return error.status;
    throw error;
  }
}

async function familyCalls(actor: Actor): Promise<string[]> {
  const c = createCaller({ db: demo.database.db, actor });
  const outcomes: string[] = [];
  for (const call of [
    () => c.family.recentMarks({ studentId: elder.id }),
    () => c.family.studentCard({ studentId: elder.id }),
  ]) {
    try {
      await call();
      outcomes.push('ok');
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      outcomes.push(error.code);
    }
  }
  return outcomes;
}

async function decide(granted: boolean) {
  const student = (await loadActor(demo.database.db, elder.userId))!;
  return setParentConsent(
    demo.database.db,
    student,
    { guardianId: motherId, studentId: elder.id, granted },
    '2026-12-02',
  );
}

describe('a parent’s scope and an adult child’s consent', () => {
  it('without the consent: 403 for the report card, no row in the scope, the family procedures refuse', async () => {
    const actor = await parent();
    expect(actor.childStudentIds.map((c) => c.studentId)).not.toContain(elder.id);
    expect(actor.childAccessEnded).toEqual([expect.objectContaining({ studentId: elder.id, withdrawnAt: null })]);
    expect(await scopeRows(actor)).toEqual([]);
    expect(await reportCardStatus(actor)).toBe(403);
    expect(await familyCalls(actor)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const listed = await createCaller({ db: demo.database.db, actor }).family.students();
    expect(listed.map((s) => s.id)).not.toContain(elder.id);
    expect(listed).toHaveLength(2);
    // What the parent does see of the child: the name and why.
    const ended = await createCaller({ db: demo.database.db, actor }).family.accessEnded();
    expect(ended.map((c) => c.id)).toEqual([elder.id]);
    expect(ended[0]!.reason).toMatch(/согласие на доступ родителя не дано$/);
  });

  it('with the consent the child is back in the parent’s scope', async () => {
    await decide(true);
    const actor = await parent();
    expect(actor.childStudentIds.map((c) => c.studentId)).toContain(elder.id);
    expect(actor.childAccessEnded).toEqual([]);
    expect(await scopeRows(actor)).toEqual([elder.id]);
    expect(await reportCardStatus(actor)).toBe(200);
    expect(await familyCalls(actor)).toEqual(['ok', 'ok']);
    const listed = await createCaller({ db: demo.database.db, actor }).family.students();
    expect(listed.map((s) => s.id)).toContain(elder.id);
    expect(await createCaller({ db: demo.database.db, actor }).family.accessEnded()).toEqual([]);
  });

  it('withdrawn, the child leaves the scope again, and the parent is told when', async () => {
    await decide(false);
    const actor = await parent();
    expect(actor.childStudentIds.map((c) => c.studentId)).not.toContain(elder.id);
    expect(await scopeRows(actor)).toEqual([]);
    expect(await reportCardStatus(actor)).toBe(403);
    expect(await familyCalls(actor)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const [ended] = await createCaller({ db: demo.database.db, actor }).family.accessEnded();
    const today = todayIn(actor.timeZone).split('-').reverse().join('.');
    expect(ended!.reason).toMatch(new RegExp(`; согласие отозвано ${today.replace(/\./g, '\\.')}$`));
  });

  it('the other children of the parent are not touched by it', async () => {
    const actor = await parent();
    expect(actor.childStudentIds.map((c) => c.studentId).sort()).toEqual(
      demo.actors.parent.childStudentIds.map((c) => c.studentId).sort(),
    );
  });
});
