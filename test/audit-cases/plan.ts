/** The audit walk's cases (test/audit-cases/shared.ts): the plan — curricula, the next year, its load, the transfer. */
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { teachingAssignments, terms } from '../../db/schema';
import { loadSubgroupSplit, saveSubgroups } from '../../server/services/contingent/subgroups';
import { getCurriculum } from '../../server/services/curriculum/curriculum';
import { writeCurriculumWorkbook } from '../../server/services/curriculum/curriculum-xlsx';
import type { AuditArea } from './shared';

const NEXT_TERM = '1 семестр 2027/2028';

/** A journal of `groupId` in `termId` (not `except`). */
async function journalOf(db: Db, groupId: number, termId: number, except = 0): Promise<number> {
  const [journal] = await db
    .select({ id: teachingAssignments.id })
    .from(teachingAssignments)
    .where(
      and(
        eq(teachingAssignments.termId, termId),
        eq(teachingAssignments.groupId, groupId),
        ne(teachingAssignments.id, except),
      ),
    )
    .orderBy(teachingAssignments.id)
    .limit(1);
  return journal!.id;
}

export const planCases: AuditArea = (fx, made) => {
  const db = () => fx.database.db;
  return [
    {
      name: 'curriculum.import (the plan of a new admission)',
      role: 'admin',
      call: async (c) => {
        const plan = await getCurriculum(db(), fx.actors.admin, { curriculumId: fx.ownCurriculum.id });
        const file = await writeCurriculumWorkbook(plan.name, plan.items);
        return c.curriculum.import({
          specialtyId: fx.ownCurriculum.specialtyId,
          admissionYear: 2030,
          fileName: 'набор-2030.xlsx',
          file: Buffer.from(file).toString('base64'),
        });
      },
    },
    {
      name: 'curriculum.saveItem (a new line)',
      role: 'head',
      call: (c) =>
        c.curriculum.saveItem({
          curriculumId: fx.ownCurriculum.id,
          rows: [['ОП', 'ОП.98', 'Аудит информационных систем', 'АИС', '3', '36', '20', '16', '', '', 'З']],
        }),
    },
    {
      name: 'curriculum.deleteItem',
      role: 'head',
      call: (c) => c.curriculum.deleteItem({ curriculumId: fx.ownCurriculum.id, code: 'ОП.98' }),
    },
    {
      name: 'years.open',
      role: 'admin',
      call: (c) =>
        c.years.open({
          name: '2027/2028',
          startsOn: '2027-09-01',
          endsOn: '2028-06-30',
          terms: [
            { name: NEXT_TERM, startsOn: '2027-09-01', endsOn: '2027-12-28' },
            { name: '2 семестр 2027/2028', startsOn: '2028-01-12', endsOn: '2028-06-30' },
          ],
        }),
    },
    {
      name: 'load.createFromCurriculum (next year’s journals of ИС-21)',
      role: 'admin',
      prepare: async () => {
        made.nextTerm = (await db().select({ id: terms.id }).from(terms).where(eq(terms.name, NEXT_TERM)))[0]!.id;
      },
      call: (c) => c.load.createFromCurriculum({ termId: made.nextTerm!, groupIds: [fx.curatorGroupId] }),
    },
    {
      name: 'load.update (a teacher and the hours)',
      role: 'admin',
      prepare: async () => void (made.nextJournal = await journalOf(db(), fx.curatorGroupId, made.nextTerm!)),
      call: (c) =>
        c.load.update({ assignmentId: made.nextJournal!, teacherUserId: fx.actors.teacher.userId, plannedHours: 40 }),
    },
    {
      name: 'load.splitBySubgroups',
      role: 'admin',
      prepare: async () => {
        const split = await loadSubgroupSplit(db(), fx.actors.admin, {
          groupId: fx.curatorGroupId,
          termId: made.nextTerm!,
        });
        const half = Math.ceil(split.students.length / 2);
        await saveSubgroups(db(), fx.actors.admin, {
          groupId: fx.curatorGroupId,
          termId: made.nextTerm!,
          subgroups: [
            { name: '1 подгруппа', studentIds: split.students.slice(0, half).map((s) => s.id) },
            { name: '2 подгруппа', studentIds: split.students.slice(half).map((s) => s.id) },
          ],
        });
      },
      call: (c) => c.load.splitBySubgroups({ assignmentId: made.nextJournal! }),
    },
    {
      name: 'load.delete (a journal without lessons)',
      role: 'admin',
      prepare: async () =>
        void (made.emptyJournal = await journalOf(db(), fx.curatorGroupId, made.nextTerm!, made.nextJournal)),
      call: (c) => c.load.delete({ assignmentId: made.emptyJournal! }),
    },
    {
      name: 'years.setTermLock',
      role: 'admin',
      call: (c) => c.years.setTermLock({ termId: made.nextTerm!, locked: true, reason: 'Семестр ещё не начат' }),
    },
    {
      name: 'contingent.transfer (a group into the next year)',
      role: 'admin',
      prepare: async () => {
        const [term] = await db()
          .select({ year: terms.academicYearId })
          .from(terms)
          .where(eq(terms.id, made.nextTerm!));
        made.nextYear = term!.year;
      },
      call: (c) =>
        c.contingent.transfer({
          targetYearId: made.nextYear!,
          groupIds: [fx.otherDepartmentGroupId],
          orderNo: '245-к',
          orderDate: '2027-06-28',
        }),
    },
    {
      name: 'years.close (the demo year, last)',
      role: 'admin',
      prepare: async () => {
        const [term] = await db().select({ year: terms.academicYearId }).from(terms).where(eq(terms.id, fx.termId));
        made.demoYear = term!.year;
      },
      call: (c) => c.years.close({ yearId: made.demoYear!, reason: 'Учебный год завершён' }),
    },
  ];
};
