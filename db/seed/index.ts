import { sql } from 'drizzle-orm';
import { inTransaction, queryRows, type Db } from '../client';
import { countOf, NOUNS } from '../../domain/plural';
import { bulkInsert, resetIdentity, type Row } from '../bulk';
import { hashPassword } from '../password';
import { generateGroupTerm } from './lessons';
import { DEMO_PASSWORD, planCollege, YEAR, type Scale, type SeedOptions } from './plan';

export { DEMO_LOGINS, DEMO_PASSWORD, DEMO_REGIONAL_LOGIN } from './plan';
export type { Scale } from './plan';

/** Tables in the order their foreign keys allow. */
const STRUCTURE_TABLES = [
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
];
const IDENTITY_TABLES = [
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
  onProgress(
    `План: ${countOf(plan.groups.length, NOUNS.group)}, ${countOf(plan.rows.students?.length ?? 0, NOUNS.student)}, ` +
      `${countOf(plan.rows.users?.length ?? 0, NOUNS.account)}, ${countOf(plan.assignments.length, NOUNS.assignment)}`,
  );
  if (plan.rows.timetable_entries)
    onProgress(
      `Расписание: ${countOf(plan.rows.timetable_entries.length, NOUNS.pair)} в неделю, ${countOf(plan.rows.rooms?.length ?? 0, NOUNS.room)}` +
        (plan.unplacedPairs ? `; не поставлено без конфликтов: ${countOf(plan.unplacedPairs, NOUNS.pair)}` : ''),
    );

  let lessons = 0;
  let cells = 0;
  await inTransaction(db, async (txDb) => {
    for (const table of STRUCTURE_TABLES) await bulkInsert(txDb, table, plan.rows[table] ?? []);
    let lessonId = 0;
    const lessonIds = { next: () => ++lessonId };
    let done = 0;
    const heldTerms = plan.terms
      .filter((t) => t.startsOn <= options.asOf)
      .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    for (const group of plan.groups) {
      for (const term of heldTerms) {
        if (!plan.assignments.some((a) => a.groupId === group.id && a.termId === term.id)) continue;
        const journal = generateGroupTerm(plan, group, term, lessonIds);
        await bulkInsert(txDb, 'lessons', journal.lessons);
        await bulkInsert(txDb, 'journal_cells', journal.cells, 10000);
        lessons += journal.lessons.length;
        cells += journal.cells.length;
      }
      done += 1;
      if (done % 10 === 0 || done === plan.groups.length) {
        onProgress(
          `Журналы: групп ${done} из ${plan.groups.length}, ${countOf(lessons, NOUNS.lesson)}, ${countOf(cells, NOUNS.cell)} (${((Date.now() - started) / 1000).toFixed(1)} с)`,
        );
      }
    }
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
    lessons,
    cells,
    ms: Date.now() - started,
  };
  return summary;
}

export type { Row };
