/**
 * Where the time of a pasted 30 × 20 save goes: each phase of `journal.save` timed on its own (medians), next to the
 * raw upsert. A diagnostic for the save ratio, not part of `npm run bench`:
 *   npx tsx bench/save-phases.ts [--runs 30]
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { queryRows, type Db } from '../db/client';
import { formatCell } from '../domain/marks';
import { todayIso } from '../domain/dates';
import { loadActor } from '../server/policy/actor';
import { editAccess, loadAssignment } from '../server/services/journal/context';
import { loadJournalPage } from '../server/services/journal/page';
import { readCells } from '../server/services/journal/save';
import { writeCells, type CellEdit } from '../server/services/journal/write-cells';
import { loadRoster } from '../server/services/journal/roster';
import { median, pickBenchJournal } from './server-figures';
import { openBenchDatabase } from './setup';

const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ezh_bench';
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 30) || 30;
const database = await openBenchDatabase(url, (s) => console.error(s));
const db = database.db;
const pick = await pickBenchJournal(db);
const actor = (await loadActor(db, pick!.teacher))!;
const today = todayIso();
const page = (await loadJournalPage(db, actor, pick!.id, today))!;
const lessons = page.lessons.filter((l) => l.date <= today).slice(-20);
const students = page.students.filter((s) => lessons.every((l) => s.spans.some((sp) => sp.from <= l.date && (sp.to === null || l.date <= sp.to)))).slice(0, 30);
const keys = students.flatMap((s) => lessons.map((l) => ({ lessonId: l.id, studentId: s.id })));
const raw = postgres(url, { max: 4, onnotice: () => {} });

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const a = (await loadAssignment(db, actor, pick!.id, 'journal.read'))!;
let round = 0;
const phases: Record<string, () => Promise<unknown>> = {
  loadAssignment: () => loadAssignment(db, actor, pick!.id, 'journal.read'),
  editAccess: () => editAccess(db, actor, a),
  roster: () => loadRoster(db, a),
  lessonDates: () => queryRows(db, sql`select id, date::text as date from lessons where institution_id = ${a.institutionId} and teaching_assignment_id = ${a.id}`),
  readCells: () => readCells(db, a.institutionId, keys),
  writeCells: async () => {
    round++;
    const current = await readCells(db, a.institutionId, keys);
    const values: CellEdit['value'][] = [
      { attendance: null, grade1: '5', grade2: null },
      { attendance: null, grade1: '4', grade2: null },
      { attendance: null, grade1: '3', grade2: null },
      { attendance: null, grade1: '4', grade2: '5' },
      { attendance: 'н', grade1: null, grade2: null },
    ];
    const edits: CellEdit[] = keys.map((k, i) => ({
      ...k,
      value: values[(i + round) % values.length]!,
      text: '',
      baseVersion: current.get(`${k.lessonId}:${k.studentId}`)?.version ?? 0,
    }));
    const t = performance.now();
    await writeCells(db, { institutionId: a.institutionId, userId: actor.userId, teachingAssignmentId: a.id, source: 'paste', clientBatchId: null, grantId: null, revertsBatchId: null }, edits);
    return performance.now() - t;
  },
  rawUpsert: async () => {
    round++;
    const rows = keys.map((k, i) => ({ lesson_id: k.lessonId, student_id: k.studentId, grade1: ['5', '4', '3'][(i + round) % 3] }));
    await raw.begin(async (tx) => {
      await tx`insert into journal_cells (institution_id, lesson_id, student_id, grade1, version)
        select ${a.institutionId}, x.lesson_id, x.student_id, x.grade1, 1
        from jsonb_to_recordset(${raw.json(rows)}) as x(lesson_id int, student_id int, grade1 text)
        on conflict (institution_id, lesson_id, student_id) do update set grade1 = excluded.grade1, version = journal_cells.version + 1, updated_at = now()`;
    });
  },
};

const results: Record<string, number> = {};
for (const [name, fn] of Object.entries(phases)) {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const measured = name === 'writeCells' ? ((await fn()) as number) : await time(fn);
    times.push(measured);
  }
  results[name] = Math.round(median(times) * 100) / 100;
}
console.log(JSON.stringify({ cells: keys.length, unchanged: formatCell({ attendance: null, grade1: null, grade2: null }) === '', ...results }, null, 1));
await raw.end();
await database.close();
