/**
 * Where the time of a pasted 30 × 20 save goes: its two statements timed on their own (medians) — the assignment
 * with the policy check, and the write of the cells with their log — next to the raw upsert of the same values.
 * A diagnostic for the save ratio, not part of `npm run bench`:
 *   npx tsx bench/save-phases.ts [--runs 30]
 */
import postgres from 'postgres';
import type { CellValue } from '../domain/marks';
import { loadActor, todayOf } from '../server/policy/actor';
import { loadAssignment } from '../server/services/journal/context';
import { loadJournalPage } from '../server/services/journal/page';
import { readCells } from '../server/services/journal/save';
import { writeCells, type CellEdit } from '../server/services/journal/write-cells';
import { median, pickBenchJournal, rawUpsert } from './server-figures';
import { openBenchDatabase } from './setup';

const url =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ezh_bench';
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 30) || 30;
const database = await openBenchDatabase(url, (s) => console.error(s));
const db = database.db;
const pick = await pickBenchJournal(db);
const actor = (await loadActor(db, pick.teacher))!;
const today = todayOf(actor);
const page = (await loadJournalPage(db, actor, pick.id, today))!;
const lessons = page.lessons.filter((l) => l.date <= today).slice(-20);
const students = page.students
  .filter((s) => lessons.every((l) => s.spans.some((sp) => sp.from <= l.date && (sp.to === null || l.date <= sp.to))))
  .slice(0, 30);
const keys = students.flatMap((s) => lessons.map((l) => ({ lessonId: l.id, studentId: s.id })));
const raw = postgres(url, { max: 4, onnotice: () => {} });
const institutionId = page.assignment.institutionId;
const values: CellValue[] = [
  { attendance: null, grade1: '5', grade2: null },
  { attendance: null, grade1: '4', grade2: null },
  { attendance: null, grade1: '3', grade2: null },
  { attendance: null, grade1: '4', grade2: '5' },
  { attendance: 'н', grade1: null, grade2: null },
];

/** Each phase returns its own time, measured after its input is ready. */
let round = 0;
const phases: Record<string, () => Promise<number>> = {
  assignment: async () => {
    const t = performance.now();
    await loadAssignment(db, actor, pick.id, 'journal.read');
    return performance.now() - t;
  },
  writeCells: async () => {
    round++;
    const current = await readCells(db, institutionId, keys);
    const edits: CellEdit[] = keys.map((k, i) => ({
      ...k,
      value: values[(i + round) % values.length]!,
      text: '',
      baseVersion: current.get(`${k.lessonId}:${k.studentId}`)?.version ?? 0,
    }));
    const header = {
      institutionId,
      userId: actor.userId,
      teachingAssignmentId: pick.id,
      source: 'paste',
      clientBatchId: null,
      grantId: null,
      revertsBatchId: null,
    };
    const t = performance.now();
    await writeCells(db, header, edits);
    return performance.now() - t;
  },
  rawUpsert: async () => {
    round++;
    const rows = raw.json(
      keys.map((k, i) => ({ lesson_id: k.lessonId, student_id: k.studentId, ...values[(i + round) % values.length]! })),
    );
    const t = performance.now();
    await rawUpsert(raw, institutionId, actor.userId, rows);
    return performance.now() - t;
  },
};

const times: Record<string, number[]> = {};
for (let i = 0; i < runs + 3; i++) {
  // Interleaved, so that the machine's noise falls on all alike; the first three rounds warm up.
  for (const [name, phase] of Object.entries(phases)) {
    const t = await phase();
    if (i >= 3) (times[name] ??= []).push(t);
  }
}
console.log(
  JSON.stringify(
    {
      cells: keys.length,
      ...Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v) * 100) / 100])),
    },
    null,
    1,
  ),
);
await raw.end();
await database.close();
