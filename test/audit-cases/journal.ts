/** The audit walk's cases (test/audit-cases/shared.ts): the journals — cells, lessons, grants, КТП. */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { teachingAssignments } from '../../db/schema';
import { loadJournalPage } from '../../server/services/journal/page';
import type { AuditArea } from './shared';

async function ktpWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('КТП');
  sheet.addRow(['№', 'Раздел / тема', 'Часы', 'Вид занятия']);
  sheet.addRow(['', 'Раздел 1. Основы', '', '']);
  sheet.addRow([1, 'Введение', 2, 'лек']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export const journalCases: AuditArea = (fx, made) => {
  const cell = async () => {
    const page = (await loadJournalPage(fx.database.db, fx.actors.teacher, fx.journalId, '2026-11-29'))!;
    return page.cells.find((c) => c.lessonId === fx.lessonWithMarks && c.studentId === fx.someStudent)!;
  };
  const attestation = async () => {
    const page = (await loadJournalPage(fx.database.db, fx.actors.teacher, fx.journalId, '2026-11-29'))!;
    return page.attestation.find((a) => a.studentId === fx.someStudent && a.field === 'sem');
  };
  return [
    {
      name: 'journal.save (a typed mark)',
      role: 'teacher',
      call: async (c) => {
        const { version, grade1 } = await cell();
        return c.journal.save({
          assignmentId: fx.journalId,
          source: 'typing',
          clientBatchId: 'audit-typing',
          cells: [
            {
              lessonId: fx.lessonWithMarks,
              studentId: fx.someStudent,
              text: grade1 === '5' ? '4' : '5',
              baseVersion: version,
            },
          ],
        });
      },
    },
    {
      name: 'journal.save (a semester mark)',
      role: 'teacher',
      call: async (c) =>
        c.journal.save({
          assignmentId: fx.journalId,
          source: 'typing',
          clientBatchId: 'audit-attestation',
          attestation: [
            { studentId: fx.someStudent, field: 'sem', text: '4', baseVersion: (await attestation())?.version ?? 0 },
          ],
        }),
    },
    { name: 'journal.undo', role: 'teacher', call: (c) => c.journal.undo({ assignmentId: fx.journalId }) },
    {
      name: 'journal.createLesson',
      role: 'teacher',
      call: (c) =>
        c.journal.createLesson({ assignmentId: fx.journalId, date: '2026-11-30', kind: 'lecture', topic: 'Аудит' }),
      keep: (lesson) => (made.lesson = (lesson as { id: number }).id),
    },
    {
      name: 'journal.updateLesson',
      role: 'teacher',
      call: (c) =>
        c.journal.updateLesson({
          assignmentId: fx.journalId,
          lessonId: made.lesson!,
          date: '2026-11-30',
          kind: 'practical',
          topic: 'Аудит журнала',
          homework: '§ 3',
        }),
    },
    {
      name: 'journal.deleteLesson',
      role: 'teacher',
      call: (c) => c.journal.deleteLesson({ assignmentId: fx.journalId, lessonId: made.lesson! }),
    },
    {
      name: 'journal.grantEdit',
      role: 'head',
      call: (c) => c.journal.grantEdit({ assignmentId: fx.journalId, hours: 1, reason: 'Исправление после проверки' }),
      keep: (grant) => (made.grant = (grant as { id: number }).id),
    },
    {
      name: 'journal.revokeGrant',
      role: 'head',
      call: (c) => c.journal.revokeGrant({ assignmentId: fx.journalId, grantId: made.grant! }),
    },
    {
      name: 'journal.saveKtp',
      role: 'teacher',
      call: async (c) =>
        c.journal.saveKtp({
          assignmentId: fx.journalId,
          version: (await c.journal.ktp({ assignmentId: fx.journalId })).version,
          rows: [{ section: false, title: 'Введение', hours: 2, kind: 'lecture' }],
        }),
    },
    {
      name: 'journal.importKtp',
      role: 'teacher',
      call: async (c) =>
        c.journal.importKtp({
          assignmentId: fx.journalId,
          version: (await c.journal.ktp({ assignmentId: fx.journalId })).version,
          file: await ktpWorkbook(),
        }),
    },
    {
      name: 'journal.copyKtp (into another group’s journal of the same item)',
      role: 'teacher',
      prepare: async () => {
        const db = fx.database.db;
        const [journal] = await db.select().from(teachingAssignments).where(eq(teachingAssignments.id, fx.journalId));
        const [copy] = await db
          .insert(teachingAssignments)
          .values({ ...journal!, id: undefined, groupId: fx.otherGroupId })
          .returning({ id: teachingAssignments.id });
        made.ktpCopy = copy!.id;
      },
      call: (c) => c.journal.copyKtp({ assignmentId: made.ktpCopy!, version: 0, fromAssignmentId: fx.journalId }),
    },
  ];
};
