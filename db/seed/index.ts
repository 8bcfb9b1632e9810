import { sql } from 'drizzle-orm';
import { inTransaction, queryRows, type Db } from '../client';
import { countOf, NOUNS } from '../../domain/plural';
import { bulkInsert, resetIdentity, type Row } from '../bulk';
import { hashPassword } from '../password';
import { generateGroupTerm } from './lessons';
import { addDays } from '../../domain/dates';
import { DEMO_PASSWORD, planCollege, TERMS, YEAR, type CollegePlan, type Scale, type SeedOptions } from './plan';

export { DEMO_LOGINS, DEMO_PASSWORD, DEMO_REGIONAL_LOGIN } from './plan';
export type { Scale } from './plan';

/** Tables in the order their foreign keys allow. */
export const STRUCTURE_TABLES = [
  'institutions',
  'attendance_codes',
  'lesson_kinds',
  'bell_slots',
  'rooms',
  'calendar_days',
  'academic_years',
  'terms',
  'users',
  'region_admins',
  'departments',
  'specialties',
  'groups',
  'user_roles',
  'students',
  'group_memberships',
  'guardians',
  'student_guardians',
  'parent_consents',
  'subgroups',
  'subgroup_members',
  'curricula',
  'curriculum_items',
  'curriculum_item_terms',
  'teaching_assignments',
  'timetable_publications',
  'timetable_entries',
  'timetable_changes',
];
/** Tables whose ids the seed gives explicitly: their identity sequences move past them afterwards. */
export const IDENTITY_TABLES = [
  'institutions',
  'rooms',
  'academic_years',
  'terms',
  'users',
  'user_roles',
  'departments',
  'specialties',
  'groups',
  'students',
  'group_memberships',
  'guardians',
  'parent_consents',
  'subgroups',
  'curricula',
  'curriculum_items',
  'teaching_assignments',
  'timetable_publications',
  'timetable_entries',
  'timetable_changes',
  'lessons',
];

export interface SeedSummary {
  scale: Scale;
  institutions: number;
  groups: number;
  students: number;
  users: number;
  assignments: number;
  lessons: number;
  cells: number;
  ms: number;
}

export const DEFAULT_SEED = 2026;

/** The demo shows a term in progress: lessons are held up to this date. The college scale holds the whole year. */
export function defaultAsOf(scale: Scale): string {
  return scale === 'demo' ? '2026-11-27' : YEAR.endsOn;
}

/**
 * The demo's date when the app seeds it on its first start (`npm start`): today, so that every role's first screen is
 * the college's week in progress — its lessons held up to today, this week's changes — kept inside the demo's autumn
 * term (from its fifth week, so the journals have marks; its last day after it). Tests and `db:seed` keep the fixed
 * `defaultAsOf`.
 */
export function liveDemoAsOf(today: string): string {
  const earliest = addDays(TERMS[0]!.startsOn, 28);
  return today < earliest ? earliest : today > TERMS[0]!.endsOn ? TERMS[0]!.endsOn : today;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ n: number | string }>(db, sql`SELECT count(*) AS n FROM institutions`);
  return Number(row?.n ?? 0) === 0;
}

/**
 * Writes a whole demo college into an empty database in one transaction: same options, same data.
 * `onProgress` gets short Russian lines for the console.
 */
export async function seedDatabase(
  db: Db,
  opts: Partial<SeedOptions> & { scale?: Scale } = {},
  onProgress: (line: string) => void = () => {},
): Promise<SeedSummary> {
  const started = Date.now();
  const scale = opts.scale ?? 'demo';
  const options: SeedOptions = { scale, seed: opts.seed ?? DEFAULT_SEED, asOf: opts.asOf ?? defaultAsOf(scale) };
  if (!(await isEmpty(db)))
    throw new Error('База уже содержит данные: демонстрационный колледж пишется только в пустую базу.');
  const plan = planCollege(options);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of plan.rows.users ?? []) user.password_hash = passwordHash;
  describePlan(plan, onProgress);

  let written: CollegeWritten = { lessons: 0, cells: 0, lastLessonId: 0 };
  await inTransaction(db, async (txDb) => {
    written = await writeCollege(
      plan,
      (table, rows) => bulkInsert(txDb, table, rows, table === 'journal_cells' ? 10000 : 5000),
      onProgress,
      started,
    );
    await resetIdentity(txDb, IDENTITY_TABLES);
  });
  // Fresh statistics, so that the first queries on a just-seeded database are planned on real numbers.
  await db.execute(sql`ANALYZE`);
  const summary: SeedSummary = {
    scale,
    institutions: 1,
    groups: plan.groups.length,
    students: plan.rows.students?.length ?? 0,
    users: plan.rows.users?.length ?? 0,
    assignments: plan.assignments.length,
    lessons: written.lessons,
    cells: written.cells,
    ms: Date.now() - started,
  };
  return summary;
}

/** The plan's size in two short Russian lines for the console. */
export function describePlan(plan: CollegePlan, onProgress: (line: string) => void): void {
  onProgress(
    `План: ${countOf(plan.groups.length, NOUNS.group)}, ${countOf(plan.rows.students?.length ?? 0, NOUNS.student)}, ` +
      `${countOf(plan.rows.users?.length ?? 0, NOUNS.account)}, ${countOf(plan.assignments.length, NOUNS.assignment)}`,
  );
  if (plan.rows.timetable_entries)
    onProgress(
      `Расписание: ${countOf(plan.rows.timetable_entries.length, NOUNS.pair)} в неделю, ${countOf(plan.rows.rooms?.length ?? 0, NOUNS.room)}` +
        (plan.unplacedPairs ? `; не поставлено без конфликтов: ${countOf(plan.unplacedPairs, NOUNS.pair)}` : ''),
    );
}

/** Writes rows of one table (keys are column names) inside the college's transaction: COPY or INSERT. */
export type RowWriter = (table: string, rows: Row[]) => Promise<void>;

export interface CollegeWritten {
  lessons: number;
  cells: number;
  /** The last lesson id given: the next college of a region counts on from it. */
  lastLessonId: number;
}

/** Journal rows are written in batches of about this many cells: memory stays bounded whatever the college's size. */
const JOURNAL_BATCH_CELLS = 100_000;

/**
 * Writes a planned college through `write`: its structure tables in foreign-key order, then the lessons and cells of
 * every group's held terms (up to `plan.options.asOf`), generated group by group and written in batches (lessons
 * before their cells). Lesson ids count on from `plan.options.idsAfter.lessons`. The caller holds the transaction.
 */
export async function writeCollege(
  plan: CollegePlan,
  write: RowWriter,
  onProgress: (line: string) => void,
  started: number,
): Promise<CollegeWritten> {
  const { options } = plan;
  for (const table of STRUCTURE_TABLES) await write(table, plan.rows[table] ?? []);
  let lessonId = options.idsAfter?.lessons ?? 0;
  const lessonIds = { next: () => ++lessonId };
  let lessons = 0;
  let cells = 0;
  let pending: { lessons: Row[]; cells: Row[] } = { lessons: [], cells: [] };
  const flush = async () => {
    await write('lessons', pending.lessons);
    await write('journal_cells', pending.cells);
    pending = { lessons: [], cells: [] };
  };
  let done = 0;
  const heldTerms = plan.terms
    .filter((t) => t.startsOn <= options.asOf)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  for (const group of plan.groups) {
    for (const term of heldTerms) {
      if (!plan.assignments.some((a) => a.groupId === group.id && a.termId === term.id)) continue;
      const journal = generateGroupTerm(plan, group, term, lessonIds);
      for (const row of journal.lessons) pending.lessons.push(row);
      for (const row of journal.cells) pending.cells.push(row);
      lessons += journal.lessons.length;
      cells += journal.cells.length;
      if (pending.cells.length >= JOURNAL_BATCH_CELLS) await flush();
    }
    done += 1;
    if (done % 10 === 0 || done === plan.groups.length) {
      onProgress(
        `Журналы: групп ${done} из ${plan.groups.length}, ${countOf(lessons, NOUNS.lesson)}, ${countOf(cells, NOUNS.cell)} (${((Date.now() - started) / 1000).toFixed(1)} с)`,
      );
    }
  }
  await flush();
  return { lessons, cells, lastLessonId: lessonId };
}

export type { Row };
