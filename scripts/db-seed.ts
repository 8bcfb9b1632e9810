/**
 * npm run db:seed -- [--scale demo|college] [--seed N] [--as-of yyyy-mm-dd] [--reset]
 * npm run db:seed -- --scale region --colleges N [--college-scale college|demo] [--seed N] [--as-of yyyy-mm-dd|today]
 *   [--reset]
 * Seeds the database of DATABASE_URL, or the embedded one in DATA_DIR when it is unset (not the region: PostgreSQL
 * only). The region prints, last, one JSON line with its figures (db/seed/region.ts RegionSummary) for the benches.
 */
import { openDatabase, pgliteDir } from '../db/client';
import { env } from '../server/env';
import { DEFAULT_SEED, defaultAsOf, seedDatabase, type Scale } from '../db/seed';
import { formatBytes, MAX_REGION_COLLEGES, seedRegion } from '../db/seed/region';
import { resetDatabase } from '../db/reset';
import { countOf, NOUNS } from '../domain/plural';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const scaleArg = arg('scale') ?? 'demo';
if (scaleArg !== 'demo' && scaleArg !== 'college' && scaleArg !== 'region')
  fail(`Неизвестный масштаб «${scaleArg}»: допустимо demo, college или region.`);
const region = scaleArg === 'region';
const collegeScaleArg = arg('college-scale') ?? 'college';
if (collegeScaleArg !== 'demo' && collegeScaleArg !== 'college')
  fail(`--college-scale: неизвестный масштаб колледжа «${collegeScaleArg}»: допустимо college или demo.`);
const collegesArg = arg('colleges');
const colleges = Number(collegesArg);
if (region && (!collegesArg || !/^\d+$/.test(collegesArg) || colleges < 1 || colleges > MAX_REGION_COLLEGES))
  fail(
    `--colleges: сколько колледжей в регионе — целое число от 1 до ${MAX_REGION_COLLEGES}` +
      (collegesArg ? `, получено «${collegesArg}».` : ', например --colleges 10.'),
  );
const seedArg = arg('seed');
if (seedArg !== undefined && !/^\d+$/.test(seedArg))
  fail(`--seed: нужно целое неотрицательное число, получено «${seedArg}».`);
const asOfArg = arg('as-of');
if (asOfArg !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOfArg) && !(region && asOfArg === 'today'))
  fail(`--as-of: нужна дата гггг-мм-дд${region ? ' или today' : ''}, получено «${asOfArg}».`);
if (region && !env().DATABASE_URL)
  fail(
    'Масштаб region — только для сервера PostgreSQL: регион рассчитан на кластер (npm run region:up), а встроенная ' +
      'база PGlite держит один колледж. Задайте DATABASE_URL=postgres://… и повторите.',
  );

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
  const seed = seedArg ? Number(seedArg) : undefined;
  if (region) {
    console.log(
      `Заполнение ${database.location}: регион — ${countOf(colleges, NOUNS.college)}, ` +
        `каждый масштаба ${collegeScaleArg}, seed ${seed ?? DEFAULT_SEED}, занятия по ` +
        (asOfArg === 'today'
          ? 'сегодняшний день каждого колледжа в его поясе'
          : (asOfArg ?? defaultAsOf(collegeScaleArg))),
    );
    const summary = await seedRegion(
      database,
      { colleges, collegeScale: collegeScaleArg, seed, asOf: asOfArg },
      (line) => console.log(line),
    );
    console.log(
      `Готово за ${(summary.ms / 1000).toFixed(1)} с: ${countOf(summary.colleges, NOUNS.college)}, база — ${formatBytes(summary.bytes)}.`,
    );
    console.log(JSON.stringify(summary));
  } else {
    const scale: Scale = scaleArg;
    console.log(
      `Заполнение ${database.location}: масштаб ${scale}, seed ${seedArg ?? DEFAULT_SEED}, занятия по ${asOfArg ?? defaultAsOf(scale)}`,
    );
    const summary = await seedDatabase(database.db, { scale, seed, asOf: asOfArg }, (line) => console.log(line));
    console.log(
      `Готово за ${(summary.ms / 1000).toFixed(1)} с: ${countOf(summary.groups, NOUNS.group)}, ${countOf(summary.students, NOUNS.student)}, ` +
        `${countOf(summary.users, NOUNS.account)}, ${countOf(summary.assignments, NOUNS.assignment)}, ${countOf(summary.lessons, NOUNS.lesson)}, ` +
        `${countOf(summary.cells, NOUNS.cell)} журнала.`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
