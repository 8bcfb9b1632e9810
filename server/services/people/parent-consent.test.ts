import { and, desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { changeLog, guardians, parentConsents, students } from '../../../db/schema';
import { todayIn } from '../../../domain/dates';
import { useDemoDatabase } from '../../../test/demo-database';
import { loadActor } from '../../policy/actor';
import { endedChildren } from '../../queries/family';
import { consentOverview, setParentConsent, setParentConsentInput } from './parent-consent';

const demo = useDemoDatabase();
/** A day of the demo's autumn, the demo student (born 27.02.2008) of age. */
const today = '2026-12-02';
const now = new Date('2026-12-02T09:00:00Z');

const studentId = () => demo.actors.student.ownStudentIds[0]!.studentId;
async function motherId(): Promise<number> {
  const [mother] = await demo.database.db
    .select({ id: guardians.id })
    .from(guardians)
    .where(eq(guardians.userId, demo.actors.parent.userId));
  return mother!.id;
}
const parentNow = async (at: Date = now) =>
  (await loadActor(demo.database.db, demo.actors.parent.userId, undefined, at))!;
const decide = async (granted: boolean, extra: { guardianId?: number; at?: string } = {}) =>
  setParentConsent(
    demo.database.db,
    demo.actors.student,
    setParentConsentInput.parse({
      guardianId: extra.guardianId ?? (await motherId()),
      studentId: studentId(),
      granted,
    }),
    extra.at ?? today,
  );

describe('a student’s consent to the parents’ access (152-ФЗ art. 9)', () => {
  it('the overview: the own record, of age, each parent with a login or not, the decision in force and its history', async () => {
    const [record, ...more] = await consentOverview(demo.database.db, demo.actors.student, today);
    expect(more).toEqual([]);
    expect(record!.name).toMatch(/^Павлов Андрей /);
    expect(record).toMatchObject({
      id: studentId(),
      birthDate: '2008-02-27',
      adultOn: '2026-02-27',
      adult: true,
    });
    const mother = record!.guardians.find((g) => g.name.startsWith('Павлова'))!;
    expect(mother).toMatchObject({ relation: 'мать', hasLogin: true, seesJournal: true });
    expect(mother.inForce?.granted).toBe(true);
    expect(mother.inForce?.decidedAt).toEqual(new Date('2026-02-20T09:00:00Z'));
    expect(mother.history).toHaveLength(1);
    for (const other of record!.guardians.filter((g) => g !== mother))
      expect(other).toMatchObject({ hasLogin: false, inForce: null, seesJournal: false, history: [] });
    // Nobody but a student has own records to decide about.
    expect(await consentOverview(demo.database.db, demo.actors.parent, today)).toEqual([]);
    expect(await consentOverview(demo.database.db, demo.actors.curator, today)).toEqual([]);
  });

  it('withdrawn: the parent loses the child at once, sees why; the decision is kept and logged', async () => {
    const db = demo.database.db;
    const logged = await db.$count(changeLog, eq(changeLog.entity, 'parent_consent'));
    expect((await parentNow()).childStudentIds.map((c) => c.studentId)).toContain(studentId());
    expect(await decide(false)).toBe('Согласие отозвано: Павлова В. Р. больше не видит ваш журнал');
    const withdrawnOn = todayIn(demo.actors.student.timeZone);

    const parent = await parentNow();
    expect(parent.childStudentIds.map((c) => c.studentId)).not.toContain(studentId());
    expect(parent.childAccessEnded).toContainEqual({
      institutionId: demo.actors.student.institutionId,
      studentId: studentId(),
      adultOn: '2026-02-27',
      withdrawnAt: withdrawnOn,
    });
    const ended = await endedChildren(db, parent);
    const child = ended.find((c) => c.id === studentId())!;
    expect(child.lastName).toBe('Павлов');
    expect(child.reason).toBe(
      `Студенту исполнилось 18 лет 27.02.2026; согласие отозвано ${withdrawnOn.split('-').reverse().join('.')}`,
    );
    expect(Object.keys(child).sort()).toEqual(['firstName', 'id', 'institutionId', 'lastName', 'middleName', 'reason']);

    expect(await db.$count(changeLog, eq(changeLog.entity, 'parent_consent'))).toBe(logged + 1);
    const [entry] = await db
      .select()
      .from(changeLog)
      .where(eq(changeLog.entity, 'parent_consent'))
      .orderBy(desc(changeLog.id))
      .limit(1);
    expect(entry).toMatchObject({
      userId: demo.actors.student.userId,
      before: { granted: true },
      after: { studentId: studentId(), guardianId: await motherId(), granted: false },
    });
    const [overview] = await consentOverview(db, demo.actors.student, today);
    const mother = overview!.guardians.find((g) => g.name.startsWith('Павлова'))!;
    expect(mother.inForce?.granted).toBe(false);
    expect(mother.seesJournal).toBe(false);
    expect(mother.history.map((d) => d.granted)).toEqual([false, true]);
  });

  it('refuses a decision equal to the one in force, and gives the consent again', async () => {
    await expect(decide(false)).rejects.toMatchObject({ status: 400, message: 'Согласие уже отозвано' });
    expect(await decide(true)).toBe('Согласие дано: Павлова В. Р. видит ваш журнал');
    await expect(decide(true)).rejects.toMatchObject({ status: 400, message: 'Согласие уже дано' });
    const parent = await parentNow();
    expect(parent.childStudentIds.map((c) => c.studentId)).toContain(studentId());
    expect(parent.childAccessEnded.map((c) => c.studentId)).not.toContain(studentId());
    const rows = await demo.database.db
      .select({ granted: parentConsents.granted, decidedBy: parentConsents.decidedBy })
      .from(parentConsents)
      .where(eq(parentConsents.studentId, studentId()))
      .orderBy(parentConsents.id);
    expect(rows.map((r) => r.granted)).toEqual([true, false, true]);
    expect(new Set(rows.map((r) => r.decidedBy))).toEqual(new Set([demo.actors.student.userId]));
  });

  it('refuses a parent who is not one’s own (whether they exist is not told), and whoever is not the student', async () => {
    const db = demo.database.db;
    const [strangerParent] = await queryRows<{ id: number }>(
      db,
      sql`select guardian_id as id from student_guardians where student_id <> ${studentId()}
            and guardian_id not in (select guardian_id from student_guardians where student_id = ${studentId()})
          order by guardian_id limit 1`,
    );
    for (const guardianId of [strangerParent!.id, 999999])
      await expect(decide(true, { guardianId })).rejects.toMatchObject({
        status: 403,
        message: 'Нет доступа к этим данным',
      });
    // The parent cannot give it to oneself, nor the curator for the student.
    for (const actor of [demo.actors.parent, demo.actors.curator])
      await expect(
        setParentConsent(db, actor, { guardianId: await motherId(), granted: false }, today),
      ).rejects.toMatchObject({ status: 403 });
    // Without a consent ever given there is nothing to withdraw.
    const [father] = (await consentOverview(db, demo.actors.student, today))[0]!.guardians.filter(
      (g) => !g.name.startsWith('Павлова'),
    );
    expect(father).toBeDefined();
    await expect(decide(false, { guardianId: father!.id })).rejects.toMatchObject({
      status: 400,
      message: 'Согласие не было дано: отзывать нечего',
    });
  });

  it('a decision is never rewritten: the history is append-only', async () => {
    await expect(
      demo.database.db.update(parentConsents).set({ granted: false }).where(eq(parentConsents.studentId, studentId())),
    ).rejects.toThrow();
  });

  it('before 18: the parent sees the journal whatever the decision; a consent given then takes effect at 18', async () => {
    const db = demo.database.db;
    const self = and(eq(students.institutionId, demo.actors.student.institutionId!), eq(students.id, studentId()));
    await db.update(students).set({ birthDate: '2009-06-01' }).where(self);
    try {
      expect(await decide(false)).toBe(
        'Согласие отозвано: до 01.06.2027 Павлова В. Р. видит ваш журнал как законный представитель, с этого дня — нет',
      );
      expect((await parentNow()).childStudentIds.map((c) => c.studentId)).toContain(studentId());
      const at18 = await parentNow(new Date('2027-06-01T09:00:00Z'));
      expect(at18.childStudentIds.map((c) => c.studentId)).not.toContain(studentId());
      expect(at18.childAccessEnded.find((c) => c.studentId === studentId())?.adultOn).toBe('2027-06-01');
      const [overview] = await consentOverview(db, demo.actors.student, today);
      expect(overview).toMatchObject({ adult: false, adultOn: '2027-06-01' });
      expect(overview!.guardians.find((g) => g.name.startsWith('Павлова'))!.seesJournal).toBe(true);

      expect(await decide(true)).toBe(
        'Согласие дано: Павлова В. Р. будет видеть ваш журнал и после 01.06.2027, когда вам исполнится 18 лет',
      );
      expect((await parentNow(new Date('2027-06-01T09:00:00Z'))).childStudentIds.map((c) => c.studentId)).toContain(
        studentId(),
      );

      // An unknown birth date: access as for a minor, even withdrawn.
      await db.update(students).set({ birthDate: null }).where(self);
      await decide(false);
      expect((await parentNow()).childStudentIds.map((c) => c.studentId)).toContain(studentId());
      expect((await consentOverview(db, demo.actors.student, today))[0]).toMatchObject({ adultOn: null, adult: false });
      await decide(true);
    } finally {
      await db.update(students).set({ birthDate: '2008-02-27' }).where(self);
    }
  });

  it('the demo’s elder child of the parent, of age without a consent: only the name and why', async () => {
    const parent = await parentNow();
    const ended = await endedChildren(demo.database.db, parent);
    expect(ended).toHaveLength(1);
    expect(ended[0]!.reason).toMatch(
      /^Студенту исполнилось 18 лет \d\d\.\d\d\.20\d\d; согласие на доступ родителя не дано$/,
    );
    expect(parent.childStudentIds.map((c) => c.studentId)).not.toContain(ended[0]!.id);
    // Another parent’s view of nobody: no links, nothing read.
    expect(await endedChildren(demo.database.db, demo.actors.student)).toEqual([]);
  });
});
