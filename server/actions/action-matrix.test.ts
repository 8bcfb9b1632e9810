/**
 * Sends every server action the form a browser would, as every demo role (and as nobody), on a real database seeded
 * with the demo college: allowed / forbidden / unauthorized, written out by hand from the regulation.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/roles';
import { A, ADMIN_ONLY, F, useRoleFixtures, type Outcome } from '../../test/role-fixtures';
import type { Actor } from '../policy/actor';

const fx = useRoleFixtures();

/** Server action → the form it is sent (as the browser sends it) → expected outcome per role, by hand as above. */
const ACTION_MATRIX: { name: string; form: () => Record<string, string>; expect: Record<Role, Outcome> }[] = [
  {
    name: 'changePasswordAction (a wrong current password: passes the policy, changes nothing)',
    form: () => ({ current: 'не-тот-пароль', next: 'новый-пароль-123', confirm: 'новый-пароль-123' }),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: A, student: A, parent: A, inspector: A },
  },
  {
    name: 'setParentConsentAction (the consent in force given again: passes the policy, changes nothing)',
    form: () => ({ guardianId: String(fx.parentGuardianId), studentId: String(fx.childId), granted: 'on' }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: A, parent: F, inspector: F },
  },
  {
    name: 'certifyJournalAction (the printed journal of ИС-21)',
    form: () => ({ query: `groupId=${fx.curatorGroupId}&termId=${fx.termId}&assignmentId=${fx.journalId}` }),
    expect: { admin: A, head: A, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'certifyJournalAction (a group of another department)',
    form: () => ({
      query: `groupId=${fx.otherDepartmentGroupId}&termId=${fx.termId}&assignmentId=${fx.otherDepartmentJournal}`,
    }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'certifySheetAction (the consolidated sheet of ИС-21: the director’s)',
    form: () => ({ query: `groupId=${fx.curatorGroupId}&termId=${fx.termId}` }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'startCollegePrintoutsAction (1 lesson a page: passes the policy, starts nothing)',
    form: () => ({ termId: String(fx.termId), lessonsPerPage: '1', newPage: 'on' }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'issueRemarksAction (a flag no rule finds: passes the policy, issues nothing)',
    form: () => ({ keys: 'unfilledLesson:1:999999:' }),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'confirmRemarkAction (a remark on a journal of ИС-21)',
    form: () => ({ remarkId: String(fx.remarkId) }),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'confirmRemarkAction (a remark on a journal of another department)',
    form: () => ({ remarkId: String(fx.otherDepartmentRemarkId) }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'markRemarkFixedAction (the teacher’s own remark)',
    form: () => ({ remarkId: String(fx.remarkId) }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: A, student: F, parent: F, inspector: F },
  },
  {
    name: 'markRemarkFixedAction (a remark to another teacher)',
    form: () => ({ remarkId: String(fx.otherDepartmentRemarkId) }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'postNoticeAction (a title too short: passes the policy, posts nothing)',
    form: () => ({ title: 'О', body: 'Текст' }),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'postCheckResultsAction (a term of no open year: passes the policy, posts nothing)',
    form: () => ({ termId: '999999' }),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'saveScheduledCheckAction (a day past: passes the policy, saves nothing)',
    form: () => ({ period: 'two-weeks', nextRunOn: '2020-01-01', enabled: 'on' }),
    expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'markNoticeReadAction (a post that reaches nobody of the demo roles)',
    form: () => ({ noticeId: '999999' }),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'markNoticeReadAction (a post to everybody, asking for «Прочитано»)',
    form: () => ({ noticeId: String(fx.noticeId) }),
    expect: { admin: A, head: A, methodist: A, curator: A, teacher: A, student: A, parent: A, inspector: A },
  },
  {
    name: 'withdrawNoticeAction (the methodist’s post: its author and the administrator)',
    form: () => ({ noticeId: String(fx.noticeId) }),
    expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'purgeJournalAction (a dry run of the current year, not closed: passes the policy, deletes nothing)',
    form: () => ({ yearId: '1', dryRun: 'on' }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'enrolAction (without a surname: passes the policy, enrols nobody)',
    form: () => ({
      groupId: String(fx.curatorGroupId),
      lastName: '',
      firstName: 'Имя',
      effectiveOn: '2027-02-01',
      orderNo: '1-к',
      orderDate: '2027-01-20',
    }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'updateContactsAction (a student of ИС-21, a bad e-mail: passes the policy, saves nothing)',
    form: () => ({ studentId: String(fx.childId), email: 'не почта' }),
    expect: { admin: A, head: F, methodist: F, curator: A, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'updateContactsAction (a student of another department)',
    form: () => ({ studentId: String(fx.otherDepartmentStudent), phone: '' }),
    expect: { admin: A, head: F, methodist: F, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'saveBellsAction (a pair ending before it starts: passes the policy, saves nothing)',
    form: () => ({ dayKind: 'weekday', start1: '10:00', end1: '09:00' }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'setCalendarAction (the end before the start: passes the policy, marks nothing)',
    form: () => ({ fromDate: '2027-01-10', toDate: '2027-01-01', kind: 'holiday' }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'setGroupPeriodAction (the end before the start: passes the policy, marks nothing)',
    form: () => ({
      groupId: String(fx.curatorGroupId),
      fromDate: '2027-01-10',
      toDate: '2027-01-01',
      kind: 'practice',
    }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'saveUnavailabilityAction (no teacher chosen: passes the policy, saves nothing)',
    form: () => ({ userId: '', p1_1: 'on' }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'changeTimetableAction (without a reason: passes the policy, changes nothing)',
    form: () => ({
      kind: 'extra',
      assignmentId: String(fx.journalId),
      toDate: '2026-12-12',
      toPairNo: '1',
      reason: '',
    }),
    expect: { admin: F, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'changeTimetableAction (a journal of another department)',
    form: () => ({
      kind: 'extra',
      assignmentId: String(fx.otherDepartmentJournal),
      toDate: '2026-12-12',
      toPairNo: '2', // pair 1 of Saturdays holds the fixture's draft placements
      reason: 'Дополнительное занятие',
    }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'publishTimetableAction (the drafts placed before: the methodist publishes them)',
    form: () => ({}),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  {
    name: 'createCalendarFeedAction (a secret link to one’s own timetable)',
    form: () => ({}),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: A, student: A, parent: A, inspector: F },
  },
  {
    name: 'revokeCalendarFeedAction',
    form: () => ({}),
    expect: { admin: F, head: F, methodist: F, curator: F, teacher: A, student: A, parent: A, inspector: F },
  },
  {
    name: 'saveRoomAction (no seats: passes the policy, saves nothing)',
    form: () => ({ number: '999', seats: '0', kind: 'lecture', inUse: 'on' }),
    expect: { admin: F, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
  },
  { name: 'saveDepartmentAction (too short a name: saves nothing)', form: () => ({ name: 'О' }), expect: ADMIN_ONLY },
  {
    name: 'saveSpecialtyAction (a bad code: saves nothing)',
    form: () => ({ code: '9.2.7', name: 'Специальность', qualification: 'Техник', durationMonths: '46' }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'saveGroupAction (course 9: saves nothing)',
    form: () => ({
      name: 'Х-91',
      specialtyId: '1',
      departmentId: '1',
      course: '9',
      admissionYear: '2026',
      studyForm: 'очная',
      curatorUserId: '',
    }),
    expect: ADMIN_ONLY,
  },
];

async function actionOutcome(actor: Actor | null, name: string, entries: Record<string, string>): Promise<Outcome> {
  const action = fx.actions[name]!;
  const form = new FormData();
  for (const [key, value] of Object.entries(entries)) form.append(key, value);
  const result = await action.perform({ db: fx.database.db, actor }, action.inputOf(form));
  if (result.ok || result.status === 400) return 'ok'; // refused for its input, past the policy: the role was allowed
  if (result.status === 401) return 'unauthorized';
  if (result.status === 403) return 'forbidden';
  throw new Error(`${name}: ${result.status} ${result.error}`);
}

describe('role matrix of the server actions', () => {
  it('covers every server action', () => {
    expect([...new Set(ACTION_MATRIX.map((m) => m.name.split(' ')[0]))].sort()).toEqual(Object.keys(fx.actions).sort());
  });

  for (const row of ACTION_MATRIX) {
    const name = row.name.split(' ')[0]!;
    it.each(ROLES.map((role) => [role, row.expect[role]] as const))(
      `${row.name} as %s → %s`,
      async (role, expected) => {
        expect(await actionOutcome(fx.actors[role], name, row.form())).toBe(expected);
      },
    );
    it(`${row.name} anonymously → unauthorized`, async () => {
      expect(await actionOutcome(null, name, row.form())).toBe('unauthorized');
    });
  }
});
