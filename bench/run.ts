/**
 * npm run bench [-- --json] [-- --runs N] [-- --no-browser]
 * On PostgreSQL (BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/ezh_bench), seeded
 * with the college scale when empty. Prints the figures, or with --json one JSON object.
 */
import { measureBrowser } from './browser-figure';
import { ensureBigJournal, openBenchDatabase } from './setup';
import { measureServer } from './server-figures';

const json = process.argv.includes('--json');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 30;
const url =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ezh_bench';
const log = (s: string) => (json ? process.stderr.write(`${s}\n`) : console.log(s));

const database = await openBenchDatabase(url, log);
try {
  log(`Замеры на сервере (${runs} повторов, медиана)…`);
  const server = await measureServer(database, url, runs);
  const bigJournal = await ensureBigJournal(database);
  let browser: { gridInteractiveMs: number | null; gridStudents: number; gridLessons: number } = {
    gridInteractiveMs: null,
    gridStudents: 35,
    gridLessons: 80,
  };
  if (!process.argv.includes('--no-browser')) {
    log('Замер в браузере (Chromium): журнал 35 студентов × 80 занятий…');
    try {
      browser = await measureBrowser(url, bigJournal, log);
    } catch (error) {
      // The server figures above stand on their own: a failed browser run reports its figure as unavailable.
      log(`Замер в браузере не удался: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const result = { database: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'), runs, ...server, ...browser };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(
      `Загрузка журнала (${server.journalStudents} студ. × ${server.journalLessons} зан.): ${server.journalLoadMs} мс, сырой SQL ${server.journalLoadRawMs} мс, отношение ${server.journalLoadRatio} (цель ≤ 2 и < 50 мс)`,
    );
    console.log(
      `Сохранение вставки ${server.pasteCells} ячеек: ${server.pasteSaveMs} мс, сырой upsert ${server.pasteSaveRawMs} мс, отношение ${server.pasteSaveRatio} (цель ≤ 2)`,
    );
    console.log(
      `Сетка 35 × 80 готова к вводу через ${browser.gridInteractiveMs ?? '—'} мс после начала перехода (цель < 1000)`,
    );
  }
} finally {
  await database.close();
}
