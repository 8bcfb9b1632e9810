/**
 * Every report route (server/reports/routes.ts) called as every demo role and anonymously, in scope and out of it, on
 * a real database seeded with the demo college — the report routes' part of the role matrix (issue #12, item 8). The
 * expectations are written out by hand from the regulation, not derived from the policy table. A walk checks that
 * every route file under app/api/reports serves one of the declared reports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { teachingAssignments, terms } from '../../db/schema';
import { ROLES, type Role } from '../../domain/roles';
import { A, F, useRoleFixtures, type Outcome } from '../../test/role-fixtures';
import type { Actor } from '../policy/actor';
import { Refusal } from '../policy/refusal';
import { certifyCopy } from './certify';
import { produceReport, REPORT_ROUTES, type ReportRouteName } from './routes';

const fx = useRoleFixtures();
/** Certified copies: the consolidated sheet of ИС-21 and one of a group of another department. */
const copies = { own: '', otherDepartment: '' };
/** The teacher of another journal of ИС-21 (not the demo teacher). */
const teachers = { other: 0 };
beforeAll(async () => {
  const [other] = await fx.database.db
    .select({ id: teachingAssignments.teacherUserId })
    .from(teachingAssignments)
    .where(eq(teachingAssignments.id, fx.foreignJournal));
  teachers.other = other!.id!;
  const sheet = (groupId: number) =>
    certifyCopy(fx.database.db, fx.actors.admin, {
      kind: 'consolidated',
      query: `groupId=${groupId}&termId=${fx.termId}`,
    });
  copies.own = (await sheet(fx.curatorGroupId)).code;
  copies.otherDepartment = (await sheet(fx.otherDepartmentGroupId)).code;
});

interface Row {
  name: string;
  route: ReportRouteName;
  query?: () => Record<string, string>;
  params?: () => Record<string, string>;
  body?: () => unknown;
  expect: Record<Role, Outcome>;
}

const term = () => String(fx.termId);
const GROUP_ADMINISTRATION: Record<Role, Outcome> = {
  admin: A,
  head: A,
  methodist: A,
  curator: A,
  teacher: F,
  student: F,
  parent: F,
  inspector: A,
};

const MATRIX: Row[] = [
  {
    name: 'journal-printout («Все», the curator’s group ИС-21)',
    route: 'journal-printout',
    query: () => ({ groupId: String(fx.curatorGroupId), termId: term() }),
    expect: GROUP_ADMINISTRATION,
  },
  {
    name: 'journal-printout («Все», another group of the department)',
    route: 'journal-printout',
    query: () => ({ groupId: String(fx.otherGroupId), termId: term() }),
    expect: { ...GROUP_ADMINISTRATION, curator: F },
  },
  {
    name: 'journal-printout («Все», a group of another department)',
    route: 'journal-printout',
    query: () => ({ groupId: String(fx.otherDepartmentGroupId), termId: term() }),
    expect: { ...GROUP_ADMINISTRATION, curator: F, head: F },
  },
  {
    name: 'journal-printout (one journal: the demo teacher’s own in ИС-21)',
    route: 'journal-printout',
    query: () => ({ groupId: String(fx.curatorGroupId), termId: term(), assignmentId: String(fx.journalId) }),
    expect: { ...GROUP_ADMINISTRATION, teacher: A },
  },
  {
    name: 'journal-printout (one journal of another department)',
    route: 'journal-printout',
    query: () => ({
      groupId: String(fx.otherDepartmentGroupId),
      termId: term(),
      assignmentId: String(fx.otherDepartmentJournal),
    }),
    expect: { ...GROUP_ADMINISTRATION, curator: F, head: F },
  },
  {
    name: 'consolidated (the curator’s group, PDF)',
    route: 'consolidated',
    query: () => ({ groupId: String(fx.curatorGroupId), termId: term() }),
    expect: GROUP_ADMINISTRATION,
  },
  {
    name: 'consolidated (another group of the department, XLSX, the year)',
    route: 'consolidated',
    query: () => ({ groupId: String(fx.otherGroupId), termId: term(), format: 'xlsx', period: 'year' }),
    expect: { ...GROUP_ADMINISTRATION, curator: F },
  },
  {
    name: 'consolidated (a group of another department)',
    route: 'consolidated',
    query: () => ({ groupId: String(fx.otherDepartmentGroupId), termId: term() }),
    expect: { ...GROUP_ADMINISTRATION, curator: F, head: F },
  },
  {
    name: 'certified/[code] (a copy of ИС-21)',
    route: 'certified/[code]',
    params: () => ({ code: copies.own }),
    expect: GROUP_ADMINISTRATION,
  },
  {
    name: 'certified/[code] (a copy of a group of another department)',
    route: 'certified/[code]',
    params: () => ({ code: copies.otherDepartment }),
    expect: { ...GROUP_ADMINISTRATION, curator: F, head: F },
  },
  {
    name: 'college-printouts/[jobId] (the ZIP of a finished job of the college)',
    route: 'college-printouts/[jobId]',
    params: () => ({ jobId: String(fx.reportJobId) }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'college-printouts/[jobId] (one group’s PDF)',
    route: 'college-printouts/[jobId]',
    query: () => ({ groupId: String(fx.curatorGroupId) }),
    params: () => ({ jobId: String(fx.reportJobId) }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'report-card/[studentId] (the parent’s child — the demo student — of ИС-21, the year)',
    route: 'report-card/[studentId]',
    query: () => ({ termId: term(), period: 'year' }),
    params: () => ({ studentId: String(fx.childId) }),
    expect: { ...GROUP_ADMINISTRATION, student: A, parent: A },
  },
  {
    name: 'report-card/[studentId] (the parent’s elder child of ИС-31, of age, without a consent to the parent)',
    route: 'report-card/[studentId]',
    params: () => ({ studentId: String(fx.endedChildId) }),
    expect: { ...GROUP_ADMINISTRATION, curator: F },
  },
  {
    name: 'report-card/[studentId] (a student of another department)',
    route: 'report-card/[studentId]',
    params: () => ({ studentId: String(fx.otherDepartmentStudent) }),
    expect: { ...GROUP_ADMINISTRATION, curator: F, head: F },
  },
  {
    name: 'journal-keeping/[teacherId] (the demo teacher, XLSX)',
    route: 'journal-keeping/[teacherId]',
    query: () => ({ termId: term(), format: 'xlsx' }),
    params: () => ({ teacherId: String(fx.actors.teacher.userId) }),
    expect: { ...GROUP_ADMINISTRATION, teacher: A },
  },
  {
    name: 'journal-keeping/[teacherId] (another teacher of ИС-21)',
    route: 'journal-keeping/[teacherId]',
    query: () => ({ termId: term() }),
    params: () => ({ teacherId: String(teachers.other) }),
    expect: GROUP_ADMINISTRATION,
  },
  {
    name: 'journal-keeping/[teacherId] (somebody with no journals: the administrator)',
    route: 'journal-keeping/[teacherId]',
    query: () => ({ termId: term() }),
    params: () => ({ teacherId: String(fx.actors.admin.userId) }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'attendance (ИС-21, October, XLSX)',
    route: 'attendance',
    query: () => ({
      groupId: String(fx.curatorGroupId),
      termId: term(),
      from: '2026-10-01',
      to: '2026-10-31',
      format: 'xlsx',
    }),
    expect: GROUP_ADMINISTRATION,
  },
  {
    name: 'curator-week/[groupId] (ИС-21, a week, PDF)',
    route: 'curator-week/[groupId]',
    params: () => ({ groupId: String(fx.curatorGroupId) }),
    query: () => ({ date: '2026-11-25' }),
    expect: GROUP_ADMINISTRATION,
  },
  {
    name: 'curator-week/[groupId] (a month of a group of another department, XLSX)',
    route: 'curator-week/[groupId]',
    params: () => ({ groupId: String(fx.otherDepartmentGroupId) }),
    query: () => ({ period: 'month', format: 'xlsx' }),
    expect: { ...GROUP_ADMINISTRATION, curator: F, head: F },
  },
  {
    name: 'attendance (a group of another department)',
    route: 'attendance',
    query: () => ({ groupId: String(fx.otherDepartmentGroupId), termId: term() }),
    expect: { ...GROUP_ADMINISTRATION, curator: F, head: F },
  },
  {
    name: 'exam-sheet/[assignmentId] (a journal of ИС-21)',
    route: 'exam-sheet/[assignmentId]',
    params: () => ({ assignmentId: String(fx.journalId) }),
    expect: { ...GROUP_ADMINISTRATION, teacher: A },
  },
  {
    name: 'exam-sheet/[assignmentId] (a journal of another department, XLSX)',
    route: 'exam-sheet/[assignmentId]',
    query: () => ({ format: 'xlsx' }),
    params: () => ({ assignmentId: String(fx.otherDepartmentJournal) }),
    expect: { ...GROUP_ADMINISTRATION, curator: F, head: F },
  },
  {
    name: 'ktp/[assignmentId] (a journal of ИС-21)',
    route: 'ktp/[assignmentId]',
    params: () => ({ assignmentId: String(fx.journalId) }),
    expect: { ...GROUP_ADMINISTRATION, teacher: A },
  },
  {
    name: 'ktp/[assignmentId] (a journal of another department, XLSX)',
    route: 'ktp/[assignmentId]',
    query: () => ({ format: 'xlsx' }),
    params: () => ({ assignmentId: String(fx.otherDepartmentJournal) }),
    expect: { ...GROUP_ADMINISTRATION, curator: F, head: F },
  },
  {
    name: 'hours (by group, XLSX)',
    route: 'hours',
    query: () => ({ by: 'group', format: 'xlsx' }),
    expect: { admin: F, head: A, methodist: A, curator: F, teacher: A, student: F, parent: F, inspector: A },
  },
  {
    name: 'monitoring (XLSX)',
    route: 'monitoring',
    query: () => ({ format: 'xlsx' }),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'region (XLSX: the inspector’s own college; no college role)',
    route: 'region',
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'region (a period no college has)',
    route: 'region',
    query: () => ({ period: '2040-2' }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'timetable (the week of ИС-21)',
    route: 'timetable',
    query: () => ({ kind: 'group', id: String(fx.curatorGroupId), date: '2026-11-23' }),
    expect: { admin: F, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'timetable (the week of a group of another department)',
    route: 'timetable',
    query: () => ({ kind: 'group', id: String(fx.otherDepartmentGroupId), date: '2026-11-23' }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'group-roster/[groupId] (ИС-21)',
    route: 'group-roster/[groupId]',
    params: () => ({ groupId: String(fx.curatorGroupId) }),
    expect: GROUP_ADMINISTRATION,
  },
  {
    name: 'group-roster/[groupId] (a group of another department)',
    route: 'group-roster/[groupId]',
    params: () => ({ groupId: String(fx.otherDepartmentGroupId) }),
    expect: { ...GROUP_ADMINISTRATION, curator: F, head: F },
  },
  {
    name: 'curriculum/[curriculumId] (the curriculum of ИС-21)',
    route: 'curriculum/[curriculumId]',
    params: () => ({ curriculumId: String(fx.ownCurriculum.id) }),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'curriculum/[curriculumId] (a curriculum of another department)',
    route: 'curriculum/[curriculumId]',
    params: () => ({ curriculumId: String(fx.otherDepartmentCurriculum) }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
  },
  {
    name: 'curriculum-template',
    route: 'curriculum-template',
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'student-template',
    route: 'student-template',
    expect: { admin: A, head: F, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'access-slips (no slips: passes the policy, prints nothing)',
    route: 'access-slips',
    body: () => ({ slips: [] }),
    expect: { admin: A, head: F, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
];

async function outcome(actor: Actor | null, row: Row): Promise<Outcome> {
  try {
    await produceReport(fx.database.db, actor, row.route, {
      query: new URLSearchParams(row.query?.() ?? {}),
      params: row.params?.() ?? {},
      body: row.body?.() ?? null,
    });
    return 'ok';
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    if (error.status === 403 || error.status === 404) return 'forbidden';
    // Past the policy, refused for its input: the role was allowed.
    if (error.status === 400) return 'ok';
    if (error.status === 401) return 'unauthorized';
    throw error;
  }
}

describe('report routes: role matrix', () => {
  it('covers every report route, and every route file serves a declared report', () => {
    const covered = new Set(MATRIX.map((m) => m.route));
    expect([...covered].sort()).toEqual(Object.keys(REPORT_ROUTES).sort());
    const root = path.resolve(import.meta.dirname, '../../app/api/reports');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('route.ts'));
    const served = files.map((f) => {
      const text = readFileSync(path.join(root, f), 'utf8');
      const name = /serveReport\('([^']+)'\)/.exec(text)?.[1];
      expect(name, `${f} должен отдавать отчёт через serveReport`).toBe(path.dirname(f));
      expect(text).toContain(`export const ${REPORT_ROUTES[name as ReportRouteName].method} = `);
      return name;
    });
    expect(served.sort()).toEqual(Object.keys(REPORT_ROUTES).sort());
  });

  for (const row of MATRIX) {
    it.each(ROLES.map((role) => [role, row.expect[role]] as const))(
      `${row.name} as %s → %s`,
      async (role, expected) => {
        expect(await outcome(fx.actors[role], row)).toBe(expected);
      },
    );
    it(`${row.name} anonymously → unauthorized`, async () => {
      expect(await outcome(null, row)).toBe('unauthorized');
    });
  }

  it('the term of the fixtures is the autumn one', async () => {
    const [t] = await fx.database.db.select().from(terms).where(eq(terms.id, fx.termId));
    expect(t!.startsOn).toBe('2026-09-01');
  });
});
