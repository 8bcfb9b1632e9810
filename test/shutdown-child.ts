/**
 * The process that server/shutdown.test.ts starts, kills and starts again: it opens the database as the server does
 * (server/db.ts, with the SIGINT/SIGTERM handlers; DATA_DIR from the environment) and then
 * - `paste <tag>`: saves 30 × 20 pasted blocks one after another, printing `saving <clientBatchId>` before each save,
 *   `writing <clientBatchId>` as the statement that writes the batch starts (PGlite then runs it without returning to
 *   the event loop: a kill sent on this line lands inside it) and `saved <clientBatchId> <batchId>` after it;
 * - `check <clientBatchId>...`: prints one line `result <json>` saying, for each batch that was started, whether it is
 *   in the database and how much of it (its log rows, its cells and their values), and how the block's cells stand.
 * Run with `node --import tsx` so that a signal reaches this very process.
 */
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '../db/client';
import { enrolledOn } from '../domain/cell-edit';
import { parseCellInput, type CellValue } from '../domain/marks';
import { getDatabase } from '../server/db';
import { loadActor, type Actor } from '../server/policy/actor';
import { loadJournalPage } from '../server/services/journal/page';
import { saveJournalEdits } from '../server/services/journal/save';

/** The demo college's lessons are held up to this date (db/seed: defaultAsOf('demo')). */
const TODAY = '2026-11-27';
const TEXTS = ['5', '4', '3', '4/5', 'н'];
const VALUES = TEXTS.map((t) => (parseCellInput(t) as { ok: true; value: CellValue }).value);
/** Batch k writes VALUES[(i + k) % 5] into cell i: consecutive batches differ in every cell. */
const valueOf = (k: number, i: number) => VALUES[(i + k) % VALUES.length]!;
const batchNo = (clientBatchId: string) => Number(clientBatchId.split('-').at(-1));

interface Block {
  actor: Actor;
  assignmentId: number;
  institutionId: number;
  cells: { lessonId: number; studentId: number; version: number }[];
}

/** 30 students enrolled all along × the 20 last lessons held, in a journal of a group with 30 students. */
async function block(db: Db): Promise<Block> {
  const [pick] = await queryRows<{ id: number; teacher: number }>(
    db,
    sql`select ta.id, ta.teacher_user_id as teacher from teaching_assignments ta
        where ta.subgroup_id is null and ta.term_id = 1
          and (select count(*) from group_memberships m where m.institution_id = ta.institution_id and m.group_id = ta.group_id and m.to_date is null) >= 30
          and (select count(*) from lessons l where l.institution_id = ta.institution_id and l.teaching_assignment_id = ta.id and l.date <= ${TODAY}) >= 20
        order by ta.id limit 1`,
  );
  if (!pick) throw new Error('no journal with 30 students and 20 lessons held');
  const actor = (await loadActor(db, pick.teacher))!;
  const page = (await loadJournalPage(db, actor, pick.id, TODAY))!;
  const lessons = page.lessons.filter((l) => l.date <= TODAY).slice(-20);
  const students = page.students.filter((s) => lessons.every((l) => enrolledOn(s.spans, l.date))).slice(0, 30);
  if (lessons.length < 20 || students.length < 30) throw new Error(`block of ${students.length} × ${lessons.length}`);
  const versions = new Map(page.cells.map((c) => [`${c.lessonId}:${c.studentId}`, c.version]));
  const cells = students.flatMap((s) =>
    lessons.map((l) => ({ lessonId: l.id, studentId: s.id, version: versions.get(`${l.id}:${s.id}`) ?? 0 })),
  );
  return { actor, assignmentId: pick.id, institutionId: page.assignment.institutionId, cells };
}

async function paste(plain: Db, tag: string): Promise<void> {
  const b = await block(plain);
  let current = '';
  const dialect = new PgDialect();
  const db = new Proxy(plain, {
    get(target, prop, receiver) {
      if (prop !== 'execute') return Reflect.get(target, prop, receiver);
      return (query: SQL) => {
        if (current && dialect.sqlToQuery(query).sql.includes('insert into edit_batches'))
          console.log(`writing ${current}`);
        return target.execute(query);
      };
    },
  });
  const versions = b.cells.map((c) => c.version);
  // Batch 0 empties the block, unmarked: from then on every batch changes all its cells (consecutive ones differ).
  for (let k = 0; ; k++) {
    const clientBatchId = `shutdown-${tag}-${k}`;
    const input = {
      assignmentId: b.assignmentId,
      source: 'paste' as const,
      clientBatchId,
      cells: b.cells.map((c, i) => ({
        lessonId: c.lessonId,
        studentId: c.studentId,
        text: k === 0 ? '' : TEXTS[(i + k) % TEXTS.length]!,
        baseVersion: versions[i]!,
      })),
      attestation: [],
    };
    // A turn of the event loop between saves, as a server has between requests: PGlite's queries alone never yield
    // to it, and a signal is handled there.
    await new Promise((resolve) => setImmediate(resolve));
    if (k > 0) console.log(`saving ${clientBatchId}`);
    current = k > 0 ? clientBatchId : '';
    try {
      const result = await saveJournalEdits(db, b.actor, input, TODAY);
      if (result.status !== 'saved' || (k > 0 && result.cells.length !== b.cells.length))
        throw new Error(`save: ${result.status}, ${result.status === 'saved' ? result.cells.length : 0} cells`);
      const saved = new Map(result.cells.map((c) => [`${c.lessonId}:${c.studentId}`, c.version]));
      b.cells.forEach((c, i) => (versions[i] = saved.get(`${c.lessonId}:${c.studentId}`) ?? versions[i]!));
      if (k > 0) console.log(`saved ${clientBatchId} ${result.batchId}`);
    } catch (error) {
      // The database is closing under a signal: take no more work, let the handler exit.
      console.log(`refused ${clientBatchId}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
  }
}

type LogRow = {
  lesson_id: number;
  student_ids: number[];
  version_before: number[];
  attendance_after: string[];
  grade1_after: string[];
  grade2_after: string[];
};

async function check(db: Db, started: string[]): Promise<void> {
  const b = await block(db);
  const index = new Map(b.cells.map((c, i) => [`${c.lessonId}:${c.studentId}`, i]));
  const same = (v: CellValue, a: string | null, g1: string | null, g2: string | null) =>
    (v.attendance ?? '') === (a ?? '') && (v.grade1 ?? '') === (g1 ?? '') && (v.grade2 ?? '') === (g2 ?? '');
  const batches = [];
  let last: { k: number; log: LogRow[] } | undefined;
  for (const clientBatchId of started) {
    const k = batchNo(clientBatchId);
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`select id from edit_batches where institution_id = ${b.institutionId} and client_batch_id = ${clientBatchId}`,
    );
    const log = row
      ? await queryRows<LogRow>(
          db,
          sql`select * from cell_changes where institution_id = ${b.institutionId} and batch_id = ${row.id}`,
        )
      : [];
    let logged = 0;
    let logMatches = 0;
    for (const r of log) {
      r.student_ids.forEach((studentId, j) => {
        const i = index.get(`${r.lesson_id}:${studentId}`);
        logged++;
        if (i !== undefined && same(valueOf(k, i), r.attendance_after[j]!, r.grade1_after[j]!, r.grade2_after[j]!))
          logMatches++;
      });
    }
    batches.push({ clientBatchId, present: !!row, logRows: log.length, logged, logMatches });
    if (row) last = { k, log };
  }
  // The block's cells now: each must hold the last batch present and be one version past what that batch found.
  const current = await queryRows<{
    lesson_id: number;
    student_id: number;
    attendance: string | null;
    grade1: string | null;
    grade2: string | null;
    version: number;
  }>(
    db,
    sql`select lesson_id, student_id, attendance, grade1, grade2, version from journal_cells
        where institution_id = ${b.institutionId} and lesson_id = any(${`{${[...new Set(b.cells.map((c) => c.lessonId))].join(',')}}`}::int[])`,
  );
  const before = new Map<string, number>();
  for (const r of last?.log ?? [])
    r.student_ids.forEach((s, j) => before.set(`${r.lesson_id}:${s}`, r.version_before[j]!));
  let cellsMatchLast = 0;
  for (const c of current) {
    const i = index.get(`${c.lesson_id}:${c.student_id}`);
    if (i === undefined || !last) continue;
    if (
      same(valueOf(last.k, i), c.attendance, c.grade1, c.grade2) &&
      c.version === before.get(`${c.lesson_id}:${c.student_id}`)! + 1
    )
      cellsMatchLast++;
  }
  const [orphans] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from cell_changes cc where cc.institution_id = ${b.institutionId}
        and not exists (select 1 from edit_batches eb where eb.institution_id = cc.institution_id and eb.id = cc.batch_id)`,
  );
  console.log(
    `result ${JSON.stringify({ blockCells: b.cells.length, batches, cellsMatchLast, orphanLogRows: orphans!.n })}`,
  );
}

const [mode, ...args] = process.argv.slice(2);
const database = await getDatabase();
if (mode === 'paste') {
  await paste(database.db, args[0] ?? 'run');
} else {
  await check(database.db, args);
  await database.close();
}
