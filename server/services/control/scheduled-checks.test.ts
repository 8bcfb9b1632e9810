import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeLog, lessons, notices, remarks, scheduledChecks, teachingAssignments } from '../../../db/schema';
import { addDays } from '../../../domain/dates';
import { useDemoDatabase } from '../../../test/demo-database';
import { todayOf } from '../../policy/actor';
import { monitoring } from './monitoring';
import { myScheduledCheck, runDueChecks, saveScheduledCheck, scheduledCheckInput } from './scheduled-checks';

const demo = useDemoDatabase();

const input = (fields: Record<string, unknown>) =>
  scheduledCheckInput.parse({ enabled: true, issueRemarks: true, postResults: true, ...fields });

describe('scheduled checks of journal keeping (regulation §5.2–5.4)', () => {
  it('a methodist checks at least every two weeks, from today on; the head monthly; both logged', async () => {
    const db = demo.database.db;
    const { methodist, head } = demo.actors;
    const today = todayOf(methodist);
    const proposal = await myScheduledCheck(db, methodist);
    expect(proposal).toMatchObject({ saved: false, period: 'two-weeks', nextRunOn: addDays(today, 1) });
    expect(proposal.periods.map((p) => p.value)).toEqual(['two-weeks']);
    await expect(
      saveScheduledCheck(db, methodist, input({ period: 'month', nextRunOn: addDays(today, 1) })),
    ).rejects.toThrow('Периодичность: методист проверяет ведение журнала не реже раза в две недели');
    await expect(
      saveScheduledCheck(db, methodist, input({ period: 'two-weeks', nextRunOn: addDays(today, -1) })),
    ).rejects.toThrow('Следующая проверка: не раньше сегодняшнего дня');
    expect(
      await saveScheduledCheck(db, methodist, input({ period: 'two-weeks', nextRunOn: addDays(today, 1) })),
    ).toMatch(/^Плановая проверка: раз в две недели, следующая — /);
    expect(await saveScheduledCheck(db, head, input({ period: 'month', nextRunOn: addDays(today, 3) }))).toMatch(
      /раз в месяц/,
    );
    expect(await myScheduledCheck(db, methodist)).toMatchObject({ saved: true, period: 'two-weeks' });
    const logged = await db.select().from(changeLog).where(eq(changeLog.entity, 'scheduled_check'));
    expect(logged.map((l) => l.userId).sort()).toEqual([methodist.userId, head.userId].sort());
    // Not due yet: nothing runs.
    expect(await runDueChecks(db)).toEqual([]);
  });

  it('a due check issues remarks in its owner’s scope, posts the results and moves to its next day once', async () => {
    const db = demo.database.db;
    const { methodist, teacher } = demo.actors;
    const inst = methodist.institutionId!;
    const today = todayOf(methodist);
    await saveScheduledCheck(db, methodist, input({ period: 'two-weeks', nextRunOn: today }));
    const yesterday = addDays(today, -1);
    await db
      .update(scheduledChecks)
      .set({ nextRunOn: yesterday })
      .where(eq(scheduledChecks.ownerUserId, methodist.userId));
    // A lesson of the teacher's left empty for four days.
    const report = await monitoring(db, methodist, {});
    const [journal] = await db
      .select({ id: teachingAssignments.id })
      .from(teachingAssignments)
      .where(
        and(eq(teachingAssignments.termId, report.term.id), eq(teachingAssignments.teacherUserId, teacher.userId)),
      );
    const [lesson] = await db
      .insert(lessons)
      .values({
        institutionId: inst,
        teachingAssignmentId: journal!.id,
        date: addDays(today, -4),
        hours: 2,
        kind: 'lecture',
      })
      .returning({ id: lessons.id });

    const runs = await runDueChecks(db);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.result).toMatch(/нарушени.*, выдано \d+ замечани.*; итоги на доске информации$/);
    const issued = await db.select().from(remarks).where(eq(remarks.source, 'scheduled'));
    expect(issued.length).toBeGreaterThan(0);
    expect(issued.every((r) => r.issuedBy === methodist.userId)).toBe(true);
    expect(issued.some((r) => r.lessonId === lesson!.id && r.teacherUserId === teacher.userId)).toBe(true);
    const [posted] = await db.select().from(notices).where(eq(notices.authorUserId, methodist.userId));
    expect(posted).toMatchObject({ kind: 'check', needsRead: true });
    expect(posted!.title).toMatch(/^Итоги плановой проверки журналов на /);
    const [after] = await db.select().from(scheduledChecks).where(eq(scheduledChecks.ownerUserId, methodist.userId));
    expect(after).toMatchObject({ nextRunOn: addDays(yesterday, 14), runningSince: null, lastResult: runs[0]!.result });

    // Once: the next tick finds nothing due, and a second run of the same flags would issue nothing new.
    expect(await runDueChecks(db)).toEqual([]);
    await db
      .update(scheduledChecks)
      .set({ nextRunOn: yesterday })
      .where(eq(scheduledChecks.ownerUserId, methodist.userId));
    const again = await runDueChecks(db);
    expect(again[0]!.result).toMatch(/выдано 0 замечаний/);
  });

  it('a check another process has in hand is skipped; one left by a died process runs again after 30 minutes', async () => {
    const db = demo.database.db;
    const { methodist } = demo.actors;
    const today = todayOf(methodist);
    await saveScheduledCheck(db, methodist, {
      ...input({ period: 'two-weeks', nextRunOn: today }),
      postResults: false,
    });
    const mine = eq(scheduledChecks.ownerUserId, methodist.userId);
    await db
      .update(scheduledChecks)
      .set({ nextRunOn: addDays(today, -40), runningSince: new Date() })
      .where(mine);
    expect(await runDueChecks(db)).toEqual([]);
    await db
      .update(scheduledChecks)
      .set({ runningSince: new Date(Date.now() - 31 * 60_000) })
      .where(mine);
    expect(await runDueChecks(db)).toHaveLength(1);
    // Forty days missed: the next run is still ahead of today, not a row of missed ones.
    const [after] = await db.select().from(scheduledChecks).where(mine);
    expect(after!.nextRunOn > today).toBe(true);
    expect(after!.nextRunOn <= addDays(today, 14)).toBe(true);
  });

  it('a check whose owner lost the right to control is switched off, not run', async () => {
    const db = demo.database.db;
    const { curator, methodist } = demo.actors;
    const today = todayOf(methodist);
    await db.insert(scheduledChecks).values({
      institutionId: curator.institutionId!,
      ownerUserId: curator.userId,
      period: 'month',
      nextRunOn: addDays(today, -1),
    });
    const before = await db.select({ id: remarks.id }).from(remarks);
    const [run] = await runDueChecks(db);
    expect(run!.result).toBe('Не выполнена и отключена: у владельца больше нет права контроля ведения журнала');
    const [row] = await db.select().from(scheduledChecks).where(eq(scheduledChecks.ownerUserId, curator.userId));
    expect(row).toMatchObject({ enabled: false, runningSince: null });
    expect(await db.select({ id: remarks.id }).from(remarks)).toHaveLength(before.length);
    await expect(myScheduledCheck(db, curator)).rejects.toMatchObject({ status: 403 });
  });
});
