/**
 * Every PDF the product draws, with the longest values the forms accept (test/longest-values.ts), read back word by
 * word with Debian's pdftotext (test/pdf-layout.ts): no two words printed over each other, no word out of the printable
 * area or out of its cell (crossed by a drawn line), nothing set below 6 pt, and the long names, titles and texts
 * printed whole (issue #26, item 3). The reported pages are among them: the printed journal of ИС-21 (now renamed)
 * cut «Мамедов-Задунайский …» and «Римская-Корсакова Анна-Мария-Луиза …» (a), and on its ОП.04 continuation page
 * printed «Ноябрь» over «Аттестация», which ran past the table's edge (b).
 *
 * The walk is over the report routes (server/reports/routes.ts): each route is a PDF kind here or says why not, and
 * each module that draws a PDF (`renderPdf`) is reached by one of them — a new kind cannot be missed. One render per
 * kind (two for the timetable's two layouts and for the two kinds of certified copy).
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Document, Page, Text, View } from '@react-pdf/renderer';
import { eq, sql } from 'drizzle-orm';
import { createElement as h } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { curricula, groups } from '../../db/schema';
import { shortName } from '../../domain/names';
import type { Role } from '../../domain/roles';
import { useDemoDatabase } from '../../test/demo-database';
import { LIMITS, LONGEST, PEOPLE, writeLongestValues, type LongestFixture } from '../../test/longest-values';
import { findText, layoutFaults, pagesText, readPdfLayout, type PageLayout } from '../../test/pdf-layout';
import { ensurePdftotext } from '../../scripts/poppler';
import { todayOf } from '../policy/actor';
import { createInstitutionInput } from '../services/college/institutions';
import { departmentInput, groupInput, specialtyInput } from '../services/college/structure-edit';
import { enrolInput } from '../services/contingent/movement';
import { lessonFields } from '../services/journal/lessons';
import { saveKtpInput } from '../services/journal/ktp';
import { issueAccess } from '../services/people/family-access';
import { openYearInput } from '../services/college/years';
import { roomInput } from '../services/timetable/setup';
import { certifyCopy } from './certify';
import { renderPdf } from './pdf-fonts';
import { stopRenderer } from './render/off-thread';
import { produceReport, REPORT_ROUTES, type ReportRequest, type ReportRouteName } from './routes';

const demo = useDemoDatabase();
let fx: LongestFixture;

beforeAll(async () => {
  ensurePdftotext();
  fx = await writeLongestValues(demo.database.db, demo.actors);
}, 120_000);
afterAll(() => stopRenderer());

type Case =
  | {
      kind: 'pdf';
      /** Who asks for it (a role the route allows). */
      as: Role;
      /** One request, or several for the layouts of one route. */
      requests: () => Promise<Partial<ReportRequest>[]>;
      /** Texts the document must print whole. */
      whole: () => string[];
    }
  | { kind: 'sameAs'; route: ReportRouteName; why: string }
  | { kind: 'notPdf'; as: Role; request: () => Promise<Partial<ReportRequest>> };

const q = (o: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)]));
const subjectTitle = () => `ОП.04 ${LONGEST.subject}`;
/** The earliest lesson date of the journal from which at most `most` lessons run to its last, and how many. */
async function lastLessons(assignmentId: number, most: number): Promise<{ from: string; lessons: number }> {
  const rows = await queryRows<{ date: string; n: number }>(
    demo.database.db,
    sql`select date::text as date, (select count(*)::int from lessons o
          where o.teaching_assignment_id = ${assignmentId} and o.date >= l.date) as n
        from lessons l where l.teaching_assignment_id = ${assignmentId} group by date order by date`,
  );
  const first = rows.find((r) => r.n <= most)!;
  return { from: first.date, lessons: first.n };
}
/** A week of the timetable the fixtures placed lessons in. */
const TIMETABLE_WEEK = '2026-12-08';
const studentNames = () => [fx.names.mamedov, fx.names.rimskaya, fx.names.longest, fx.names.unbroken];

const CASES: Record<ReportRouteName, Case> = {
  'journal-printout': {
    kind: 'pdf',
    as: 'admin',
    // The whole term; and from the date that leaves ОП.04 at most 41 lessons to the term's end, one fewer a page:
    // its last lesson alone on the continued page, beside the attestation block — the reported layout (b).
    requests: async () => {
      const { from, lessons } = await lastLessons(fx.journalId, 41);
      return [
        { query: q({ groupId: fx.groupId, termId: fx.termId }) },
        { query: q({ groupId: fx.groupId, termId: fx.termId, from, lessonsPerPage: Math.max(5, lessons - 1) }) },
      ];
    },
    whole: () => [
      ...studentNames(),
      subjectTitle(),
      fx.names.teacher,
      LONGEST.topic,
      LONGEST.homework,
      LONGEST.unbrokenTopic,
      `${shortName(PEOPLE.substitute)} (замена)`,
      LONGEST.collegeFullName,
      LONGEST.specialty,
      `Отделение: ${LONGEST.department}`,
      `Классный руководитель: ${fx.names.curator}`,
      `Заведующий отделением «${LONGEST.department}»`,
      fx.names.head,
    ],
  },
  consolidated: {
    kind: 'pdf',
    as: 'admin',
    requests: async () => [{ query: q({ groupId: fx.groupId, termId: fx.termId, format: 'pdf' }) }],
    whole: () => [...studentNames(), LONGEST.collegeFullName, LONGEST.specialty, fx.names.head, fx.names.curator],
  },
  'college-printouts/[jobId]': {
    kind: 'sameAs',
    route: 'journal-printout',
    why: 'the job stores «Распечатка классного журнала» of each group, drawn by the same document',
  },
  'report-card/[studentId]': {
    kind: 'pdf',
    as: 'admin',
    requests: async () => [
      {
        params: { studentId: String(fx.studentIds.longest) },
        query: q({ termId: fx.termId, period: 'year' }),
      },
    ],
    whole: () => [fx.names.longest, LONGEST.collegeFullName, LONGEST.specialty, subjectTitle(), fx.names.curator],
  },
  'journal-keeping/[teacherId]': {
    kind: 'pdf',
    as: 'admin',
    requests: async () => [
      { params: { teacherId: String(demo.actors.teacher.userId) }, query: q({ termId: fx.termId, format: 'pdf' }) },
    ],
    whole: () => [fx.names.teacher, subjectTitle(), LONGEST.collegeFullName, LONGEST.group],
  },
  'certified/[code]': {
    kind: 'pdf',
    as: 'admin',
    requests: async () => {
      const db = demo.database.db;
      const journal = await certifyCopy(db, demo.actors.head, {
        kind: 'journal',
        query: `groupId=${fx.groupId}&termId=${fx.termId}&assignmentId=${fx.journalId}`,
      });
      const sheet = await certifyCopy(db, demo.actors.admin, {
        kind: 'consolidated',
        query: `groupId=${fx.groupId}&termId=${fx.termId}`,
      });
      certified.push(journal.code, sheet.code);
      return [{ params: { code: journal.code } }, { params: { code: sheet.code } }];
    },
    whole: () => [...studentNames(), ...certified.map((code) => `Заверенная копия № ${code}`)],
  },
  attendance: {
    kind: 'pdf',
    as: 'admin',
    requests: async () => [{ query: q({ groupId: fx.groupId, termId: fx.termId, format: 'pdf' }) }],
    whole: () => [...studentNames(), LONGEST.collegeFullName, fx.names.curator],
  },
  'curator-week/[groupId]': {
    kind: 'pdf',
    as: 'admin',
    requests: async () => [
      { params: { groupId: String(fx.groupId) }, query: q({ date: '2026-09-15', period: 'month', format: 'pdf' }) },
    ],
    whole: () => [
      shortName(PEOPLE.longest),
      shortName(PEOPLE.mamedov),
      LONGEST.subjectShort,
      LONGEST.otherSubjectShort,
      LONGEST.collegeFullName,
      fx.names.curator,
    ],
  },
  'exam-sheet/[assignmentId]': {
    kind: 'pdf',
    as: 'admin',
    requests: async () => [{ params: { assignmentId: String(fx.journalId) }, query: q({ format: 'pdf' }) }],
    whole: () => [...studentNames(), `Дисциплина: ${subjectTitle()}`, fx.names.teacher, LONGEST.collegeFullName],
  },
  'ktp/[assignmentId]': {
    kind: 'pdf',
    as: 'admin',
    requests: async () => [{ params: { assignmentId: String(fx.journalId) }, query: q({ format: 'pdf' }) }],
    whole: () => [
      LONGEST.ktpSection,
      LONGEST.ktpTopic,
      LONGEST.ktpApprovedBy,
      LONGEST.ktpReviewedAt,
      `по ${subjectTitle()}`,
      shortName(PEOPLE.teacher),
      LONGEST.collegeShortName,
    ],
  },
  hours: {
    kind: 'pdf',
    as: 'methodist',
    requests: async () => [{ query: q({ by: 'item', termId: fx.termId, format: 'pdf' }) }],
    whole: () => [LONGEST.subject, LONGEST.otherSubject, LONGEST.collegeShortName],
  },
  monitoring: { kind: 'notPdf', as: 'methodist', request: async () => ({ query: q({ format: 'xlsx' }) }) },
  region: { kind: 'notPdf', as: 'inspector', request: async () => ({ query: q({}) }) },
  timetable: {
    kind: 'pdf',
    as: 'methodist',
    requests: async () => [
      { query: q({ kind: 'group', id: fx.groupId, date: TIMETABLE_WEEK }) },
      { query: q({ kind: 'department', id: fx.departmentId, date: TIMETABLE_WEEK }) },
    ],
    whole: () => [
      LONGEST.group,
      LONGEST.collegeShortName,
      LONGEST.subjectShort,
      LONGEST.otherSubjectShort,
      shortName(PEOPLE.teacher),
    ],
  },
  'group-roster/[groupId]': {
    kind: 'notPdf',
    as: 'curator',
    request: async () => ({ params: { groupId: String(fx.groupId) } }),
  },
  'curriculum/[curriculumId]': {
    kind: 'notPdf',
    as: 'methodist',
    request: async () => {
      const [group] = await demo.database.db.select().from(groups).where(eq(groups.id, fx.groupId));
      const [plan] = await demo.database.db
        .select()
        .from(curricula)
        .where(eq(curricula.specialtyId, group!.specialtyId));
      return { params: { curriculumId: String(plan!.id) } };
    },
  },
  'curriculum-template': { kind: 'notPdf', as: 'admin', request: async () => ({}) },
  'student-template': { kind: 'notPdf', as: 'curator', request: async () => ({}) },
  'access-slips': {
    kind: 'pdf',
    as: 'curator',
    requests: async () => {
      const curator = demo.actors.curator;
      const people = [
        { kind: 'student' as const, id: fx.studentIds.longest },
        ...(fx.guardianId ? [{ kind: 'guardian' as const, id: fx.guardianId }] : []),
      ];
      const slips = await issueAccess(demo.database.db, curator, { groupId: fx.groupId, people }, todayOf(curator));
      return [
        {
          body: {
            groupId: fx.groupId,
            slips: slips.map((s) => ({ kind: s.kind, id: s.personId, password: s.password })),
          },
        },
      ];
    },
    whole: () => [fx.names.longest, ...(fx.guardianId ? [fx.names.guardian] : []), LONGEST.collegeShortName],
  },
};
const certified: string[] = [];

/** The modules that draw a PDF, and the routes that reach each. */
const DRAWN_BY: Record<string, ReportRouteName[]> = {
  'server/reports/printout/document.tsx': ['journal-printout', 'certified/[code]'],
  'server/reports/consolidated/document.tsx': ['consolidated', 'certified/[code]'],
  'server/reports/report-card.tsx': ['report-card/[studentId]'],
  'server/reports/journal-keeping.tsx': ['journal-keeping/[teacherId]'],
  'server/reports/attendance.tsx': ['attendance'],
  'server/reports/curator-week.tsx': ['curator-week/[groupId]'],
  'server/reports/exam-sheet.tsx': ['exam-sheet/[assignmentId]'],
  'server/reports/ktp.tsx': ['ktp/[assignmentId]'],
  'server/reports/hours.tsx': ['hours'],
  'server/reports/timetable-week.tsx': ['timetable'],
  'server/reports/access-slips.tsx': ['access-slips'],
};

function report(pages: PageLayout[], faults: string[], missing: string[]): string {
  return [
    ...faults.slice(0, 40),
    ...(faults.length > 40 ? [`… и ещё ${faults.length - 40}`] : []),
    ...missing.map((t) => `не напечатано целиком: «${t.slice(0, 120)}${t.length > 120 ? '…' : ''}»`),
    ...(missing.length ? [`текст документа: ${pagesText(pages).slice(0, 3000)}`] : []),
  ].join('\n');
}

/**
 * The two faults of the report on the printed journal of ИС-21, before the rest: (a) the names printed whole, on the
 * marks pages as on the lessons' — «Мамедов-Задунайский …» and «Римская-Корсакова Анна-Мария-Луиза …» lost their ends;
 * (b) on ОП.04's continued page (after 40 lessons then; here its lessons but one), where November has one lesson's column beside the attestation block,
 * nothing over anything and nothing out of its cell — «Ноябрь» was printed over «Аттестация», which ran past the edge.
 */
function reportedFaults(pages: PageLayout[]) {
  const marks = pages.filter((p) => p.words.some((w) => w.text === 'отчество'));
  for (const name of [fx.names.mamedov, fx.names.rimskaya]) expect.soft(findText(marks, name), name).toBe(true);
  const continued = pages.find((p) => {
    const text = p.words.map((w) => w.text).join(' ');
    return text.includes('ОП.04') && text.includes('(продолжение)') && text.includes('Аттестация');
  });
  expect(continued, 'страница продолжения ОП.04 с аттестацией').toBeDefined();
  expect.soft(layoutFaults([continued!])).toEqual([]);
}

describe('the layout check itself', () => {
  it('sees text printed over text, out of its cell and cut short — the two reported faults drawn as they were', async () => {
    // As the printout drew them before: a name in a one-line cell (maxLines: 1) and a month's label centred over one
    // lesson's column next to «Аттестация», which ran past the table's right edge.
    const pdf = await renderPdf((font) =>
      h(
        Document,
        null,
        h(
          Page,
          { size: 'A4', orientation: 'landscape', style: { fontFamily: font, fontSize: 7, padding: 30 } },
          h(
            View,
            { style: { position: 'relative', width: 300, height: 40, borderWidth: 0.5 } },
            h(View, { style: { position: 'absolute', left: 150, top: 0, height: 40, borderLeftWidth: 0.5 } }),
            h(View, { style: { position: 'absolute', left: 164, top: 0, height: 40, borderLeftWidth: 0.5 } }),
            h(View, { style: { position: 'absolute', left: 190, top: 0, height: 40, borderLeftWidth: 0.5 } }),
            h(
              Text,
              { style: { position: 'absolute', left: 2, top: 13, width: 146, maxLines: 1 } },
              'Римская-Корсакова Анна-Мария-Луиза Александровна Константиновна',
            ),
            h(Text, { style: { position: 'absolute', left: 150, top: 2, width: 14, textAlign: 'center' } }, 'Ноябрь'),
            h(
              Text,
              { style: { position: 'absolute', left: 164, top: 2, width: 26, textAlign: 'center' } },
              'Аттестация',
            ),
          ),
        ),
      ),
    );
    const pages = await readPdfLayout(pdf);
    expect(pages[0]!.words.length).toBeGreaterThan(3);
    expect(pages[0]!.rules.length).toBeGreaterThan(3);
    const faults = layoutFaults(pages);
    expect(
      faults.some((f) => f.includes('«Ноябрь»') && f.includes('«Аттестация»') && f.includes('друг на друге')),
    ).toBe(true);
    expect(faults.some((f) => f.includes('«Аттестация»') && f.includes('выходит из своей ячейки'))).toBe(true);
    expect(findText(pages, 'Римская-Корсакова Анна-Мария-Луиза')).toBe(true);
    expect(findText(pages, 'Римская-Корсакова Анна-Мария-Луиза Александровна Константиновна')).toBe(false);
  });
});

describe('every PDF with the longest values the forms accept', () => {
  it('the fixtures are as long as the forms accept, and no longer', () => {
    const ORDER = { effectiveOn: '2026-09-01', orderNo: '1', orderDate: '2026-09-01' };
    const at = (s: string) => ({ length: s.length });
    expect(at(LONGEST.collegeFullName)).toEqual({ length: LIMITS.collegeFullName });
    expect(at(LONGEST.collegeShortName)).toEqual({ length: LIMITS.collegeShortName });
    const admin = { lastName: 'Иванов', firstName: 'Иван', login: 'ivanov' };
    const college = { fullName: LONGEST.collegeFullName, shortName: LONGEST.collegeShortName, admin };
    expect(createInstitutionInput.safeParse(college).success).toBe(true);
    expect(createInstitutionInput.safeParse({ ...college, fullName: `${LONGEST.collegeFullName}я` }).success).toBe(
      false,
    );
    expect(createInstitutionInput.safeParse({ ...college, shortName: `${LONGEST.collegeShortName}я` }).success).toBe(
      false,
    );
    expect(departmentInput.safeParse({ name: LONGEST.department }).success).toBe(true);
    expect(departmentInput.safeParse({ name: `${LONGEST.department}я` }).success).toBe(false);
    const specialty = { code: '09.02.07', name: LONGEST.specialty, qualification: 'программист', durationMonths: 46 };
    expect(specialtyInput.safeParse(specialty).success).toBe(true);
    expect(specialtyInput.safeParse({ ...specialty, name: `${LONGEST.specialty}я` }).success).toBe(false);
    const group = {
      name: LONGEST.group,
      specialtyId: 1,
      departmentId: 1,
      course: 2,
      admissionYear: 2025,
      studyForm: 'очная',
      curatorUserId: null,
    };
    expect(groupInput.safeParse(group).success).toBe(true);
    expect(groupInput.safeParse({ ...group, name: `${LONGEST.group}я` }).success).toBe(false);
    const year = { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-06-30' };
    const term = { name: LONGEST.term, startsOn: '2026-09-01', endsOn: '2026-12-28' };
    expect(openYearInput.safeParse({ ...year, terms: [term] }).success).toBe(true);
    expect(openYearInput.safeParse({ ...year, terms: [{ ...term, name: `${LONGEST.term}я` }] }).success).toBe(false);
    for (const p of [PEOPLE.longest, PEOPLE.unbroken, PEOPLE.mamedov, PEOPLE.rimskaya]) {
      const person = { groupId: 1, ...p, middleName: p.middleName ?? undefined, ...ORDER };
      const parsed = enrolInput.safeParse(person);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
    expect(PEOPLE.longest.lastName.length).toBe(LIMITS.personName);
    const longer = { groupId: 1, ...PEOPLE.longest, lastName: `${PEOPLE.longest.lastName}я`, ...ORDER };
    expect(enrolInput.safeParse(longer).success).toBe(false);
    const lesson = { date: '2026-09-01', kind: 'lecture', topic: LONGEST.topic, homework: LONGEST.homework };
    expect(LONGEST.topic.length).toBe(LIMITS.topic);
    expect(LONGEST.homework.length).toBe(LIMITS.homework);
    expect(lessonFields.shape.topic.safeParse(LONGEST.topic).success).toBe(true);
    expect(lessonFields.shape.topic.safeParse(`${LONGEST.topic}я`).success).toBe(false);
    expect(lessonFields.shape.homework.safeParse(`${lesson.homework}я`).success).toBe(false);
    const room = { number: LONGEST.room, building: LONGEST.building, seats: 30, kind: 'lecture', inUse: true };
    expect(roomInput.shape.number.safeParse(LONGEST.room).success).toBe(true);
    expect(roomInput.shape.number.safeParse(`${room.number}я`).success).toBe(false);
    expect(roomInput.shape.building.safeParse(`${room.building}я`).success).toBe(false);
    const ktp = { assignmentId: 1, version: 0, approvedBy: LONGEST.ktpApprovedBy, reviewedAt: LONGEST.ktpReviewedAt };
    const row = { section: false, title: LONGEST.ktpTopic, hours: 2, kind: 'lecture' };
    expect(saveKtpInput.safeParse({ ...ktp, rows: [row] }).success).toBe(true);
    expect(saveKtpInput.safeParse({ ...ktp, rows: [{ ...row, title: `${row.title}я` }] }).success).toBe(false);
    expect(saveKtpInput.safeParse({ ...ktp, rows: [], approvedBy: `${ktp.approvedBy}я` }).success).toBe(false);
    expect(saveKtpInput.safeParse({ ...ktp, rows: [], reviewedAt: `${ktp.reviewedAt}я` }).success).toBe(false);
    expect([LONGEST.subject.length, LONGEST.subjectShort.length, LONGEST.subgroup.length]).toEqual([
      LIMITS.subject,
      LIMITS.subjectShort,
      LIMITS.subgroup,
    ]);
  });

  it('walks every report route, and every module that draws a PDF is reached by one', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(REPORT_ROUTES).sort());
    const root = path.resolve(import.meta.dirname, '../..');
    const drawing = (readdirSync(path.join(root, 'server'), { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
      .map((f) => path.join('server', f))
      .filter((f) => /\brenderPdf\(/.test(readFileSync(path.join(root, f), 'utf8')) && !f.endsWith('pdf-fonts.ts'));
    expect(drawing.sort()).toEqual(Object.keys(DRAWN_BY).sort());
    for (const routes of Object.values(DRAWN_BY)) for (const r of routes) expect(CASES[r].kind).toBe('pdf');
  });

  for (const [route, c] of Object.entries(CASES) as [ReportRouteName, Case][]) {
    if (c.kind === 'sameAs')
      it(`${route}: the same document as ${c.route} (${c.why})`, () => {
        expect(CASES[c.route].kind).toBe('pdf');
      });
    else if (c.kind === 'notPdf')
      it(`${route}: not a PDF`, async () => {
        const req = await c.request();
        const file = await produceReport(demo.database.db, demo.actors[c.as], route, {
          query: req.query ?? new URLSearchParams(),
          params: req.params ?? {},
          body: req.body ?? null,
        });
        expect(file.format).not.toBe('pdf');
      });
    else
      it(`${route}: nothing cut, nothing over anything, nothing out of its cell`, async () => {
        const requests = await c.requests();
        const documents: PageLayout[][] = [];
        for (const [i, req] of requests.entries()) {
          const file = await produceReport(demo.database.db, demo.actors[c.as], route, {
            query: req.query ?? new URLSearchParams(),
            params: req.params ?? {},
            body: req.body ?? null,
          });
          expect(file.format).toBe('pdf');
          mkdirSync('test-results/pdf-layout', { recursive: true });
          writeFileSync(
            `test-results/pdf-layout/${route.replace(/[^\w-]+/g, '_')}${i ? `-${i + 1}` : ''}.pdf`,
            file.body,
          );
          const pages = await readPdfLayout(new Uint8Array(file.body as Buffer));
          // Not vacuous: every page has words, and the tables' lines were read.
          expect(pages.length).toBeGreaterThan(0);
          for (const p of pages) expect(p.words.length, `стр. ${p.page} без слов`).toBeGreaterThan(0);
          expect(pages.some((p) => p.rules.length > 0)).toBe(true);
          if (route === 'journal-printout') reportedFaults(pages);
          const faults = layoutFaults(pages);
          expect(faults, report(pages, faults, [])).toEqual([]);
          documents.push(pages);
        }
        const all = documents.flat();
        const missing = c.whole().filter((t) => !documents.some((pages) => findText(pages, t)));
        expect(missing, report(all, [], missing)).toEqual([]);
      }, 180_000);
  }
});
