/**
 * Two colleges in one database: no procedure, called by any role of either college, returns the other's data, and a
 * record of the other college asked for by id is refused exactly like an out-of-scope one.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { ROLES, type Role } from '../../domain/roles';
import { actorByLogin, demoActors } from '../../test/actors';
import { openTestDatabase } from '../../test/database';
import { createSecondInstitution } from '../../test/second-institution';
import type { Actor } from '../policy/actor';
import { createCallerFactory } from '../trpc/init';
import { appRouter } from './index';
import { eq } from 'drizzle-orm';
import {
  academicYears,
  curricula,
  institutions,
  departments,
  guardians,
  movementProposals,
  parentConsents,
  specialties,
  curriculumItems,
  groupMemberships,
  groupYearNames,
  students,
  teachingAssignments,
  lessons,
  subgroups,
  terms,
  users,
} from '../../db/schema';
import { demoJournalId } from '../../test/journal-fixtures';
import type { FormAction } from '../actions/form-action';
import { formActions } from '../../test/form-actions';
import { insertReportJob } from '../../test/report-jobs';

const createCaller = createCallerFactory(appRouter);
let database: Database;
let demo: Record<Role, Actor>;
let other: Record<Role, Actor>;
let second: Awaited<ReturnType<typeof createSecondInstitution>>;
/** A finished «Все группы» job in each college. */
const jobs = { demo: 0, second: 0 };

beforeAll(async () => {
  database = await openTestDatabase();
  second = await createSecondInstitution(database.db);
  demo = await demoActors(database.db);
  const entries = await Promise.all(
    ROLES.map(async (role) => [role, await actorByLogin(database.db, `other-${role}`)] as const),
  );
  other = Object.fromEntries(entries) as Record<Role, Actor>;
  actions = await formActions();
  jobs.demo = await insertReportJob(database.db, {
    institutionId: demo.admin.institutionId!,
    createdBy: demo.methodist.userId,
    termId: 1,
    groupId: demo.curator.grants.find((g) => g.role === 'curator')!.groupId!,
    groupName: 'ИС-31',
  });
  jobs.second = await insertReportJob(database.db, {
    institutionId: second.institutionId,
    createdBy: second.adminUserId,
    termId: second.termId,
    groupId: second.groupId,
    groupName: 'Чужая-1',
  });
});
afterAll(async () => {
  await database?.close();
});

/** Every read procedure with the inputs that would reach the other college's records. */
/** Names of the procedures `everything` calls (checked against the router). */
let called: string[] = [];
let calledActions: string[] = [];
let actions: Record<string, FormAction>;

async function everything(
  actor: Actor,
  foreign: {
    groupId: number;
    studentId: number;
    guardianId: number;
    assignmentId: number;
    lessonId: number;
    termId: number;
    yearId: number;
    adminUserId: number;
    curriculumId: number;
    specialtyId: number;
    reportJobId: number;
  },
): Promise<unknown[]> {
  const c = createCaller({ db: database.db, actor });
  const calls: Record<string, () => Promise<unknown>> = {
    'me.get': () => c.me.get(),
    'structure.overview': () => c.structure.overview(),
    'people.groups': () => c.people.groups(),
    'people.groupStudents': () => c.people.groupStudents({ groupId: foreign.groupId }),
    'journal.assignments': () => c.journal.assignments(),
    'family.students': () => c.family.students(),
    'family.portal': () => c.family.portal({ studentId: foreign.studentId }),
    'family.recentMarks': () => c.family.recentMarks({ studentId: foreign.studentId }),
    'audit.signIns': () => c.audit.signIns(),
    'audit.cardViews': () => c.audit.cardViews(),
    'staff.list': () => c.staff.list(),
    'staff.setActive': () => c.staff.setActive({ userId: foreign.adminUserId, active: false }),
    'staff.resetPassword': () => c.staff.resetPassword({ userId: foreign.adminUserId }),
    'people.studentCard': () => c.people.studentCard({ studentId: foreign.studentId }),
    'family.studentCard': () => c.family.studentCard({ studentId: foreign.studentId }),
    'family.accessEnded': () => c.family.accessEnded(),
    'family.consents': () => c.family.consents(),
    'years.list': () => c.years.list(),
    'years.open': () =>
      c.years.open({
        name: '2040/2041',
        startsOn: '2040-09-01',
        endsOn: '2041-06-30',
        terms: [{ name: 'x', startsOn: '2040-09-01', endsOn: '2040-12-01' }],
      }),
    'years.setTermLock': () => c.years.setTermLock({ termId: foreign.termId, locked: true }),
    'years.close': () => c.years.close({ yearId: foreign.yearId, reason: 'чужой год' }),
    'years.retention': () => c.years.retention(),
    'contingent.transferPreview': () => c.contingent.transferPreview({ targetYearId: foreign.yearId }),
    'contingent.transfer': () =>
      c.contingent.transfer({
        targetYearId: foreign.yearId,
        groupIds: [foreign.groupId],
        orderNo: '1-к',
        orderDate: '2026-08-30',
      }),
    'subgroups.split': () => c.subgroups.split({ groupId: foreign.groupId }),
    'subgroups.save': () =>
      c.subgroups.save({
        groupId: foreign.groupId,
        termId: foreign.termId,
        subgroups: [
          { name: 'А', studentIds: [foreign.studentId] },
          { name: 'Б', studentIds: [foreign.studentId] },
        ],
      }),
    'access.group': () => c.access.group({ groupId: foreign.groupId }),
    'access.issue': () =>
      c.access.issue({ groupId: foreign.groupId, people: [{ kind: 'student', id: foreign.studentId }] }),
    'curriculum.list': () => c.curriculum.list(),
    'curriculum.get': () => c.curriculum.get({ curriculumId: foreign.curriculumId }),
    'curriculum.import': () =>
      c.curriculum.import({ specialtyId: foreign.specialtyId, admissionYear: 2030, fileName: 'x.xlsx', file: 'eA==' }),
    'curriculum.saveItem': () =>
      c.curriculum.saveItem({
        curriculumId: foreign.curriculumId,
        rows: [['ОП', 'ОП.04', 'Взлом', '', '', '', '', '', '', '', '']],
        originalCode: 'ОП.04',
      }),
    'curriculum.deleteItem': () => c.curriculum.deleteItem({ curriculumId: foreign.curriculumId, code: 'ОП.04' }),
    'contingent.move': () =>
      c.contingent.move({
        kind: 'leave',
        studentId: foreign.studentId,
        effectiveOn: '2027-02-01',
        orderNo: '1-к',
        orderDate: '2027-01-20',
      }),
    'load.term': () => c.load.term({ termId: foreign.termId }),
    'load.createFromCurriculum': () => c.load.createFromCurriculum({ termId: foreign.termId }),
    'load.update': () => c.load.update({ assignmentId: foreign.assignmentId, teacherUserId: null, plannedHours: 1 }),
    'load.splitBySubgroups': () => c.load.splitBySubgroups({ assignmentId: foreign.assignmentId }),
    'load.delete': () => c.load.delete({ assignmentId: foreign.assignmentId }),
    'staff.options': () => c.staff.options(),
    'staff.create': () =>
      c.staff.create({ lastName: 'Чужак', firstName: 'Взлом', roles: [{ role: 'curator', groupId: foreign.groupId }] }),
    'staff.update': () =>
      c.staff.update({
        userId: foreign.adminUserId,
        lastName: 'Чужак',
        firstName: 'Взлом',
        roles: [{ role: 'teacher' }],
      }),
    'structure.options': () => c.structure.options(),
    'timetable.setup': () => c.timetable.setup(),
    'timetable.groupWeek': () => c.timetable.groupWeek({ termId: foreign.termId, groupId: foreign.groupId }),
    'timetable.groupDates': () => c.timetable.groupDates({ date: '2026-12-07', groupId: foreign.groupId }),
    'timetable.pending': () => c.timetable.pending(),
    // The own college's drafts only: the other college's journals are never in the preview.
    'timetable.publishPreview': () => c.timetable.publishPreview({ effectiveFrom: '2026-09-01', fillPast: true }),
    'timetable.hours': () => c.timetable.hours({ termId: foreign.termId }),
    'control.monitoring': () => c.control.monitoring({ termId: foreign.termId }),
    'control.remarks': () => c.control.remarks({ state: 'all' }),
    'control.notices': () => c.control.notices(),
    'control.noticeChoices': () => c.control.noticeChoices(),
    'control.activity': () => c.control.activity({ days: 14 }),
    'control.scheduledCheck': () => c.control.scheduledCheck(),
    'control.myRemarks': () => c.control.myRemarks({ state: 'all' }),
    'reports.preflight': () => c.reports.preflight({ groupId: foreign.groupId, termId: foreign.termId }),
    'reports.consolidated': () => c.reports.consolidated({ groupId: foreign.groupId, termId: foreign.termId }),
    'reports.curatorWeek': () => c.reports.curatorWeek({ groupId: foreign.groupId, period: 'month' }),
    'reports.copies': () => c.reports.copies({ groupId: foreign.groupId, termId: foreign.termId }),
    'reports.jobs': () => c.reports.jobs(),
    'reports.job': () => c.reports.job({ jobId: foreign.reportJobId }),
    'timetable.generateLessons': () => c.timetable.generateLessons({ termId: foreign.termId, after: 0 }),
    'timetable.myWeek': () => c.timetable.myWeek({ date: '2026-12-07', studentId: foreign.studentId }),
    'timetable.notices': () => c.timetable.notices(),
    'timetable.view': () => c.timetable.view({ kind: 'group', id: foreign.groupId, date: '2026-12-07' }),
    'timetable.collisions': () => c.timetable.collisions({ termId: foreign.termId }),
    'timetable.cellOptions': () => c.timetable.cellOptions({ assignmentId: foreign.assignmentId }),
    'timetable.place': () => c.timetable.place({ assignmentId: foreign.assignmentId, weekday: 1, pairNo: 1 }),
    // The other college's placements are asked for by ids this one does not have.
    'timetable.move': () => c.timetable.move({ entryId: 999999, weekday: 1, pairNo: 2 }),
    'timetable.remove': () => c.timetable.remove({ entryId: 999999 }),
    'people.importStudents': () =>
      c.people.importStudents({
        groupId: foreign.groupId,
        effectiveOn: '2026-12-01',
        orderNo: '1-к',
        orderDate: '2026-11-30',
        fileName: 'x.csv',
        file: Buffer.from(
          'Фамилия;Имя;Отчество;Дата рождения;№ зачётной книжки;Телефон;Эл. почта;Родитель: ФИО;Родитель: кем приходится;Родитель: телефон\nЧужак;Взлом;;;;;;;;',
        ).toString('base64'),
      }),
    'institutions.list': () => c.institutions.list(),
    'region.indicators': () => c.region.indicators(),
    'institutions.setTimeZone': () => c.institutions.setTimeZone({ institutionId: 1, timeZone: 'Asia/Vladivostok' }),
    'structure.setTimeZone': () => c.structure.setTimeZone({ timeZone: 'Mars/Olympus' }),
    'institutions.create': () =>
      c.institutions.create({
        fullName: 'Чужой новый колледж',
        shortName: 'Чужой новый',
        admin: { lastName: 'Чужак', firstName: 'Взлом', login: 'chuzhak' },
      }),
    'contingent.propose': () =>
      c.contingent.propose({
        studentId: foreign.studentId,
        kind: 'leave',
        effectiveOn: '2027-02-01',
        reason: 'Чужое предложение',
      }),
    'contingent.proposals': () => c.contingent.proposals(),
    'contingent.groupChoices': () => c.contingent.groupChoices(),
    'contingent.decide': () => c.contingent.decide({ action: 'reject', proposalId: 1, note: 'чужое решение' }),
    'people.findGuardian': () =>
      c.people.findGuardian({ studentId: foreign.studentId, lastName: 'Чужая', phone: '+7 900 000-00-00' }),
    'people.linkGuardian': () =>
      c.people.linkGuardian({
        studentId: foreign.studentId,
        relation: 'мать',
        guardian: { lastName: 'Взлом', firstName: 'Взлом', phone: '' },
      }),
    'people.unlinkGuardian': () => c.people.unlinkGuardian({ studentId: foreign.studentId, guardianId: 1 }),
    'journal.page': () => c.journal.page({ assignmentId: foreign.assignmentId }),
    'journal.ktp': () => c.journal.ktp({ assignmentId: foreign.assignmentId }),
    'journal.history': () => c.journal.history({ assignmentId: foreign.assignmentId, studentId: foreign.studentId }),
    'journal.grants': () => c.journal.grants({ assignmentId: foreign.assignmentId }),
    'journal.undo': () => c.journal.undo({ assignmentId: foreign.assignmentId }),
    'journal.save': () =>
      c.journal.save({
        assignmentId: foreign.assignmentId,
        source: 'typing',
        clientBatchId: `iso-${Math.random()}`,
        cells: [{ lessonId: foreign.lessonId, studentId: foreign.studentId, text: '5', baseVersion: 1 }],
      }),
    'journal.createLesson': () =>
      c.journal.createLesson({ assignmentId: foreign.assignmentId, date: '2026-11-20', kind: 'lecture' }),
    'journal.updateLesson': () =>
      c.journal.updateLesson({
        assignmentId: foreign.assignmentId,
        lessonId: foreign.lessonId,
        date: '2026-11-20',
        kind: 'lecture',
        topic: 'Взлом',
      }),
    'journal.deleteLesson': () =>
      c.journal.deleteLesson({ assignmentId: foreign.assignmentId, lessonId: foreign.lessonId, confirm: true }),
    'journal.grantEdit': () =>
      c.journal.grantEdit({ assignmentId: foreign.assignmentId, hours: 1, reason: 'чужой журнал' }),
    'journal.revokeGrant': () => c.journal.revokeGrant({ assignmentId: foreign.assignmentId, grantId: 1 }),
    'journal.saveKtp': () =>
      c.journal.saveKtp({
        assignmentId: foreign.assignmentId,
        version: 0,
        rows: [{ section: false, title: 'Взлом', hours: 2, kind: 'lecture' }],
      }),
    'journal.importKtp': () => c.journal.importKtp({ assignmentId: foreign.assignmentId, version: 0, file: '' }),
    'journal.copyKtp': () =>
      c.journal.copyKtp({ assignmentId: foreign.assignmentId, version: 0, fromAssignmentId: foreign.assignmentId }),
  };

  // The server actions, with the form a browser would send to reach the other college's records.
  const forms: Record<string, Record<string, string>> = {
    changePasswordAction: { current: 'не-тот-пароль', next: 'новый-пароль-123', confirm: 'новый-пароль-123' },
    // A parent of the other college: refused as out of scope, whatever the student's own parents are.
    setParentConsentAction: { guardianId: String(foreign.guardianId), studentId: String(foreign.studentId) },
    certifyJournalAction: { query: `groupId=${foreign.groupId}&termId=${foreign.termId}` },
    certifySheetAction: { query: `groupId=${foreign.groupId}&termId=${foreign.termId}` },
    issueRemarksAction: { termId: String(foreign.termId), all: 'on' },
    confirmRemarkAction: { remarkId: '1' },
    markRemarkFixedAction: { remarkId: '1' },
    postNoticeAction: { title: 'Чужое объявление', body: 'Чужой текст', groupIds: String(foreign.groupId) },
    postCheckResultsAction: { termId: String(foreign.termId) },
    // One's own college's check only; a day past refuses it before anything is saved.
    saveScheduledCheckAction: { period: 'two-weeks', nextRunOn: '2020-01-01', enabled: 'on', issueRemarks: 'on' },
    markNoticeReadAction: { noticeId: '1' },
    withdrawNoticeAction: { noticeId: '1' },
    purgeJournalAction: { yearId: String(foreign.yearId), dryRun: 'on', confirm: 'Чужой' },
    startCollegePrintoutsAction: { termId: String(foreign.termId), lessonsPerPage: '40', newPage: 'on' },
    enrolAction: {
      groupId: String(foreign.groupId),
      lastName: 'Чужак',
      firstName: 'Взлом',
      effectiveOn: '2027-02-01',
      orderNo: '1-к',
      orderDate: '2027-01-20',
    },
    saveDepartmentAction: { id: String(foreign.groupId), name: 'Чужое отделение' },
    updateContactsAction: { studentId: String(foreign.studentId), phone: '+7 900 000-00-00' },
    // Bells are the own college's only; a room of another college is asked for by an id this one does not have.
    saveBellsAction: { dayKind: 'weekday', start1: '25:00', end1: '26:00' },
    setCalendarAction: { fromDate: '2027-01-10', toDate: '2027-01-01', kind: 'holiday' },
    setGroupPeriodAction: {
      groupId: String(foreign.groupId),
      fromDate: '2027-02-01',
      toDate: '2027-02-14',
      kind: 'practice',
      note: 'Чужая практика',
    },
    changeTimetableAction: {
      kind: 'extra',
      assignmentId: String(foreign.assignmentId),
      toDate: '2026-12-12',
      toPairNo: '1',
      reason: 'Чужое занятие',
    },
    // The own college's drafts only; with none, «nothing to publish» (409) — never the other college's.
    publishTimetableAction: {},
    // One's own link only: nothing of the other college can be asked for.
    createCalendarFeedAction: {},
    revokeCalendarFeedAction: {},
    saveUnavailabilityAction: { userId: String(foreign.adminUserId), p1_1: 'on' },
    saveRoomAction: { id: '999999', number: 'Чужая', seats: '10', kind: 'lecture', inUse: 'on' },
    saveSpecialtyAction: {
      id: String(foreign.specialtyId),
      code: '99.99.99',
      name: 'Чужая',
      qualification: 'Чужая',
      durationMonths: '46',
    },
    saveGroupAction: {
      id: String(foreign.groupId),
      name: 'Чужая-1',
      specialtyId: String(foreign.specialtyId),
      departmentId: '1',
      course: '1',
      admissionYear: '2026',
      studyForm: 'очная',
      curatorUserId: '',
    },
  };

  called = Object.keys(calls);
  calledActions = Object.keys(forms);
  const results: unknown[] = [];
  for (const call of Object.values(calls)) {
    try {
      results.push(await call());
    } catch (error) {
      if (!(error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'BAD_REQUEST'))) throw error;
    }
  }
  for (const [name, entries] of Object.entries(forms)) {
    const action = actions[name]!;
    const form = new FormData();
    for (const [key, value] of Object.entries(entries)) form.append(key, value);
    const result = await action.perform({ db: database.db, actor }, action.inputOf(form));
    if (result.ok) results.push(result.message);
    else if (result.status === 409) results.push(result.error);
    else if (result.status !== 403 && result.status !== 400) throw new Error(`${name}: ${result.error}`);
  }
  return results;
}

describe('institution isolation', () => {
  it.each(ROLES)('demo %s sees nothing of the other college', async (role) => {
    const text = JSON.stringify(await everything(demo[role], { ...second, reportJobId: jobs.second }));
    expect(text).not.toContain('Другой колледж');
    expect(text).not.toContain('Чужой');
    expect(text).not.toContain('Чужая тема');
    expect(text).not.toContain('other-');
  });

  it.each(ROLES)('the other college’s %s sees nothing of the demo college', async (role) => {
    const demoGroup = demo.curator.grants.find((g) => g.role === 'curator')!.groupId!;
    const demoStudent = demo.parent.childStudentIds[0]!.studentId;
    const [demoMother] = await database.db
      .select({ id: guardians.id })
      .from(guardians)
      .where(eq(guardians.userId, demo.parent.userId));
    const demoJournal = await demoJournalId(database.db, demo.teacher);
    const [demoCurriculum] = await database.db
      .select()
      .from(curricula)
      .where(eq(curricula.institutionId, demo.admin.grants[0]!.institutionId))
      .limit(1);
    const [lesson] = await database.db
      .select({ id: lessons.id })
      .from(lessons)
      .where(eq(lessons.teachingAssignmentId, demoJournal))
      .limit(1);
    const text = JSON.stringify(
      await everything(other[role], {
        groupId: demoGroup,
        studentId: demoStudent,
        guardianId: demoMother!.id,
        assignmentId: demoJournal,
        lessonId: lesson!.id,
        termId: 1,
        yearId: 1,
        adminUserId: demo.admin.userId,
        curriculumId: demoCurriculum!.id,
        specialtyId: demoCurriculum!.specialtyId,
        reportJobId: jobs.demo,
      }),
    );
    expect(text).not.toContain('Колледж информационных технологий');
    expect(text).not.toContain('ИС-31');
    expect(text).not.toContain('Петрова');
    for (const name of ['Павлов', 'Павлова', 'Морозова']) expect(text).not.toContain(name);
  });

  it('called every procedure of the router and every server action', () => {
    expect([...called].sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
    expect([...calledActions].sort()).toEqual(Object.keys(actions).sort());
  });

  it('no account of one college was switched off by the other', async () => {
    expect((await database.db.select().from(users).where(eq(users.isActive, false))).map((u) => u.login)).toEqual([]);
  });

  it('no group of one college was moved on or divided by the other', async () => {
    expect(await database.db.select().from(groupYearNames)).toEqual([]);
    expect((await database.db.select().from(users)).filter((u) => u.mustChangePassword)).toEqual([]);
    expect((await database.db.select().from(curricula)).filter((c) => c.admissionYear === 2030)).toEqual([]);
    expect(
      (await database.db.select().from(groupMemberships)).filter((m) => m.toDate !== null && m.endOrderNo === '1-к'),
    ).toEqual([]);
    expect((await database.db.select().from(students)).filter((s) => s.lastName === 'Чужак')).toEqual([]);
    expect(await database.db.select().from(movementProposals)).toEqual([]);
    expect((await database.db.select().from(students)).filter((s) => s.phone === '+7 900 000-00-00')).toEqual([]);
    expect((await database.db.select().from(guardians)).filter((g) => g.lastName === 'Взлом')).toEqual([]);
    expect((await database.db.select().from(users)).filter((u) => u.lastName === 'Чужак')).toEqual([]);
    expect((await database.db.select().from(departments)).filter((d) => d.name === 'Чужое отделение')).toEqual([]);
    expect((await database.db.select().from(specialties)).filter((s) => s.code === '99.99.99')).toEqual([]);
    expect((await database.db.select().from(curriculumItems)).filter((i) => i.name === 'Взлом')).toEqual([]);
    expect((await database.db.select().from(subgroups)).filter((s) => s.name === 'А' || s.name === 'Б')).toEqual([]);
  });

  it('no consent to a parent’s access was decided across the colleges', async () => {
    // The demo seed's one consent (the demo student's, to the demo parent) is all there is.
    const rows = await database.db.select().from(parentConsents);
    expect(rows.map((r) => [r.institutionId, r.granted])).toEqual([[demo.admin.institutionId, true]]);
  });

  it('no college’s time zone was changed by the other', async () => {
    expect((await database.db.select().from(institutions)).map((i) => i.timeZone)).toEqual([
      'Europe/Moscow',
      'Europe/Moscow',
    ]);
  });

  it('no year or term of one college was changed by the other', async () => {
    const rows = await database.db.select().from(terms);
    expect(rows.filter((t) => t.locked)).toEqual([]);
    const years = await database.db.select().from(academicYears);
    expect(years.filter((y) => y.closedAt !== null)).toEqual([]);
  });

  it('nothing of the demo journal changed under the other college’s attempts', async () => {
    const demoJournal = await demoJournalId(database.db, demo.teacher);
    const [assignment] = await database.db
      .select()
      .from(teachingAssignments)
      .where(eq(teachingAssignments.id, demoJournal));
    expect(assignment!.teacherUserId).toBe(demo.teacher.userId);
    expect((await database.db.select().from(teachingAssignments)).filter((a) => a.teacherUserId === null)).toEqual([]);
    const rows = await database.db.select().from(lessons).where(eq(lessons.teachingAssignmentId, demoJournal));
    expect(rows.some((l) => l.topic === 'Взлом')).toBe(false);
  });

  it('the other college’s own roles do see their own data', async () => {
    const c = createCaller({ db: database.db, actor: other.admin });
    const overview = await c.structure.overview();
    expect(overview.map((i) => i.shortName)).toEqual(['ГАПОУ «Другой колледж»']);
    const marks = await createCaller({ db: database.db, actor: other.parent }).family.recentMarks({
      studentId: second.studentId,
    });
    expect(marks.map((m) => m.topic)).toEqual(['Чужая тема']);
  });
});
