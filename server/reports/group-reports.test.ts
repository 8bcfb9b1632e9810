import { mkdirSync, writeFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { attestationResults, teachingAssignments, terms } from '../../db/schema';
import { attestationFieldOf } from '../../domain/attestation';
import { useDemoDatabase } from '../../test/demo-database';
import { demoJournalId } from '../../test/journal-fixtures';
import { attendanceInput, loadAttendance, renderAttendancePdf, renderAttendanceXlsx } from './attendance';
import { loadExamSheet, renderExamSheetPdf } from './exam-sheet';

const demo = useDemoDatabase();

describe('the other reports of a group', () => {
  it('attendance for a period: each student’s hours equal the journals’ absences, printed and exported', async () => {
    const db = demo.database.db;
    const { curator } = demo.actors;
    const groupId = curator.grants.find((g) => g.role === 'curator')!.groupId!;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const report = await loadAttendance(
      db,
      curator,
      attendanceInput.parse({ groupId, termId: term!.id, from: '2026-10-01', to: '2026-10-31' }),
    );
    const raw = await queryRows<{ student_id: number; hours: number; valid: number; illness: number }>(
      db,
      sql`
      select c.student_id, sum(l.hours)::int as hours, sum(case when a.is_valid then l.hours else 0 end)::int as valid,
        sum(case when c.attendance = 'б' then l.hours else 0 end)::int as illness
      from journal_cells c join lessons l on l.institution_id = c.institution_id and l.id = c.lesson_id
      join teaching_assignments ta on ta.institution_id = l.institution_id and ta.id = l.teaching_assignment_id
      join attendance_codes a on a.institution_id = c.institution_id and a.code = c.attendance and a.is_absence
      where ta.group_id = ${groupId} and l.date between '2026-10-01' and '2026-10-31' group by c.student_id`,
    );
    const byStudent = new Map(raw.map((r) => [r.student_id, r]));
    expect(report.totals.hours).toBeGreaterThan(0);
    for (const row of report.rows) {
      const r = byStudent.get(row.studentId);
      expect([row.hours, row.valid, row.illness]).toEqual([r?.hours ?? 0, r?.valid ?? 0, r?.illness ?? 0]);
      expect(row.valid + row.invalid).toBe(row.hours);
    }
    const attendancePdf = await renderAttendancePdf(report);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/attendance.pdf', attendancePdf);
    const { text } = await extractText(new Uint8Array(attendancePdf), { mergePages: true });
    expect(text).toContain('ОТЧЁТ О ПОСЕЩАЕМОСТИ');
    expect(text).toContain(report.rows[0]!.name);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderAttendanceXlsx(report)) as unknown as ArrayBuffer);
    const last = wb.worksheets[0]!.lastRow!.values as unknown[];
    expect(last.slice(2)).toEqual([
      'Итого по группе',
      report.totals.lessons,
      report.totals.hours,
      report.totals.valid,
      report.totals.illness,
      report.totals.invalid,
    ]);
    await expect(
      loadAttendance(
        db,
        curator,
        attendanceInput.parse({ groupId, termId: term!.id, from: '2026-11-01', to: '2026-10-01' }),
      ),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('Период:') });
  });

  it('the exam sheet lists the group with the results entered and the examiner', async () => {
    const db = demo.database.db;
    const { teacher, curator } = demo.actors;
    const journalId = await demoJournalId(db, teacher);
    const [journal] = await db.select().from(teachingAssignments).where(eq(teachingAssignments.id, journalId));
    const first = await loadExamSheet(db, teacher, journalId);
    expect(first.rows.length).toBeGreaterThan(5);
    const field = attestationFieldOf(first.assignment.attestationForm);
    const studentId = first.rows[0]!.studentId;
    const value = field === 'credit' ? 'зачтено' : '5';
    await db
      .insert(attestationResults)
      .values({
        institutionId: journal!.institutionId,
        teachingAssignmentId: journalId,
        studentId,
        field,
        value,
      })
      .onConflictDoNothing();
    const sheet = await loadExamSheet(db, curator, journalId);
    expect(sheet.rows[0]!.result).toBe(value);
    expect(sheet.summary).toContain(`«${value}» — 1`);
    const examPdf = await renderExamSheetPdf(sheet);
    writeFileSync('test-results/exam-sheet.pdf', examPdf);
    const { text } = await extractText(new Uint8Array(examPdf), { mergePages: true });
    expect(text).toContain(sheet.title);
    expect(text).toContain('№ билета');
    expect(text).toContain(sheet.rows[0]!.name);
    expect(text).toContain(`Экзаменаторы: ${sheet.examiner}`);
  });
});
