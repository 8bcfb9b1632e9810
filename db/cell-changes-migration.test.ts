import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from './client';
import { cellChanges } from './schema';
import { cellChanges as cellsOf } from '../domain/cell-log';

/** The migrations folder as it was before `tag`. */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-migrations-'));
  fs.cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe('migration 0010: the cell log gets its own table', () => {
  it('copies cells logged in change_log before it (one cell per row, and one lesson per row) into cell_changes, a row per batch and lesson', async () => {
    const client = new PGlite();
    const db = drizzle(client, { casing: 'snake_case' });
    await migrate(db, { migrationsFolder: migrationsBefore('0010') });
    await db.execute(sql`insert into change_log (institution_id, batch_id, entity, lesson_id, student_id, before, after, user_id) values
      (1, 10, 'cell', 5, 7, null, '{"attendance": null, "grade1": "5", "grade2": null, "version": 1}', 3),
      (1, 10, 'cell', 5, 9, '{"attendance": "б", "grade1": null, "grade2": null, "version": 4}', '{"attendance": null, "grade1": null, "grade2": null, "version": 5}', 3),
      (1, 11, 'cells', 5, null, '{"s": [7, 8], "a": [null, null], "g1": ["5", null], "g2": [null, null], "v": [1, 0]}',
        '{"s": [7, 8], "a": [null, "н"], "g1": ["4", null], "g2": ["5", null], "v": [2, 1]}', 3),
      (1, 12, 'lesson', 5, null, null, '{"date": "2026-09-01"}', 3)`);
    await migrate(db, { migrationsFolder });
    const rows = await db.select().from(cellChanges).orderBy(cellChanges.batchId);
    expect(rows.map((r) => [r.batchId, r.userId])).toEqual([
      [10, 3],
      [11, 3],
    ]);
    expect(rows.flatMap(cellsOf)).toEqual([
      { lessonId: 5, studentId: 7, before: null, after: { attendance: null, grade1: '5', grade2: null, version: 1 } },
      {
        lessonId: 5,
        studentId: 9,
        before: { attendance: 'б', grade1: null, grade2: null, version: 4 },
        after: { attendance: null, grade1: null, grade2: null, version: 5 },
      },
      {
        lessonId: 5,
        studentId: 7,
        before: { attendance: null, grade1: '5', grade2: null, version: 1 },
        after: { attendance: null, grade1: '4', grade2: '5', version: 2 },
      },
      { lessonId: 5, studentId: 8, before: null, after: { attendance: 'н', grade1: null, grade2: null, version: 1 } },
    ]);
    await expect(db.execute(sql`delete from cell_changes`)).rejects.toThrow();
    await client.close();
  });
});
