import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import {
  attestationResults,
  cellChanges,
  certifiedCopies,
  changeLog,
  editBatches,
  journalCells,
  lessons,
} from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { demoJournalId } from '../../../test/journal-fixtures';
import { insertOldYear } from '../../../test/old-year';
import { Refusal } from '../../policy/refusal';
import { purgeJournalData, retentionOverview } from './retention';

const demo = useDemoDatabase();

/** A closed year of 2019/2020 with one journal of the demo teacher's group: lessons, marks, logs, results, copies. */
async function oldYear() {
  const db = demo.database.db;
  const { admin } = demo.actors;
  const institutionId = admin.institutionId!;
  const {
    year,
    term,
    assignment: ta,
  } = await insertOldYear(db, institutionId, await demoJournalId(db, demo.actors.teacher));
  const [cell] = await db.select().from(journalCells).limit(1);
  const made = await db
    .insert(lessons)
    .values(
      ['2019-09-02', '2019-09-09'].map((date) => ({
        institutionId,
        teachingAssignmentId: ta.id,
        date,
        kind: 'lecture',
        topic: 'Старая тема',
      })),
    )
    .returning();
  await db
    .insert(journalCells)
    .values(made.map((l) => ({ institutionId, lessonId: l.id, studentId: cell!.studentId, grade1: '5' })));
  const [batch] = await db
    .insert(editBatches)
    .values({ institutionId, userId: demo.actors.teacher.userId, source: 'typing', teachingAssignmentId: ta.id })
    .returning();
  await db.insert(cellChanges).values({
    institutionId,
    batchId: batch!.id,
    lessonId: made[0]!.id,
    studentIds: [cell!.studentId],
    versionBefore: [0],
    attendanceBefore: [''],
    grade1Before: [''],
    grade2Before: [''],
    attendanceAfter: [''],
    grade1After: ['5'],
    grade2After: [''],
    userId: demo.actors.teacher.userId,
  });
  await db.insert(changeLog).values({
    institutionId,
    batchId: batch!.id,
    entity: 'lesson',
    lessonId: made[1]!.id,
    after: { topic: 'Старая тема' },
    userId: demo.actors.teacher.userId,
  });
  await db.insert(attestationResults).values({
    institutionId,
    teachingAssignmentId: ta.id,
    studentId: cell!.studentId,
    field: 'sem',
    value: '5',
  });
  for (const kind of ['journal', 'consolidated'])
    await db.insert(certifiedCopies).values({
      institutionId,
      code: `OLD${kind.slice(0, 3).toUpperCase()}-00000`,
      kind,
      groupId: ta.groupId,
      params: { groupId: String(ta.groupId), termId: String(term.id) },
      title: `Старая копия ${kind}`,
      snapshot: {},
      fingerprint: 'x',
      pdf: Buffer.from('%PDF'),
      pages: 1,
      certifiedBy: admin.userId,
      certifierPosition: 'Директор',
      certifierName: 'Директор',
    });
  return { year, lessonIds: made.map((l) => l.id), institutionId };
}

describe('retention of the journal (regulation §6.1, §6.5)', () => {
  it('destroys a year’s journal data after 5 years — dry run, then confirmed — and never the sheets', async () => {
    const db = demo.database.db;
    const { admin } = demo.actors;
    const { year, lessonIds } = await oldYear();

    const overview = await retentionOverview(db, admin);
    const old = overview.find((y) => y.name === '2019/2020')!;
    expect(old.journalKeptUntil).toBe('2025-06-30');
    expect(old.sheetsKeptUntil).toBe('2045-06-30');
    expect(old.purgeRefusal).toBeNull();
    expect(old.holdings).toEqual({
      lessons: 2,
      cells: 2,
      logRows: 2,
      journalCopies: 1,
      results: 1,
      sheetCopies: 1,
    });
    const current = overview.find((y) => y.name === '2026/2027')!;
    expect(current.purgeRefusal).toBe('Учебный год 2026/2027 не закрыт');
    await expect(purgeJournalData(db, admin, { yearId: current.id, dryRun: true })).rejects.toThrow('не закрыт');

    const dry = await purgeJournalData(db, admin, { yearId: year.id, dryRun: true });
    expect(dry.message).toBe(
      'Проверка: будет удалено занятий — 2, ячеек с отметками и пропусками — 2, строк журнала изменений — 2, заверенных распечаток журнала — 1; остаются результаты аттестации (1) и заверенные сводные ведомости (1)',
    );
    expect((await retentionOverview(db, admin)).find((y) => y.id === year.id)!.holdings.lessons).toBe(2);
    for (const confirm of [undefined, '2019/2021'])
      await expect(purgeJournalData(db, admin, { yearId: year.id, dryRun: false, confirm })).rejects.toThrow(
        'Подтверждение: введите название учебного года «2019/2020»',
      );

    const done = await purgeJournalData(db, admin, { yearId: year.id, dryRun: false, confirm: '2019/2020' });
    expect(done.message).toMatch(/^Данные журнала 2019\/2020 удалены: занятий — 2/);
    const after = (await retentionOverview(db, admin)).find((y) => y.id === year.id)!;
    expect(after.holdings).toEqual({ lessons: 0, cells: 0, logRows: 0, journalCopies: 0, results: 1, sheetCopies: 1 });
    expect(after.purgedAt).not.toBeNull();
    expect(after.purgeRefusal).toMatch(/^Данные журнала 2019\/2020 уже удалены/);
    const [logged] = await queryRows<{ reason: string }>(
      db,
      sql`select b.reason from change_log c join edit_batches b on b.institution_id = c.institution_id and b.id = c.batch_id
          where c.entity = 'retention'`,
    );
    expect(logged!.reason).toBe('Уничтожение данных журнала 2019/2020 по истечении 5 лет (п. 6.1 Положения)');
    // The other years' lessons are untouched, and outside the purge the logs still refuse deletion.
    expect((await db.select({ id: lessons.id }).from(lessons).limit(1)).length).toBe(1);
    expect(lessonIds.length).toBe(2);
    await expect(db.execute(sql`delete from change_log where entity = 'retention'`)).rejects.toThrow();
    const [kept] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(certifiedCopies)
      .where(and(eq(certifiedCopies.kind, 'consolidated'), eq(certifiedCopies.title, 'Старая копия consolidated')));
    expect(kept!.n).toBe(1);
  });

  it('is the administrator’s alone', async () => {
    const db = demo.database.db;
    for (const role of ['head', 'methodist', 'curator', 'teacher', 'inspector'] as const) {
      await expect(retentionOverview(db, demo.actors[role])).rejects.toBeInstanceOf(Refusal);
      await expect(purgeJournalData(db, demo.actors[role], { yearId: 1, dryRun: true })).rejects.toBeInstanceOf(
        Refusal,
      );
    }
  });
});
