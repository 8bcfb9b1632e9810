/**
 * npm run bench [-- --json] [-- --runs N] [-- --no-browser] [-- --no-college-printouts] [-- --browser-only]
 * On PostgreSQL (BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/ezh_bench), seeded
 * with the college scale when empty. Prints the figures, or with --json one JSON object.
 */
import { startAppServer, signInHttp, type AppServer } from './app-server';
import { measureBrowser, NO_BROWSER_FIGURES, type BrowserFigures } from './browser-figure';
import { ensureBigJournal, openBenchDatabase } from './setup';
import { measureServer } from './server-figures';
import { measureTimetable, type TimetableFigures } from './timetable-figures';
import { measureReports, type ReportFigures } from './report-figures';
import { measureControl, type ControlFigures } from './control-figures';
import { measureHttp, type HttpFigures } from './http-figures';
import { measureCollegePrintouts, type CollegePrintoutFigures } from './college-printouts-figures';

const json = process.argv.includes('--json');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 30;
const url =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ezh_bench';
const log = (s: string) => (json ? process.stderr.write(`${s}\n`) : console.log(s));

const database = await openBenchDatabase(url, log);
if (process.argv.includes('--browser-only')) {
  // Only the browser's figures (the old PC, the page's bytes): a quick run while working on the client.
  const bigJournal = await ensureBigJournal(database);
  await database.close();
  const app = await startAppServer(url, log);
  try {
    const browser = await measureBrowser(app.base, bigJournal, log);
    console.log(JSON.stringify(browser, null, json ? undefined : 2));
  } finally {
    app.stop();
  }
  process.exit(0);
}
try {
  log(`Замеры на сервере (${runs} повторов, медиана)…`);
  const server = await measureServer(database, url, runs);
  const bigJournal = await ensureBigJournal(database);
  let browser: BrowserFigures = NO_BROWSER_FIGURES;
  let timetable: TimetableFigures | Record<string, null> = {
    timetablePlaceMs: null,
    timetablePlaceServerMs: null,
    timetablePlaceRawMs: null,
    timetablePlaceRatio: null,
    timetableWeekCheckMs: null,
    termLessonsGenerateMs: null,
  };
  let reports: ReportFigures | Record<string, null> = {
    printoutMs: null,
    printoutPages: null,
    consolidatedSheetMs: null,
    consolidatedSheetServerMs: null,
    consolidatedSheetRawMs: null,
    consolidatedSheetRatio: null,
  };
  let control: ControlFigures | Record<string, null> = {
    monitoringMs: null,
    monitoringServerMs: null,
    monitoringRawMs: null,
    monitoringRatio: null,
    familyPageHttpMs: null,
  };
  let college: CollegePrintoutFigures | Record<string, null> = {
    collegePrintoutMs: null,
    collegePrintoutPages: null,
    collegePrintoutGroups: null,
    callDuringRenderMs: null,
    callIdleMs: null,
  };
  let http: (HttpFigures & { journalPageHttpRatio: number; pasteSaveHttpRatio: number }) | Record<string, null> = {
    httpFloorMs: null,
    nodeHttpFloorMs: null,
    httpFloorRatio: null,
    journalPageHttpMs: null,
    pasteSaveHttpMs: null,
    journalPageHttpRatio: null,
    pasteSaveHttpRatio: null,
  };
  let app: AppServer | null = null;
  try {
    log('Приложение (production-сборка) на этой базе…');
    app = await startAppServer(url, log);
    log(`Журнал по HTTP от имени его преподавателя (${runs} повторов, медиана)…`);
    try {
      const h = await measureHttp(database, url, app.base, runs);
      const ratio = (x: number, y: number) => Math.round((x / y) * 100) / 100;
      http = {
        ...h,
        journalPageHttpRatio: ratio(h.journalPageHttpMs, server.journalLoadRawMs + h.httpFloorMs),
        pasteSaveHttpRatio: ratio(h.pasteSaveHttpMs, server.pasteSaveRawMs + h.httpFloorMs),
      };
    } catch (error) {
      log(`Замер по HTTP не удался: ${error instanceof Error ? error.message : String(error)}`);
    }
    log(`Расписание по HTTP, методист (${runs} повторов, медиана)…`);
    try {
      timetable = await measureTimetable(database, url, await signInHttp(app.base, 'metodist', 'demo2026'), runs);
    } catch (error) {
      log(`Замер расписания не удался: ${error instanceof Error ? error.message : String(error)}`);
    }
    log('Отчёты по HTTP, методист: распечатка журнала группы, сводная ведомость…');
    try {
      reports = await measureReports(database, url, await signInHttp(app.base, 'metodist', 'demo2026'), runs);
    } catch (error) {
      log(`Замер отчётов не удался: ${error instanceof Error ? error.message : String(error)}`);
    }
    log('Контроль ведения журнала всего колледжа (методист) и главная страница родителя по HTTP…');
    try {
      const parent = await signInHttp(app.base, 'roditel', 'demo2026').catch(() => null);
      control = await measureControl(database, url, await signInHttp(app.base, 'metodist', 'demo2026'), parent, runs);
    } catch (error) {
      log(`Замер контроля не удался: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!process.argv.includes('--no-college-printouts')) {
      log('Печать журналов всех групп фоновой задачей сервера и малый запрос во время печати…');
      try {
        college = await measureCollegePrintouts(database, await signInHttp(app.base, 'metodist', 'demo2026'), log);
      } catch (error) {
        log(`Замер печати всех групп не удался: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (!process.argv.includes('--no-browser')) {
      log('Замер в браузере (Chromium): журнал 35 студентов × 80 занятий…');
      try {
        browser = await measureBrowser(app.base, bigJournal, log);
      } catch (error) {
        // The server figures above stand on their own: a failed browser run reports its figure as unavailable.
        log(`Замер в браузере не удался: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } catch (error) {
    log(`Приложение не запустилось: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    app?.stop();
  }
  // The HTTP figures of #11 and #12 also against (raw SQL + the small request), as #14's journal ratios are: what the
  // app adds beyond the fixed cost of any signed-in call through Next.js on this machine.
  const overFloor = (ms: number | null, rawMs: number | null) =>
    ms !== null && rawMs !== null && http.httpFloorMs !== null
      ? Math.round((ms / (rawMs + http.httpFloorMs)) * 100) / 100
      : null;
  const floorRatios = {
    timetablePlaceFloorRatio: overFloor(timetable.timetablePlaceMs, timetable.timetablePlaceRawMs),
    consolidatedSheetFloorRatio: overFloor(reports.consolidatedSheetMs, reports.consolidatedSheetRawMs),
  };
  const result = {
    database: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    runs,
    ...server,
    ...http,
    ...timetable,
    ...reports,
    ...floorRatios,
    ...control,
    ...college,
    ...browser,
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(
      `Загрузка журнала (${server.journalStudents} студ. × ${server.journalLessons} зан.): ${server.journalLoadMs} мс, сырой SQL ${server.journalLoadRawMs} мс, отношение ${server.journalLoadRatio} (цель ≤ 2 и < 50 мс)`,
    );
    console.log(
      `Сохранение вставки ${server.pasteCells} ячеек: ${server.pasteSaveMs} мс, сырой upsert ${server.pasteSaveRawMs} мс, отношение ${server.pasteSaveRatio} (цель ≤ 2)`,
    );
    console.log(
      `Журнал по HTTP: страница ${http.journalPageHttpMs ?? '—'} мс, вставка ${http.pasteSaveHttpMs ?? '—'} мс, малый запрос ${http.httpFloorMs ?? '—'} мс; отношения к (сырой SQL + малый запрос) ${http.journalPageHttpRatio ?? '—'} и ${http.pasteSaveHttpRatio ?? '—'} (цель ≤ 2)`,
    );
    console.log(
      `Постановка занятия в расписание по HTTP: ${timetable.timetablePlaceMs ?? '—'} мс (в процессе ${timetable.timetablePlaceServerMs ?? '—'} мс), сырой SQL ${timetable.timetablePlaceRawMs ?? '—'} мс, отношение ${timetable.timetablePlaceRatio ?? '—'} (цель ≤ 2); к (сырой SQL + малый запрос) ${floorRatios.timetablePlaceFloorRatio ?? '—'}`,
    );
    console.log(`Проверка недели колледжа на конфликты: ${timetable.timetableWeekCheckMs ?? '—'} мс (цель < 500)`);
    console.log(
      `Занятия семестра по расписанию для всего колледжа: ${timetable.termLessonsGenerateMs ?? '—'} мс (цель < 30 000)`,
    );
    console.log(
      `Распечатка журнала группы (все предметы, семестр): ${reports.printoutMs ?? '—'} мс, ${reports.printoutPages ?? '—'} стр. (цель < 5000)`,
    );
    console.log(
      `Сводная ведомость группы по HTTP: ${reports.consolidatedSheetMs ?? '—'} мс (в процессе ${reports.consolidatedSheetServerMs ?? '—'} мс), сырой SQL ${reports.consolidatedSheetRawMs ?? '—'} мс, отношение ${reports.consolidatedSheetRatio ?? '—'} (цель ≤ 3); к (сырой SQL + малый запрос) ${floorRatios.consolidatedSheetFloorRatio ?? '—'}`,
    );
    console.log(
      `Контроль ведения журнала всего колледжа по HTTP: ${control.monitoringMs ?? '—'} мс (в процессе ${control.monitoringServerMs ?? '—'} мс), сырой SQL ${control.monitoringRawMs ?? '—'} мс, отношение ${control.monitoringRatio ?? '—'} (цель < 1000 мс и ≤ 3); главная родителя ${control.familyPageHttpMs ?? '—'} мс (цель < 100)`,
    );
    console.log(
      `Журналы всех групп фоновой задачей: ${college.collegePrintoutMs ?? '—'} мс, ${college.collegePrintoutGroups ?? '—'} групп, ${college.collegePrintoutPages ?? '—'} стр.; малый запрос во время печати ${college.callDuringRenderMs ?? '—'} мс (без печати ${college.callIdleMs ?? '—'} мс, цель < 200)`,
    );
    console.log(
      `Сетка 35 × 80 готова к вводу через ${browser.gridInteractiveMs ?? '—'} мс после начала перехода (цель < 1000); JavaScript страницы журнала ${browser.journalJsGzipKb ?? '—'} КБ gzip`,
    );
    console.log(
      `Старый ПК (процессор в 4 раза медленнее, 150 мс и 1,6 Мбит/с): сетка ${browser.gridInteractiveThrottledMs ?? '—'} мс (с пустым кэшем ${browser.gridInteractiveThrottledColdMs ?? '—'} мс, цель < 2000), нажатие до отрисовки ${browser.gridKeystrokeMs ?? '—'} мс (цель < 50), Enter до отрисовки ${browser.gridCommitMs ?? '—'} мс; главная родителя на телефоне ${browser.familyPageThrottledMs ?? '—'} мс (с пустым кэшем ${browser.familyPageThrottledColdMs ?? '—'} мс, цель < 1500)`,
    );
  }
} finally {
  await database.close();
}
