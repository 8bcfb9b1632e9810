/** Rows of the role matrix (test/role-matrix-cases.ts): reports and the control of journal keeping. */
import { A, ADMIN_ONLY, F, type RoleFixtures } from '../role-fixtures';
import type { MatrixRow } from './shared';

export function reportsRows(fx: RoleFixtures): MatrixRow[] {
  return [
    {
      name: 'control.monitoring (the college’s, the department’s)',
      call: () => (c) => c.control.monitoring({}),
      expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
    },
    {
      name: 'control.remarks',
      call: () => (c) => c.control.remarks({ state: 'all' }),
      expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
    },
    {
      name: 'control.scheduledCheck',
      call: () => (c) => c.control.scheduledCheck(),
      expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
    },
    {
      name: 'control.activity',
      call: () => (c) => c.control.activity({ days: 14 }),
      expect: ADMIN_ONLY,
    },
    {
      name: 'control.notices',
      call: () => (c) => c.control.notices(),
      expect: { admin: A, head: A, methodist: A, curator: A, teacher: A, student: A, parent: A, inspector: A },
    },
    {
      name: 'control.noticeChoices',
      call: () => (c) => c.control.noticeChoices(),
      expect: { admin: A, head: A, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
    },
    {
      name: 'control.myRemarks',
      call: () => (c) => c.control.myRemarks({ state: 'open' }),
      expect: { admin: F, head: F, methodist: F, curator: F, teacher: A, student: F, parent: F, inspector: F },
    },
    {
      name: 'reports.preflight («Все», ИС-21)',
      call: () => (c) => c.reports.preflight({ groupId: fx.curatorGroupId, termId: fx.termId }),
      expect: { admin: A, head: A, methodist: A, curator: A, teacher: F, student: F, parent: F, inspector: A },
    },
    {
      name: 'reports.preflight (the demo teacher’s journal)',
      call: () => (c) =>
        c.reports.preflight({ groupId: fx.curatorGroupId, termId: fx.termId, assignmentId: fx.journalId }),
      expect: { admin: A, head: A, methodist: A, curator: A, teacher: A, student: F, parent: F, inspector: A },
    },
    {
      name: 'reports.preflight («Все», a group of another department)',
      call: () => (c) => c.reports.preflight({ groupId: fx.otherDepartmentGroupId }),
      expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
    },
    {
      name: 'reports.curatorWeek (ИС-21)',
      call: () => (c) => c.reports.curatorWeek({ groupId: fx.curatorGroupId, date: '2026-11-25', period: 'week' }),
      expect: { admin: A, head: A, methodist: A, curator: A, teacher: F, student: F, parent: F, inspector: A },
    },
    {
      name: 'reports.curatorWeek (a month of a group of another department)',
      call: () => (c) => c.reports.curatorWeek({ groupId: fx.otherDepartmentGroupId, period: 'month' }),
      expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
    },
    {
      name: 'reports.consolidated (ИС-21)',
      call: () => (c) => c.reports.consolidated({ groupId: fx.curatorGroupId, termId: fx.termId }),
      expect: { admin: A, head: A, methodist: A, curator: A, teacher: F, student: F, parent: F, inspector: A },
    },
    {
      name: 'reports.consolidated (the year of a group of another department)',
      call: () => (c) =>
        c.reports.consolidated({ groupId: fx.otherDepartmentGroupId, termId: fx.termId, period: 'year' }),
      expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
    },
    {
      name: 'reports.copies (ИС-21)',
      call: () => (c) => c.reports.copies({ groupId: fx.curatorGroupId, termId: fx.termId }),
      expect: { admin: A, head: A, methodist: A, curator: A, teacher: F, student: F, parent: F, inspector: A },
    },
    {
      name: 'reports.copies (a group of another department)',
      call: () => (c) => c.reports.copies({ groupId: fx.otherDepartmentGroupId, termId: fx.termId }),
      expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: A },
    },
    {
      name: 'reports.jobs (the college’s «Все группы» jobs)',
      call: () => (c) => c.reports.jobs(),
      expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
    },
    {
      name: 'reports.job (a job of the college)',
      call: () => (c) => c.reports.job({ jobId: fx.reportJobId }),
      expect: { admin: A, head: F, methodist: A, curator: F, teacher: F, student: F, parent: F, inspector: F },
    },
  ];
}
