/** The audit walk's cases (test/audit-cases/shared.ts): control of journal keeping, the notice board, reports. */
import { lessons } from '../../db/schema';
import { insertOldYear } from '../old-year';
import type { AuditArea } from './shared';

export const controlCases: AuditArea = (fx, made) => {
  const db = () => fx.database.db;
  return [
    {
      name: 'issueRemarksAction (every flag of ИС-21)',
      role: 'methodist',
      form: () => ({ groupId: String(fx.curatorGroupId), all: 'on' }),
    },
    { name: 'markRemarkFixedAction', role: 'teacher', form: () => ({ remarkId: String(fx.remarkId) }) },
    {
      name: 'confirmRemarkAction',
      role: 'methodist',
      form: () => ({ remarkId: String(fx.otherDepartmentRemarkId) }),
    },
    {
      name: 'postNoticeAction',
      role: 'methodist',
      form: () => ({ title: 'Проверка журналов', body: 'До пятницы заполните темы занятий.' }),
    },
    { name: 'markNoticeReadAction', role: 'teacher', form: () => ({ noticeId: String(fx.noticeId) }) },
    { name: 'withdrawNoticeAction', role: 'methodist', form: () => ({ noticeId: String(fx.noticeId) }) },
    { name: 'postCheckResultsAction', role: 'methodist', form: () => ({ termId: String(fx.termId) }) },
    {
      name: 'saveScheduledCheckAction',
      role: 'methodist',
      form: () => ({ period: 'two-weeks', nextRunOn: '2026-12-14', issueRemarks: 'on', enabled: 'on' }),
    },
    {
      name: 'certifyJournalAction',
      role: 'head',
      form: () => ({ query: `groupId=${fx.curatorGroupId}&termId=${fx.termId}&assignmentId=${fx.journalId}` }),
    },
    {
      name: 'certifySheetAction',
      role: 'admin',
      form: () => ({ query: `groupId=${fx.curatorGroupId}&termId=${fx.termId}` }),
    },
    {
      name: 'startCollegePrintoutsAction',
      role: 'methodist',
      form: () => ({ termId: String(fx.termId), lessonsPerPage: '40', newPage: 'on' }),
    },
    {
      name: 'purgeJournalAction (a year past its 5 years)',
      role: 'admin',
      prepare: async () => {
        const institutionId = fx.actors.admin.institutionId!;
        const { year, assignment: old } = await insertOldYear(db(), institutionId, fx.journalId);
        await db().insert(lessons).values({
          institutionId,
          teachingAssignmentId: old.id,
          date: '2019-09-02',
          kind: 'lecture',
          topic: 'Старая',
        });
        made.oldYear = year.id;
      },
      form: () => ({ yearId: String(made.oldYear), confirm: '2019/2020' }),
    },
  ];
};
