/**
 * npm run db:seed -- [--scale demo|college] [--seed N] [--as-of yyyy-mm-dd] [--reset]
 * Seeds the database of DATABASE_URL, or the embedded one in DATA_DIR when it is unset.
 */
import { openDatabase, pgliteDir } from '../db/client';
import { env } from '../server/env';
import { DEFAULT_SEED, defaultAsOf, seedDatabase, type Scale } from '../db/seed';
import { resetDatabase } from '../db/reset';
import { countOf, NOUNS } from '../domain/plural';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const scaleArg = arg('scale') ?? 'demo';
if (scaleArg !== 'demo' && scaleArg !== 'college') {
  console.error(`Неизвестный масштаб «${scaleArg}»: допустимо demo или college.`);
  process.exit(2);
}
const scale: Scale = scaleArg;
const database = await openDatabase({
  url: env().DATABASE_URL,
  dataDir: pgliteDir(env().DATA_DIR),
  migrate: true,
  max: 2,
});
try {
  if (process.argv.includes('--reset')) {
    console.log(`Очистка базы ${database.location}…`);
    await resetDatabase(database);
  }
  console.log(
    `Заполнение ${database.location}: масштаб ${scale}, seed ${arg('seed') ?? DEFAULT_SEED}, занятия по ${arg('as-of') ?? defaultAsOf(scale)}`,
  );
  const summary = await seedDatabase(
    database.db,
    { scale, seed: arg('seed') ? Number(arg('seed')) : undefined, asOf: arg('as-of') },
    (line) => console.log(line),
  );
  console.log(
    `Готово за ${(summary.ms / 1000).toFixed(1)} с: ${countOf(summary.groups, NOUNS.group)}, ${countOf(summary.students, NOUNS.student)}, ` +
      `${countOf(summary.users, NOUNS.account)}, ${countOf(summary.assignments, NOUNS.assignment)}, ${countOf(summary.lessons, NOUNS.lesson)}, ` +
      `${countOf(summary.cells, NOUNS.cell)} журнала.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
