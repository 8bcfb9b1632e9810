import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client';
import { cellChanges, changeLog, editBatches, users } from './schema';
import { openTestDatabase } from '../test/database';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('change log', () => {
  it('is append-only: rows can be added but not changed or deleted', async () => {
    const [user] = await database.db.select().from(users).limit(1);
    const [batch] = await database.db
      .insert(editBatches)
      .values({ institutionId: user!.institutionId!, userId: user!.id, source: 'typing' })
      .returning();
    await database.db.insert(changeLog).values({
      institutionId: batch!.institutionId,
      batchId: batch!.id,
      entity: 'cell',
      lessonId: 1,
      studentId: 1,
      before: null,
      after: { grade1: '5' },
      userId: user!.id,
    });
    await expect(database.db.execute(sql`update change_log set after = '{}'::jsonb`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from change_log`)).rejects.toThrow();
    const rows = await database.db.select().from(changeLog);
    expect(rows.length).toBe(1);
    expect(rows[0]!.after).toEqual({ grade1: '5' });
  });

  it('keeps the cell log (cell_changes) append-only too', async () => {
    const [user] = await database.db.select().from(users).limit(1);
    await database.db.insert(cellChanges).values({
      institutionId: user!.institutionId!,
      batchId: 1,
      lessonId: 1,
      studentIds: [1],
      versionBefore: [0],
      attendanceBefore: [''],
      grade1Before: [''],
      grade2Before: [''],
      attendanceAfter: ['н'],
      grade1After: [''],
      grade2After: [''],
      userId: user!.id,
    });
    const refusal = (query: ReturnType<typeof sql>) =>
      database.db.execute(query).then(
        () => 'accepted',
        (e: { message: string; cause?: { message: string } }) => e.cause?.message ?? e.message,
      );
    expect(await refusal(sql`update cell_changes set version_before = '{2}'`)).toBe(
      'cell_changes is append-only (UPDATE refused)',
    );
    expect(await refusal(sql`delete from cell_changes`)).toBe('cell_changes is append-only (DELETE refused)');
    expect(await refusal(sql`truncate cell_changes`)).toBe('cell_changes is append-only (TRUNCATE refused)');
    expect(await database.db.select().from(cellChanges)).toHaveLength(1);
  });
});
