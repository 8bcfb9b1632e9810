/**
 * Server-side figures: the tRPC handler of a journal page next to the raw SQL that reads the same rows, and the save
 * of a pasted 30 × 20 block next to a raw multi-row upsert of the same cells, measured in the same run.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { queryRows, type Database, type Db } from '../db/client';
import { loadActor, todayOf } from '../server/policy/actor';
import { createCallerFactory } from '../server/trpc/init';
import { appRouter } from '../server/routers';
import { parseCellInput, type CellValue } from '../domain/marks';
import { unpackCells } from '../domain/journal-cells';

export interface ServerFigures {
  journalAssignmentId: number;
  journalStudents: number;
  journalLessons: number;
  journalLoadMs: number;
  journalLoadRawMs: number;
  journalLoadRatio: number;
  pasteCells: number;
  pasteSaveMs: number;
  pasteSaveRawMs: number;
  pasteSaveRatio: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The journal the figures use: about 30 students over a whole term of lessons (the seeded college's first term). */
export async function pickBenchJournal(db: Db): Promise<{ id: number; teacher: number }> {
  const [pick] = await queryRows<{ id: number; teacher: number; students: number; lessons: number }>(
    db,
    sql`select ta.id, ta.teacher_user_id as teacher,
          (select count(*)::int from group_memberships m where m.institution_id = ta.institution_id and m.group_id = ta.group_id and m.to_date is null) as students,
          (select count(*)::int from lessons l where l.institution_id = ta.institution_id and l.teaching_assignment_id = ta.id) as lessons
        from teaching_assignments ta join groups g on g.institution_id = ta.institution_id and g.id = ta.group_id
        where ta.subgroup_id is null and ta.term_id = 1 and g.name <> 'ИС-БЕНЧ'
        order by abs((select count(*) from group_memberships m where m.institution_id = ta.institution_id and m.group_id = ta.group_id and m.to_date is null) - 30),
          (select count(*) from lessons l where l.institution_id = ta.institution_id and l.teaching_assignment_id = ta.id) desc
        limit 1`,
  );
  return pick!;
}

/** The raw write the save is compared with: one hand-written multi-row upsert of the cells' values, nothing else. */
export function rawUpsert(raw: postgres.Sql, institutionId: number, userId: number, rows: postgres.Parameter) {
  return raw`insert into journal_cells as c (institution_id, lesson_id, student_id, attendance, grade1, grade2, version, updated_by)
    select ${institutionId}, x.lesson_id, x.student_id, x.attendance, x.grade1, x.grade2, 1, ${userId}
    from jsonb_to_recordset(${rows}) as x(lesson_id int, student_id int, attendance text, grade1 text, grade2 text)
    on conflict (institution_id, lesson_id, student_id) do update set attendance = excluded.attendance, grade1 = excluded.grade1,
      grade2 = excluded.grade2, version = c.version + 1, updated_by = excluded.updated_by, updated_at = now()`;
}

/** The marks the bench pastes, in turn. */
export const PASTE_TEXTS = ['5', '4', '3', '4/5', 'н'];

type PageShape = {
  lessons: { id: number; date: string }[];
  students: { id: number; spans: { from: string; to: string | null }[] }[];
  cells: { lessonId: number; studentId: number; version: number }[];
};

/** A 30 × 20 block of a journal page: 30 students present on each of its 20 last past lessons, with their versions. */
export function pasteBlock(page: PageShape, today: string) {
  const pastLessons = page.lessons.filter((l) => l.date <= today).slice(-20);
  const roster = page.students
    .filter((s) =>
      pastLessons.every((l) => s.spans.some((sp) => sp.from <= l.date && (sp.to === null || l.date <= sp.to))),
    )
    .slice(0, 30);
  const versions = new Map(page.cells.map((c) => [`${c.lessonId}:${c.studentId}`, c.version]));
  const block = roster.flatMap((s) => pastLessons.map((l) => ({ lessonId: l.id, studentId: s.id })));
  return { block, versions };
}

export async function measureServer(database: Database, url: string, runs: number): Promise<ServerFigures> {
  const db = database.db;
  const pick = await pickBenchJournal(db);
  const actor = (await loadActor(db, pick.teacher))!;
  const caller = createCallerFactory(appRouter)({ db, actor });
  const raw = postgres(url, { max: 4, onnotice: () => {} });
  const today = todayOf(actor);
  const page = await caller.journal.page({ assignmentId: pick.id });

  const rawLoad = async () => {
    const [a] = await raw<
      { institution_id: number; group_id: number; starts_on: string; ends_on: string }[]
    >`select ta.*, t.starts_on, t.ends_on from teaching_assignments ta join terms t on t.institution_id = ta.institution_id and t.id = ta.term_id where ta.id = ${pick.id}`;
    await Promise.all([
      raw`select s.id, s.last_name, s.first_name, s.middle_name, m.from_date, m.to_date from group_memberships m
          join students s on s.institution_id = m.institution_id and s.id = m.student_id
          where m.institution_id = ${a!.institution_id} and m.group_id = ${a!.group_id} and m.from_date <= ${a!.ends_on} and (m.to_date is null or m.to_date >= ${a!.starts_on})`,
      raw`select id, date, pair_no, hours, kind, topic, homework from lessons where institution_id = ${a!.institution_id} and teaching_assignment_id = ${pick.id} order by date, pair_no`,
      raw`select c.lesson_id, c.student_id, c.attendance, c.grade1, c.grade2, c.version from journal_cells c
          join lessons l on l.institution_id = c.institution_id and l.id = c.lesson_id
          where l.institution_id = ${a!.institution_id} and l.teaching_assignment_id = ${pick.id}`,
    ]);
  };

  // Warm both paths, then alternate them so that the machine's noise falls on both alike.
  for (let i = 0; i < 5; i++) {
    await caller.journal.page({ assignmentId: pick.id });
    await rawLoad();
  }
  const load: number[] = [];
  const loadRaw: number[] = [];
  for (let i = 0; i < runs; i++) {
    load.push(await time(() => caller.journal.page({ assignmentId: pick.id })));
    loadRaw.push(await time(rawLoad));
  }

  const { block, versions } = pasteBlock({ ...page, cells: unpackCells(page.cells) }, today);
  // Both write the same marks into the same cells: the texts a teacher pastes, and the values they stand for.
  const texts = PASTE_TEXTS;
  const values = texts.map((t) => (parseCellInput(t) as { ok: true; value: CellValue }).value);
  // Each side's input is made before its clock starts: what is timed is the server's work on it.
  let round_ = 0;
  const paste = async (): Promise<number> => {
    round_ += 1;
    const input = {
      assignmentId: pick.id,
      source: 'paste' as const,
      clientBatchId: `bench-${Date.now()}-${round_}`,
      cells: block.map((c, i) => ({
        ...c,
        text: texts[(i + round_) % texts.length]!,
        baseVersion: versions.get(`${c.lessonId}:${c.studentId}`) ?? 0,
      })),
    };
    const started = performance.now();
    const result = await caller.journal.save(input);
    const elapsed = performance.now() - started;
    if (result.status !== 'saved') throw new Error(`bench paste: ${result.status}`);
    for (const c of unpackCells(result.cells)) versions.set(`${c.lessonId}:${c.studentId}`, c.version);
    return elapsed;
  };
  // One statement, as a hand-written multi-row upsert would be: atomic by itself, no transaction around it.
  const rawSave = async (): Promise<number> => {
    round_ += 1;
    const rows = raw.json(
      block.map((c, i) => ({
        lesson_id: c.lessonId,
        student_id: c.studentId,
        ...values[(i + round_) % values.length]!,
      })),
    );
    const started = performance.now();
    await rawUpsert(raw, page.assignment.institutionId, actor.userId, rows);
    const elapsed = performance.now() - started;
    // Keep the page's versions in step with what the raw writes did.
    for (const c of block)
      versions.set(`${c.lessonId}:${c.studentId}`, (versions.get(`${c.lessonId}:${c.studentId}`) ?? 0) + 1);
    return elapsed;
  };
  for (let i = 0; i < 3; i++) {
    await paste();
    await rawSave();
  }
  const save: number[] = [];
  const saveRaw: number[] = [];
  for (let i = 0; i < runs; i++) {
    save.push(await paste());
    saveRaw.push(await rawSave());
  }
  await raw.end();
  const journalLoadMs = median(load);
  const journalLoadRawMs = median(loadRaw);
  const pasteSaveMs = median(save);
  const pasteSaveRawMs = median(saveRaw);
  return {
    journalAssignmentId: pick.id,
    journalStudents: page.students.length,
    journalLessons: page.lessons.length,
    journalLoadMs: round(journalLoadMs),
    journalLoadRawMs: round(journalLoadRawMs),
    journalLoadRatio: round(journalLoadMs / journalLoadRawMs),
    pasteCells: block.length,
    pasteSaveMs: round(pasteSaveMs),
    pasteSaveRawMs: round(pasteSaveRawMs),
    pasteSaveRatio: round(pasteSaveMs / pasteSaveRawMs),
  };
}
