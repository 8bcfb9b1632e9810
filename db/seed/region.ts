/**
 * A region on one deployment (issue #27, item 4): N colleges spread over Russia's time zones, Kaliningrad to Kamchatka,
 * each a full college of the chosen scale with its own name, city, IANA zone, seed and logins (`<prefix>.<login>`:
 * logins are unique across a deployment). The first college is the demo one (demo logins, the region's account), in
 * its own city's zone. Written college by college, one transaction each, so that memory holds one college and a
 * failed run keeps the colleges it finished (the next run goes on after them); on PostgreSQL with COPY (db/copy.ts),
 * on PGlite (tests only: the command refuses it) with the same rows through `bulkInsert`.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { inTransaction, queryRows, type Database } from '../client';
import { bulkInsert } from '../bulk';
import { copyRows } from '../copy';
import { hashPassword } from '../password';
import { DEFAULT_TIME_ZONE, todayIn, utcOffset } from '../../domain/dates';
import { countOf, NOUNS } from '../../domain/plural';
import { DEFAULT_SEED, defaultAsOf, describePlan, IDENTITY_TABLES, writeCollege, type RowWriter } from './index';
import {
  collegeGroupCount,
  DEMO_COLLEGE,
  DEMO_PASSWORD,
  planCollege,
  YEAR,
  type CollegeIdentity,
  type Scale,
} from './plan';
import { Random } from './random';

/** The most colleges one command writes (the cities below repeat with other colleges after the 23rd). */
export const MAX_REGION_COLLEGES = 200;

interface RegionCity {
  city: string;
  /** The city's adjective in a college's name: «Омский политехнический колледж». */
  adjective: string;
  zone: string;
  /** The login prefix: short, Latin, unique. */
  code: string;
}

/**
 * The cities of the colleges after the demo one (Сызрань, Europe/Samara, MSK+1). The first ten with it cover all
 * eleven offsets of Russia, MSK−1 to MSK+9; the rest are the other zones of the IANA database's Russian list (the
 * three of villages in Yakutia left out).
 */
export const REGION_CITIES: readonly RegionCity[] = [
  { city: 'Калининград', adjective: 'Калининградский', zone: 'Europe/Kaliningrad', code: 'kgd' },
  { city: 'Москва', adjective: 'Московский', zone: 'Europe/Moscow', code: 'msk' },
  { city: 'Екатеринбург', adjective: 'Екатеринбургский', zone: 'Asia/Yekaterinburg', code: 'ekb' },
  { city: 'Омск', adjective: 'Омский', zone: 'Asia/Omsk', code: 'oms' },
  { city: 'Красноярск', adjective: 'Красноярский', zone: 'Asia/Krasnoyarsk', code: 'krs' },
  { city: 'Иркутск', adjective: 'Иркутский', zone: 'Asia/Irkutsk', code: 'irk' },
  { city: 'Якутск', adjective: 'Якутский', zone: 'Asia/Yakutsk', code: 'yks' },
  { city: 'Владивосток', adjective: 'Владивостокский', zone: 'Asia/Vladivostok', code: 'vvo' },
  { city: 'Магадан', adjective: 'Магаданский', zone: 'Asia/Magadan', code: 'mgd' },
  { city: 'Петропавловск-Камчатский', adjective: 'Камчатский', zone: 'Asia/Kamchatka', code: 'pkc' },
  { city: 'Новосибирск', adjective: 'Новосибирский', zone: 'Asia/Novosibirsk', code: 'nsk' },
  { city: 'Волгоград', adjective: 'Волгоградский', zone: 'Europe/Volgograd', code: 'vgg' },
  { city: 'Киров', adjective: 'Кировский', zone: 'Europe/Kirov', code: 'kir' },
  { city: 'Астрахань', adjective: 'Астраханский', zone: 'Europe/Astrakhan', code: 'ast' },
  { city: 'Саратов', adjective: 'Саратовский', zone: 'Europe/Saratov', code: 'sar' },
  { city: 'Ульяновск', adjective: 'Ульяновский', zone: 'Europe/Ulyanovsk', code: 'uly' },
  { city: 'Барнаул', adjective: 'Барнаульский', zone: 'Asia/Barnaul', code: 'brn' },
  { city: 'Томск', adjective: 'Томский', zone: 'Asia/Tomsk', code: 'tom' },
  { city: 'Новокузнецк', adjective: 'Новокузнецкий', zone: 'Asia/Novokuznetsk', code: 'nkz' },
  { city: 'Чита', adjective: 'Читинский', zone: 'Asia/Chita', code: 'cht' },
  { city: 'Южно-Сахалинск', adjective: 'Сахалинский', zone: 'Asia/Sakhalin', code: 'uus' },
  { city: 'Анадырь', adjective: 'Чукотский', zone: 'Asia/Anadyr', code: 'dyr' },
];

const PROFILES = [
  'политехнический колледж',
  'колледж информационных технологий',
  'технологический колледж',
  'колледж экономики и сервиса',
  'педагогический колледж',
  'строительный колледж',
  'колледж транспорта и связи',
];

/** The demo college in a region: as always, but in its city's zone (Сызрань keeps Samara time). */
const DEMO_IN_REGION: CollegeIdentity = { ...DEMO_COLLEGE, timeZone: 'Europe/Samara' };

/**
 * The `index`-th college of a region (0 is the demo college) and the seed it is generated with: deterministic, and
 * the same whatever the region's size. After the cities run out they come round again with another college each
 * (prefix `kgd2`, …).
 */
export function regionCollege(index: number, seed: number): { identity: CollegeIdentity; seed: number } {
  if (index === 0) return { identity: DEMO_IN_REGION, seed };
  const city = REGION_CITIES[(index - 1) % REGION_CITIES.length]!;
  const round = Math.floor((index - 1) / REGION_CITIES.length);
  const name = `${city.adjective} ${PROFILES[(index - 1 + round) % PROFILES.length]}`;
  return {
    identity: {
      shortName: `ГБПОУ «${name}»`,
      fullName: `Государственное бюджетное профессиональное образовательное учреждение «${name}»`,
      city: `г. ${city.city}`,
      timeZone: city.zone,
      utcOffset: utcOffset(city.zone, new Date(`${YEAR.startsOn}T00:00:00Z`)),
      loginPrefix: round === 0 ? city.code : `${city.code}${round + 1}`,
    },
    seed: Random.derive(seed, 'college', index).int(1, 2 ** 31 - 1),
  };
}

export interface RegionOptions {
  /** How many colleges the region has (the demo one included), 1…MAX_REGION_COLLEGES. */
  colleges: number;
  /** The size of each college: `college` (≈3,000 students, two years of journals) or `demo` (for tests). */
  collegeScale?: Scale;
  seed?: number;
  /** Lessons are held up to this date in every college; `today` — each college's own today in its zone. */
  asOf?: string;
  /** The instant `today` is taken at (tests). */
  now?: Date;
}

export interface RegionCollegeSummary {
  institutionId: number;
  shortName: string;
  city: string;
  timeZone: string;
  loginPrefix: string;
  asOf: string;
  students: number;
  users: number;
  lessons: number;
  cells: number;
  /** Time to plan and write this college, ms. */
  ms: number;
  /** `pg_database_size` after it committed, bytes. */
  bytes: number;
}

export interface RegionSummary {
  scale: 'region';
  collegeScale: Scale;
  seed: number;
  /** Colleges in the database now. */
  colleges: number;
  /** Colleges that were there before this run (a run that failed half-way goes on after them). */
  resumedAfter: number;
  /** Wall time of this run, ms, with the closing ANALYZE. */
  ms: number;
  analyzeMs: number;
  /** `pg_database_size` at the end, bytes. */
  bytes: number;
  /** Rows this run wrote, per table. */
  rows: Record<string, number>;
  perCollege: RegionCollegeSummary[];
}

/**
 * The date a college's lessons are held up to: `asOf` as given, or with `today` the college's own today in its zone
 * (at `now`: Kamchatka's day begins 10 hours before Kaliningrad's), or by default the scale's date (`defaultAsOf`).
 */
export function collegeAsOf(identity: CollegeIdentity, scale: Scale, asOf?: string, now: Date = new Date()): string {
  if (asOf === 'today') return todayIn(identity.timeZone ?? DEFAULT_TIME_ZONE, now);
  return asOf ?? defaultAsOf(scale);
}

interface CollegeTransaction {
  /** Runs `work` in one transaction, with a writer of rows and a runner of plain statements bound to it. */
  college<T>(work: (write: RowWriter, run: (statement: string) => Promise<void>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** COPY on a connection of its own for PostgreSQL; the same rows through `bulkInsert` on PGlite. */
function collegeTransactions(database: Database): CollegeTransaction {
  if (database.kind === 'postgres') {
    if (!database.url) throw new Error('Нет адреса сервера PostgreSQL для COPY.');
    const client = postgres(database.url, { max: 1, onnotice: () => {} });
    return {
      college: <T>(work: (write: RowWriter, run: (statement: string) => Promise<void>) => Promise<T>) =>
        client.begin((tx) =>
          work(
            (table, rows) => copyRows(tx, table, rows),
            async (statement) => {
              await tx.unsafe(statement);
            },
          ),
        ) as Promise<T>,
      close: () => client.end({ timeout: 5 }),
    };
  }
  return {
    college: (work) =>
      inTransaction(database.db, (tx) =>
        work(
          (table, rows) => bulkInsert(tx, table, rows, table === 'journal_cells' ? 10000 : 5000),
          async (statement) => {
            await tx.execute(sql.raw(statement));
          },
        ),
      ),
    close: async () => {},
  };
}

/** Every identity sequence just past the ids given so far: the app's own inserts continue after the seed's. */
function sequencesStatement(idsAfter: Readonly<Record<string, number>>): string {
  return `SELECT ${IDENTITY_TABLES.map(
    (table) => `setval(pg_get_serial_sequence('${table}', 'id'), ${(idsAfter[table] ?? 0) + 1}, false)`,
  ).join(', ')}`;
}

async function databaseBytes(database: Database): Promise<number> {
  const [row] = await queryRows<{ bytes: number | string }>(
    database.db,
    sql`SELECT pg_database_size(current_database())::float8 AS bytes`,
  );
  return Number(row?.bytes ?? 0);
}

/** «1,2 ГБ» / «450 МБ». */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1).replace('.', ',')} ГБ`
    : `${Math.round(bytes / 1024 ** 2)} МБ`;
}

/**
 * Writes a region into the database: into an empty one, or after the first colleges of the same region that a run
 * before left there (recognised by name, zone and number of groups; the run must be given the same `seed`). Any other
 * data there is refused.
 * Progress goes to `onProgress` as short Russian lines. Returns the figures of the run (see `RegionSummary`).
 */
export async function seedRegion(
  database: Database,
  opts: RegionOptions,
  onProgress: (line: string) => void = () => {},
): Promise<RegionSummary> {
  const started = Date.now();
  const collegeScale = opts.collegeScale ?? 'college';
  const seed = opts.seed ?? DEFAULT_SEED;
  const total = opts.colleges;
  if (!Number.isInteger(total) || total < 1 || total > MAX_REGION_COLLEGES)
    throw new Error(`Число колледжей: нужно целое от 1 до ${MAX_REGION_COLLEGES}, получено «${total}».`);

  const present = await queryRows<{ id: number; short_name: string; time_zone: string; groups: number | string }>(
    database.db,
    sql`SELECT i.id, i.short_name, i.time_zone, (SELECT count(*) FROM groups g WHERE g.institution_id = i.id) AS groups
        FROM institutions i ORDER BY i.id`,
  );
  const groupsEach = collegeGroupCount(collegeScale);
  present.forEach((row, index) => {
    const { identity } = regionCollege(index, seed);
    if (
      Number(row.id) !== index + 1 ||
      row.short_name !== identity.shortName ||
      row.time_zone !== identity.timeZone ||
      Number(row.groups) !== groupsEach
    )
      throw new Error(
        `База уже содержит данные, и это не первые колледжи этого региона (колледж ${row.id} — «${row.short_name}»): ` +
          'регион пишется в пустую базу (--reset сначала её очистит).',
      );
  });
  if (present.length > total)
    throw new Error(
      `В базе уже ${countOf(present.length, NOUNS.college)} региона — больше, чем просили (${total}); --reset сначала очистит базу.`,
    );
  if (present.length > 0)
    onProgress(`В базе уже ${countOf(present.length, NOUNS.college)} этого региона: продолжаю со следующего.`);
  let idsAfter: Record<string, number> = {};
  for (const table of present.length > 0 ? IDENTITY_TABLES : []) {
    const [row] = await queryRows<{ n: number | string | null }>(
      database.db,
      sql`SELECT max(id) AS n FROM ${sql.identifier(table)}`,
    );
    idsAfter[table] = Number(row?.n ?? 0);
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rows: Record<string, number> = {};
  const perCollege: RegionCollegeSummary[] = [];
  const transactions = collegeTransactions(database);
  try {
    for (let index = present.length; index < total; index++) {
      const collegeStarted = Date.now();
      const { identity, seed: collegeSeed } = regionCollege(index, seed);
      const timeZone = identity.timeZone!;
      const asOf = collegeAsOf(identity, collegeScale, opts.asOf, opts.now);
      const plan = planCollege({ scale: collegeScale, seed: collegeSeed, asOf, college: identity, idsAfter });
      for (const user of plan.rows.users ?? []) user.password_hash = passwordHash;
      onProgress(
        `Колледж ${index + 1} из ${total}: ${identity.shortName}, ${identity.city}, ${timeZone}, ` +
          `логины ${identity.loginPrefix ? `${identity.loginPrefix}.…` : 'демо'}, занятия по ${asOf}`,
      );
      const indent = (line: string) => onProgress(`  ${line}`);
      describePlan(plan, indent);
      const written = await transactions.college(async (write, run) => {
        const result = await writeCollege(
          plan,
          async (table, tableRows) => {
            await write(table, tableRows);
            rows[table] = (rows[table] ?? 0) + tableRows.length;
          },
          indent,
          collegeStarted,
        );
        await run(sequencesStatement({ ...plan.lastIds, lessons: result.lastLessonId }));
        return result;
      });
      idsAfter = { ...plan.lastIds, lessons: written.lastLessonId };
      const bytes = await databaseBytes(database);
      const summary: RegionCollegeSummary = {
        institutionId: plan.institutionId,
        shortName: identity.shortName,
        city: identity.city,
        timeZone,
        loginPrefix: identity.loginPrefix,
        asOf,
        students: plan.rows.students?.length ?? 0,
        users: plan.rows.users?.length ?? 0,
        lessons: written.lessons,
        cells: written.cells,
        ms: Date.now() - collegeStarted,
        bytes,
      };
      perCollege.push(summary);
      indent(`Записан за ${(summary.ms / 1000).toFixed(1)} с; база — ${formatBytes(bytes)}`);
    }
  } finally {
    await transactions.close();
  }
  // Fresh statistics, so that the first queries on a just-seeded region are planned on real numbers.
  const analyzeStarted = Date.now();
  await database.db.execute(sql`ANALYZE`);
  const analyzeMs = Date.now() - analyzeStarted;
  return {
    scale: 'region',
    collegeScale,
    seed,
    colleges: total,
    resumedAfter: present.length,
    ms: Date.now() - started,
    analyzeMs,
    bytes: await databaseBytes(database),
    rows,
    perCollege,
  };
}
