/**
 * Every report route of the application (app/api/reports/**), declared once: the permission it needs and how it makes
 * its file for an actor. The route files are one line each (`serveReport`); the role matrix
 * (server/reports/report-matrix.test.ts) calls each of these as every role, in scope and out of it, and a walk test
 * fails on a route file that does not serve one of them.
 */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../services/spreadsheet';
import type { Db } from '../../db/client';
import { institutions } from '../../db/schema';
import { parseId } from '../../domain/ids';
import { RELATIONS, STUDENT_COLUMNS } from '../../domain/student-import';
import { todayOf, type Actor } from '../policy/actor';
import { authorize } from '../policy/guard';
import type { Permission } from '../policy/permissions';
import type { Reads } from '../read-routing';
import { badInput, outOfScope } from '../policy/refusal';
import { publicUrl } from '../public-url';
import { groupRoster } from '../queries/people';
import { getCurriculum } from '../services/curriculum/curriculum';
import { writeCurriculumWorkbook } from '../services/curriculum/curriculum-xlsx';
import { loadKtp } from '../services/journal/ktp';
import { slipsFor, slipsInput } from '../services/people/family-access';
import { hoursDelivered, hoursInput } from '../services/timetable/hours';
import { monitoring, monitoringInput } from '../services/control/monitoring';
import { monitoringTitle, renderMonitoringXlsx } from './monitoring';
import { regionIndicators, regionInput } from '../services/region/indicators';
import { regionTitle, renderRegionXlsx } from './region';
import { timetableView, viewInput } from '../services/timetable/views';
import { renderAccessSlips } from './access-slips';
import {
  attendanceInputFromQuery,
  attendanceTitle,
  loadAttendance,
  renderAttendancePdf,
  renderAttendanceXlsx,
} from './attendance';
import {
  curatorWeekInputFromQuery,
  curatorWeekTitle,
  loadCuratorWeek,
  renderCuratorWeekPdf,
  renderCuratorWeekXlsx,
} from './curator-week';
import { examSheetName, loadExamSheet, renderExamSheetPdf, renderExamSheetXlsx } from './exam-sheet';
import { copyPdf } from './certify';
import { jobFile } from './jobs';
import {
  keepingInputFromQuery,
  keepingTitle,
  loadKeepingSheet,
  renderKeepingPdf,
  renderKeepingXlsx,
} from './journal-keeping';
import { loadReportCard, renderReportCardPdf, reportCardInputFromQuery, reportCardTitle } from './report-card';
import { renderConsolidatedPdf, renderConsolidatedXlsx } from './consolidated/document';
import { consolidatedInputFromQuery, loadConsolidatedSheet } from './consolidated/load';
import { hoursTitle, renderHoursPdf, renderHoursXlsx } from './hours';
import { renderKtpPdf, renderKtpTemplate } from './ktp';
import { renderOffThread } from './render/off-thread';
import { loadJournalCopy, printoutInputFromQuery } from './printout/load';
import { rosterCsv } from './roster-csv';
import { renderTimetableWeek } from './timetable-week';

export type ReportFormat = 'pdf' | 'xlsx' | 'csv' | 'zip';

export interface ReportFile {
  format: ReportFormat;
  /** The file name offered to the browser, without the extension. */
  name: string;
  body: Buffer | string;
}

export interface ReportRequest {
  query: URLSearchParams;
  /** The route's dynamic segments ([groupId] …). */
  params: Record<string, string>;
  /** A POST's JSON body (null for GET). */
  body: unknown;
}

export interface ReportRoute {
  method: 'GET' | 'POST';
  permission: Permission;
  /**
   * `replica` for a report that tolerates a little lag (server/read-routing.ts): it reads a replica that has the user's
   * last write. Absent: the primary (certified copies, job files, anything that writes).
   */
  reads?: Reads;
  /**
   * Every format the route can answer with, the default first; produceReport refuses to hand out another. The walk of
   * the spreadsheet exports (spreadsheet-exports.test.ts) reads the CSV and XLSX ones from here.
   */
  formats: readonly ReportFormat[];
  make(db: Db, actor: Actor, req: ReportRequest): Promise<ReportFile>;
}

function format<F extends ReportFormat>(query: URLSearchParams, allowed: readonly F[], fallback: F): F {
  const value = query.get('format') ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) throw badInput(`Формат: ${allowed.join(' или ')}`);
  return value as F;
}

/**
 * A report printed as PDF and exported as XLSX from one loaded report: `?format=pdf|xlsx` (PDF by default) is checked
 * before anything is loaded, so a bad format is refused (400) without reading a row.
 */
async function pdfOrXlsx<R>(
  query: URLSearchParams,
  load: () => Promise<R>,
  name: (report: R) => string,
  pdf: (report: R) => Promise<Buffer>,
  xlsx: (report: R) => Promise<Buffer>,
): Promise<ReportFile> {
  const kind = format(query, ['pdf', 'xlsx'], 'pdf');
  const report = await load();
  return { format: kind, name: name(report), body: kind === 'pdf' ? await pdf(report) : await xlsx(report) };
}

function idParam(req: ReportRequest, name: string, label: string): number {
  const id = parseId(req.params[name] ?? '');
  if (id === null) throw badInput(`${label}: ожидается положительное целое число`);
  return id;
}

async function collegeName(db: Db, institutionId: number): Promise<string> {
  const [college] = await db
    .select({ name: institutions.shortName })
    .from(institutions)
    .where(eq(institutions.id, institutionId));
  return college?.name ?? '';
}

export const REPORT_ROUTES = {
  /** «Распечатка классного журнала»: `?groupId&termId[&assignmentId][&from&to][&lessonsPerPage][&newPage=0]`. */
  'journal-printout': {
    method: 'GET',
    reads: 'replica',
    permission: 'reports.print',
    formats: ['pdf'],
    async make(db, actor, req) {
      const copy = await loadJournalCopy(db, actor, printoutInputFromQuery(req.query));
      const subject = copy.all ? '' : ` ${copy.journals[0]?.itemCode ?? ''}`;
      // Seconds of drawing for a whole group: in the renderer process, not on the thread that answers everyone.
      const { pdf } = await renderOffThread({ kind: 'printout', data: copy });
      return { format: 'pdf', name: `Классный журнал ${copy.group.name}${subject} ${copy.term.name}`, body: pdf };
    },
  },
  /** «Сводная ведомость учета успеваемости»: `?groupId&termId[&period=year]&format=pdf|xlsx`. */
  consolidated: {
    method: 'GET',
    reads: 'replica',
    permission: 'reports.group',
    formats: ['pdf', 'xlsx'],
    async make(db, actor, req) {
      return pdfOrXlsx(
        req.query,
        () => loadConsolidatedSheet(db, actor, consolidatedInputFromQuery(req.query)),
        (report) => `Сводная ведомость ${report.header.group.name} ${report.periodLabel}`,
        renderConsolidatedPdf,
        renderConsolidatedXlsx,
      );
    },
  },
  /** The files of a «Все группы» job: `?groupId` — that group's PDF; without — all of them as a ZIP once it is done. */
  'college-printouts/[jobId]': {
    method: 'GET',
    permission: 'reports.collegeJobs',
    formats: ['zip', 'pdf'],
    async make(db, actor, req) {
      const groupId = req.query.get('groupId');
      const group = groupId === null ? undefined : parseId(groupId);
      if (group === null) throw badInput('Группа: ожидается положительное целое число');
      return jobFile(db, actor, idParam(req, 'jobId', 'Задание'), group);
    },
  },
  /** «Табель успеваемости» of a student: `?termId[&period=year]` (PDF). */
  'report-card/[studentId]': {
    method: 'GET',
    reads: 'replica',
    permission: 'reports.card',
    formats: ['pdf'],
    async make(db, actor, req) {
      const card = await loadReportCard(db, actor, reportCardInputFromQuery(req.params.studentId, req.query));
      return { format: 'pdf', name: reportCardTitle(card), body: await renderReportCardPdf(card) };
    },
  },
  /** «Лист контроля ведения журнала» of a teacher: `?termId&format=pdf|xlsx`. */
  'journal-keeping/[teacherId]': {
    method: 'GET',
    reads: 'replica',
    permission: 'reports.print',
    formats: ['pdf', 'xlsx'],
    async make(db, actor, req) {
      return pdfOrXlsx(
        req.query,
        () => loadKeepingSheet(db, actor, keepingInputFromQuery(req.params.teacherId, req.query)),
        keepingTitle,
        renderKeepingPdf,
        renderKeepingXlsx,
      );
    },
  },
  /** A certified copy as it was stored when certified (the PDF with its verification code on every page). */
  'certified/[code]': {
    method: 'GET',
    permission: 'reports.group',
    formats: ['pdf'],
    async make(db, actor, req) {
      const copy = await copyPdf(db, actor, req.params.code ?? '');
      return { format: 'pdf', name: copy.title, body: copy.pdf };
    },
  },
  /** Attendance of a group for a period: `?groupId&termId[&from&to]&format=pdf|xlsx`. */
  attendance: {
    method: 'GET',
    reads: 'replica',
    permission: 'reports.group',
    formats: ['pdf', 'xlsx'],
    async make(db, actor, req) {
      return pdfOrXlsx(
        req.query,
        () => loadAttendance(db, actor, attendanceInputFromQuery(req.query)),
        attendanceTitle,
        renderAttendancePdf,
        renderAttendanceXlsx,
      );
    },
  },
  /** The curator's week of a group (issue #13, item 4): `?date&period=week|month&format=pdf|xlsx`. */
  'curator-week/[groupId]': {
    method: 'GET',
    reads: 'replica',
    permission: 'reports.group',
    formats: ['pdf', 'xlsx'],
    async make(db, actor, req) {
      return pdfOrXlsx(
        req.query,
        () => loadCuratorWeek(db, actor, curatorWeekInputFromQuery(req.params.groupId, req.query)),
        curatorWeekTitle,
        renderCuratorWeekPdf,
        renderCuratorWeekXlsx,
      );
    },
  },
  /** «Экзаменационная ведомость» of a journal's attestation: `?format=pdf|xlsx`. */
  'exam-sheet/[assignmentId]': {
    method: 'GET',
    reads: 'replica',
    permission: 'journal.read',
    formats: ['pdf', 'xlsx'],
    async make(db, actor, req) {
      return pdfOrXlsx(
        req.query,
        () => loadExamSheet(db, actor, idParam(req, 'assignmentId', 'Журнал')),
        examSheetName,
        renderExamSheetPdf,
        renderExamSheetXlsx,
      );
    },
  },
  /** A journal's КТП: `?format=pdf` the printed plan, `xlsx` the plan in the import template. */
  'ktp/[assignmentId]': {
    method: 'GET',
    reads: 'replica',
    permission: 'journal.read',
    formats: ['pdf', 'xlsx'],
    async make(db, actor, req) {
      const kind = format(req.query, ['pdf', 'xlsx'], 'pdf');
      const ktp = await loadKtp(db, actor, idParam(req, 'assignmentId', 'Журнал'));
      const a = ktp.assignment;
      return {
        format: kind,
        name: `КТП ${a.itemCode} ${a.groupName}`,
        body:
          kind === 'pdf'
            ? await renderKtpPdf(ktp, await collegeName(db, a.institutionId))
            : await renderKtpTemplate(ktp.rows),
      };
    },
  },
  /** Hours delivered: `?format=xlsx|pdf&by&termId&from&to`, the figures of /hours. */
  /** The monitoring of journal keeping (XLSX): `?termId&departmentId&teacherId&groupId` (issue #13, item 1). */
  monitoring: {
    method: 'GET',
    reads: 'replica',
    permission: 'control.monitor',
    formats: ['xlsx'],
    async make(db, actor, req) {
      format(req.query, ['xlsx'], 'xlsx');
      const number = (key: string) => (req.query.get(key) ? Number(req.query.get(key)) : undefined);
      const parsed = monitoringInput.safeParse({
        termId: number('termId'),
        departmentId: number('departmentId'),
        teacherId: number('teacherId'),
        groupId: number('groupId'),
      });
      if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? 'Неверный запрос');
      const report = await monitoring(db, actor, parsed.data);
      return { format: 'xlsx', name: monitoringTitle(report), body: await renderMonitoringXlsx(report, publicUrl()) };
    },
  },
  /** The region's view (XLSX): `?period=2026-1`, one row of aggregates per college in scope (issue #27, item 3). */
  region: {
    method: 'GET',
    reads: 'replica',
    permission: 'region.indicators',
    formats: ['xlsx'],
    async make(db, actor, req) {
      format(req.query, ['xlsx'], 'xlsx');
      const parsed = regionInput.safeParse({ period: req.query.get('period') || undefined });
      if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? 'Неверный запрос');
      const report = await regionIndicators(db, actor, parsed.data);
      return { format: 'xlsx', name: regionTitle(report), body: await renderRegionXlsx(report) };
    },
  },
  hours: {
    method: 'GET',
    reads: 'replica',
    permission: 'hours.read',
    formats: ['xlsx', 'pdf'],
    async make(db, actor, req) {
      const kind = format(req.query, ['xlsx', 'pdf'], 'xlsx');
      const { format: _format, termId, ...query } = Object.fromEntries(req.query);
      const parsed = hoursInput.safeParse({ ...query, termId: termId === undefined ? undefined : Number(termId) });
      if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? 'Неверный запрос');
      const report = await hoursDelivered(db, actor, parsed.data);
      return {
        format: kind,
        name: hoursTitle(report),
        body: kind === 'pdf' ? await renderHoursPdf(report) : await renderHoursXlsx(report),
      };
    },
  },
  /** The printed week of a group, a teacher, a room or a department: `?kind&id&date`. */
  timetable: {
    method: 'GET',
    reads: 'replica',
    permission: 'timetable.place',
    formats: ['pdf'],
    async make(db, actor, req) {
      const query = Object.fromEntries(req.query);
      const parsed = viewInput.safeParse({ ...query, id: query.id === undefined ? undefined : Number(query.id) });
      if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? 'Неверный запрос');
      const view = await timetableView(db, actor, parsed.data);
      return { format: 'pdf', name: `Расписание ${view.title} ${view.monday}`, body: await renderTimetableWeek(view) };
    },
  },
  /** The group's student list as CSV for Excel (the curator's «reports on request»). */
  'group-roster/[groupId]': {
    method: 'GET',
    reads: 'replica',
    permission: 'people.read',
    formats: ['csv'],
    async make(db, actor, req) {
      const today = todayOf(actor);
      const roster = await groupRoster(db, actor, idParam(req, 'groupId', 'Группа'), today);
      if (!roster) throw outOfScope();
      return { format: 'csv', name: `Список группы ${roster.group.name}`, body: rosterCsv(roster, today) };
    },
  },
  /** A curriculum as XLSX in the import template: export, edit in Excel, import back. */
  'curriculum/[curriculumId]': {
    method: 'GET',
    reads: 'replica',
    permission: 'curriculum.read',
    formats: ['xlsx'],
    async make(db, actor, req) {
      const plan = await getCurriculum(db, actor, { curriculumId: idParam(req, 'curriculumId', 'Учебный план') });
      return { format: 'xlsx', name: plan.name, body: await writeCurriculumWorkbook(plan.name, plan.items) };
    },
  },
  /** The empty curriculum import template. */
  'curriculum-template': {
    method: 'GET',
    permission: 'curriculum.manage',
    formats: ['xlsx'],
    async make() {
      return {
        format: 'xlsx',
        name: 'Шаблон учебного плана',
        body: await writeCurriculumWorkbook('Шаблон учебного плана', []),
      };
    },
  },
  /** The empty student list template (XLSX) with its explanations. */
  'student-template': {
    method: 'GET',
    permission: 'students.import',
    formats: ['xlsx'],
    async make() {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Студенты', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.addRow([...STUDENT_COLUMNS]);
      sheet.getRow(1).font = { bold: true };
      STUDENT_COLUMNS.forEach((_, i) => (sheet.getColumn(i + 1).width = i === 7 ? 32 : 18));
      const help = workbook.addWorksheet('Пояснения');
      help.getColumn(1).width = 110;
      [
        'Одна строка — один студент. Обязательны фамилия и имя (русскими буквами).',
        'Дата рождения — ДД.ММ.ГГГГ или дата Excel. № зачётной книжки не должен повторяться в колледже.',
        `Родитель (необязательно): ФИО через пробел; кем приходится — ${RELATIONS.join(', ')}.`,
        'Можно сохранить как CSV (UTF-8, разделитель «;»). Если хоть одна строка с ошибкой, не загружается никто.',
        'Дата зачисления и приказ указываются на странице загрузки и относятся ко всем строкам.',
      ].forEach((line) => help.addRow([line]));
      return { format: 'xlsx', name: 'Шаблон списка студентов', body: await workbookBuffer(workbook) };
    },
  },
  /**
   * The printed slips for logins just issued by the curator: the browser posts back the one-time passwords it was
   * shown, the server checks each against the account and prints names and logins from the database.
   */
  'access-slips': {
    method: 'POST',
    permission: 'access.issue',
    formats: ['pdf'],
    async make(db, actor, req) {
      const parsed = slipsInput.safeParse(req.body);
      if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? 'Неверный запрос');
      const { institutionId, slips } = await slipsFor(db, actor, parsed.data, todayOf(actor));
      return {
        format: 'pdf',
        name: 'Листки доступа',
        body: await renderAccessSlips({ college: await collegeName(db, institutionId), address: publicUrl(), slips }),
      };
    },
  },
} as const satisfies Record<string, ReportRoute>;

export type ReportRouteName = keyof typeof REPORT_ROUTES;

/**
 * A report as the route makes it: 401 without an actor, 403 without the route's permission (the policy), then the
 * report's own scope checks. The route handlers and the report matrix both go through here.
 */
export async function produceReport(
  db: Db,
  actor: Actor | null,
  name: ReportRouteName,
  req: ReportRequest,
): Promise<ReportFile> {
  const route: ReportRoute = REPORT_ROUTES[name];
  const file = await route.make(db, authorize(actor, route.permission), req);
  if (!route.formats.includes(file.format))
    throw new Error(`Report ${name} made ${file.format}, not declared in its formats`);
  return file;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
};

/** The file as an HTTP answer: a download with its Russian name, never cached (personal data). */
export function fileResponse(file: ReportFile): Response {
  const body = typeof file.body === 'string' ? file.body : new Uint8Array(file.body);
  return new Response(body, {
    headers: {
      'content-type': CONTENT_TYPES[file.format],
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${file.name}.${file.format}`)}`,
      'cache-control': 'no-store',
    },
  });
}
